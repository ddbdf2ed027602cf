// The AuditService: run, report, preview/fix, fix all safe findings, list changes and roll them back. REST, the
// command path (MQTT button, MCP, UI) and the schedule all call this one object. Runs and writes are serialised so
// a scheduled run never interleaves with a fix.
import type { ActivityLog } from '../activity/activity-log.js';
import type { EventBus } from '../bus/bus.js';
import { UserError } from '../core/errors.js';
import type { Logger } from '../log/logger.js';
import type {
  AuditChange,
  AuditFixAllResult,
  AuditFixPreview,
  AuditFixResult,
  AuditReport,
  AuditRollbackResult,
  AuditRun,
} from '../shared/types.js';
import { evaluate, findingKey, findingsOf, instanceScores, ruleInfo, score } from './engine.js';
import { applyFix, preview, writeVerified, type PlannedFix } from './fixer.js';
import { describeError, readInstance, readTarget, type AuditApps } from './io.js';
import type { AuditStore, StoredChange } from './store.js';
import type { Rule, SettingValue, StackSnapshot } from './types.js';
import { sameValue, show } from './values.js';

export interface AuditService {
  run(opts?: { trigger?: AuditRun['trigger']; by?: string }): Promise<AuditRun>;
  latest(): Promise<AuditReport>;
  preview(findingId: string): Promise<AuditFixPreview>;
  fix(findingId: string, opts?: { dryRun?: boolean; by?: string }): Promise<AuditFixResult>;
  fixAllSafe(opts?: { dryRun?: boolean; by?: string }): Promise<AuditFixAllResult>;
  changes(): Promise<AuditChange[]>;
  rollback(changeId: number, opts?: { by?: string }): Promise<AuditRollbackResult>;
}

export interface AuditDeps {
  apps: AuditApps;
  store: AuditStore;
  bus: EventBus;
  activity: ActivityLog;
  log: Logger;
  rules: Rule[];
  now: () => Date;
  /** When the next scheduled run is due (for the report). */
  nextRunAt?: () => string | undefined;
}

export function createAuditService(d: AuditDeps): AuditService {
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const ruleById = new Map(d.rules.map((r) => [r.id, r]));
  const instanceById = (id: string) => d.apps.instances().find((i) => i.id === id);

  async function readStack(): Promise<StackSnapshot> {
    return { instances: await Promise.all(d.apps.instances().map((i) => readInstance(d.apps, i))) };
  }

  /** `ours`: findings our own rollback re-opens; they are expected, not drift. */
  async function doRun(trigger: AuditRun['trigger'], by: string, ours: string[] = []): Promise<AuditRun> {
    const startedAt = d.now().toISOString();
    const stack = await readStack();
    const outcomes = evaluate(d.rules, stack);
    const previous = await d.store.latestRun();
    const findings = findingsOf(outcomes);
    if (previous) {
      // Drift: failing now, evaluated last time, and not failing then. Apps that could not be read last time are
      // not compared, so an app coming back online does not look like drift.
      const evaluated = new Set(
        previous.checks
          .filter((c) => c.status === 'pass' || c.status === 'fail')
          .map((c) => `${c.instanceId} ${c.ruleId}`),
      );
      const before = new Set(previous.findings.map((f) => f.id));
      for (const f of findings)
        f.drift = evaluated.has(`${f.instanceId} ${f.ruleId}`) && !before.has(f.id) && !ours.includes(f.id);
    }
    const run = await d.store.saveRun({
      startedAt,
      finishedAt: d.now().toISOString(),
      trigger,
      by,
      score: score(outcomes),
      instances: instanceScores(stack, outcomes),
      checks: outcomes.map((o) => ({
        ruleId: o.rule.id,
        instanceId: o.instance.id,
        status: o.status,
        ...(o.reason ? { reason: o.reason } : {}),
      })),
      findings,
    });
    const drift = run.findings.filter((f) => f.drift);
    const scoreText = run.score === null ? 'no app could be read' : `score ${run.score} %`;
    await d.activity.add({
      kind: 'audit',
      action: 'run',
      message: `Audit (${trigger}): ${scoreText}, ${run.findings.length} findings${drift.length ? `, ${drift.length} new` : ''}`,
      evidence: { runId: run.id, by },
    });
    if (drift.length) {
      d.bus.emit('audit.drift', {
        findings: drift.map((f) => ({
          id: f.id,
          ruleId: f.ruleId,
          instanceId: f.instanceId,
          title: f.title,
          severity: f.severity,
        })),
      });
    }
    if (run.score !== null)
      d.bus.emit('audit.completed', { runId: run.id, score: run.score, findings: run.findings.length });
    return run;
  }

  /** The fix for a finding of the latest run, planned on settings read just now; or why there is none: the app could
   * not be read (error) or the setting is already right (resolved). */
  async function plan(
    findingId: string,
    stack?: StackSnapshot,
  ): Promise<PlannedFix | { kind: 'error' | 'resolved'; message: string; instanceId: string; title: string }> {
    const latest = await d.store.latestRun();
    const finding = latest?.findings.find((f) => f.id === findingId);
    if (!finding)
      throw new UserError(
        'not_found',
        `No open audit finding ${findingId}; run the audit again and use a current id.`,
        404,
      );
    const rule = ruleById.get(finding.ruleId);
    const instance = instanceById(finding.instanceId);
    if (!rule || !instance)
      throw new UserError('not_found', `The rule or app of finding ${findingId} no longer exists.`, 404);
    if (!rule.fixable || rule.judgement || !finding.fixable)
      throw new UserError(
        'not_fixable',
        `"${rule.title}" needs your judgement; AutoArr does not change it automatically. ${rule.settingUi}.`,
        409,
      );
    const snap = stack ?? (await readStack());
    const outcome = evaluate([rule], snap).find((o) => o.instance.id === instance.id);
    if (!outcome || outcome.status === 'unknown') {
      const why = outcome?.reason ?? 'no answer';
      return {
        kind: 'error',
        message: `${instance.name}: the current settings could not be read (${why}). Nothing was changed.`,
        instanceId: instance.id,
        title: rule.title,
      };
    }
    const failure = outcome.failures.find((f) => findingKey(rule.id, instance.id, f.subject) === findingId);
    if (!failure?.fix)
      return {
        kind: 'resolved',
        message: `${instance.name}: "${rule.title}" no longer fails; nothing to change.`,
        instanceId: instance.id,
        title: rule.title,
      };
    return { findingId, rule, instance, plan: failure.fix };
  }

  async function recordAndAnnounce(c: Parameters<AuditStore['addChange']>[0]): Promise<StoredChange> {
    const stored = await d.store.addChange(c);
    d.bus.emit('audit.changed', {
      changeId: stored.id,
      kind: stored.kind,
      instanceId: stored.instanceId,
      ruleId: stored.ruleId,
      by: stored.by,
    });
    const rule = ruleById.get(stored.ruleId);
    await d.activity.add({
      kind: 'audit',
      action: stored.kind,
      instanceId: stored.instanceId,
      title: rule?.title,
      message: `${stored.kind === 'fix' ? 'Changed' : 'Restored'} ${rule?.settingUi ?? stored.ruleId}: ${show(stored.oldValue)} → ${show(stored.newValue)} (by ${stored.by})`,
      evidence: { changeId: stored.id },
    });
    return stored;
  }

  function toChange(c: StoredChange): AuditChange {
    const rule = ruleById.get(c.ruleId);
    const inst = instanceById(c.instanceId);
    return {
      id: c.id,
      kind: c.kind,
      at: c.at,
      by: c.by,
      ...(c.findingKey ? { findingId: c.findingKey } : {}),
      ruleId: c.ruleId,
      title: rule?.title ?? c.ruleId,
      instanceId: c.instanceId,
      instanceName: inst?.name ?? c.instanceId,
      app: inst?.app ?? rule?.app ?? 'sabnzbd',
      setting: rule?.settingUi ?? c.ruleId,
      oldValue: c.oldValue,
      newValue: c.newValue,
      ...(c.revertsChangeId !== null ? { revertsChangeId: c.revertsChangeId } : {}),
      ...(c.rolledBackByChangeId !== null ? { rolledBackByChangeId: c.rolledBackByChangeId } : {}),
      canRollback: c.kind === 'fix' && c.rolledBackByChangeId === null,
    };
  }

  async function fixOne(findingId: string, dryRun: boolean, by: string, stack?: StackSnapshot) {
    const p = await plan(findingId, stack);
    const out =
      'kind' in p
        ? { result: { ok: p.kind === 'resolved', dryRun, findingId, message: p.message } satisfies AuditFixResult }
        : await applyFix(d.apps, p, { dryRun, by, now: d.now, record: recordAndAnnounce });
    if (!out.result.ok) {
      // Nothing changed, but the attempt and its reason belong in the activity log.
      const instanceId = 'kind' in p ? p.instanceId : p.instance.id;
      d.log.warn('An audit fix failed', { findingId, instanceId, message: out.result.message });
      await d.activity.add({
        kind: 'audit',
        action: 'fix_failed',
        instanceId,
        title: 'kind' in p ? p.title : p.rule.title,
        message: out.result.message,
        evidence: { findingId, by },
      });
    }
    return out;
  }

  return {
    run: (opts = {}) => serial(() => doRun(opts.trigger ?? 'manual', opts.by ?? 'user')),

    async latest() {
      const run = (await d.store.latestRun()) ?? null;
      const next = d.nextRunAt?.();
      return { run, rules: d.rules.map(ruleInfo), ...(next ? { nextRunAt: next } : {}) };
    },

    preview: (findingId) =>
      serial(async () => {
        const p = await plan(findingId);
        if ('kind' in p)
          throw new UserError(p.kind === 'error' ? 'app_error' : 'resolved', p.message, p.kind === 'error' ? 502 : 409);
        try {
          return preview(p, await readTarget(d.apps, p.instance, p.plan.target));
        } catch (err) {
          throw new UserError('app_error', describeError(err, p.instance), 502);
        }
      }),

    fix: (findingId, opts = {}) =>
      serial(async () => {
        const dryRun = opts.dryRun ?? false;
        const { result, change } = await fixOne(findingId, dryRun, opts.by ?? 'user');
        if (change) {
          result.change = toChange(change);
          await doRun('after_fix', opts.by ?? 'user');
        }
        return result;
      }),

    fixAllSafe: (opts = {}) =>
      serial(async () => {
        const dryRun = opts.dryRun ?? false;
        const by = opts.by ?? 'user';
        const latest = await d.store.latestRun();
        const ids = (latest?.findings ?? []).filter((f) => f.fixable).map((f) => f.id);
        if (!ids.length) return { ok: true, dryRun, message: 'No finding has a safe automatic fix.', results: [] };
        const stack = await readStack();
        const results: AuditFixResult[] = [];
        let changed = 0;
        for (const id of ids) {
          const { result, change } = await fixOne(id, dryRun, by, stack);
          if (change) {
            changed++;
            result.change = toChange(change);
          }
          results.push(result);
        }
        const failed = results.filter((r) => !r.ok).length;
        const run = changed ? await doRun('after_fix', by) : undefined;
        const verb = dryRun
          ? `${results.filter((r) => r.preview).length} changes would be made`
          : `${changed} settings changed`;
        return {
          ok: failed === 0,
          dryRun,
          message: `${verb}${failed ? `, ${failed} could not be fixed (see each result)` : ''}.`,
          results,
          ...(run ? { runId: run.id } : {}),
        };
      }),

    async changes() {
      return (await d.store.changes()).map(toChange);
    },

    rollback: (changeId, opts = {}) =>
      serial(async () => {
        const by = opts.by ?? 'user';
        const c = await d.store.change(changeId);
        if (!c) throw new UserError('not_found', `No recorded change ${changeId}.`, 404);
        if (c.kind !== 'fix')
          throw new UserError(
            'not_rollbackable',
            `Change ${changeId} is itself a rollback; fix the finding again instead.`,
            409,
          );
        if (c.rolledBackByChangeId !== null)
          throw new UserError(
            'already_rolled_back',
            `Change ${changeId} was already rolled back (change ${c.rolledBackByChangeId}).`,
            409,
          );
        const instance = instanceById(c.instanceId);
        if (!instance)
          throw new UserError('not_found', `The app instance ${c.instanceId} is no longer configured.`, 404);
        const rule = ruleById.get(c.ruleId);
        const setting = rule?.settingUi ?? c.ruleId;
        let current: unknown;
        try {
          current = await readTarget(d.apps, instance, c.target);
        } catch (err) {
          return {
            ok: false,
            changeId,
            message: `${instance.name} (${setting}): could not read the current value — ${describeError(err, instance)} Nothing was changed.`,
          };
        }
        if (!sameValue(current, c.newValue)) {
          return {
            ok: false,
            changeId,
            message: `${instance.name} → ${setting} was changed again since this fix (now ${show(current)}); rolling back would overwrite that. Change it in ${instance.name} yourself if you still want ${show(c.oldValue)}.`,
          };
        }
        const written = await writeVerified(d.apps, instance, c.target, setting, current, c.oldValue as SettingValue);
        if (!written.ok) return { ok: false, changeId, message: written.message };
        const stored = await recordAndAnnounce({
          kind: 'rollback',
          at: d.now().toISOString(),
          by,
          findingKey: c.findingKey,
          ruleId: c.ruleId,
          instanceId: c.instanceId,
          target: c.target,
          oldValue: current,
          newValue: written.current,
          revertsChangeId: c.id,
        });
        await doRun('after_fix', by, c.findingKey ? [c.findingKey] : []);
        return {
          ok: true,
          changeId,
          change: toChange(stored),
          message: `Restored ${instance.name} → ${setting} to ${show(c.oldValue)} and verified it.`,
        };
      }),
  };
}
