// Settings audit tools: run the audit, read its findings, fix one finding (preview first) and roll a fix back.
// Runs, fixes and rollbacks go through the one command path; reads come from the audit service's report.
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import type { AuditChange, AuditFinding } from '../../shared/types.js';
import {
  UNTRUSTED_NOTE,
  actionOutput,
  confirmInput,
  countText,
  doneOf,
  pageOf,
  pageOutput,
  pagingInput,
  previewOf,
  untrustedText,
} from '../common.js';
import { defineTool, type ToolEnv } from '../define.js';
import type { AuditPort } from '../deps.js';

function auditService(env: ToolEnv): AuditPort {
  if (!env.deps.audit)
    throw new UserError(
      'unavailable',
      'The settings audit is not running, so there are no findings to show; check the AutoArr log for why it stopped.',
      503,
    );
  return env.deps.audit;
}

const valueText = (v: unknown) => untrustedText(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

const findingItem = z.object({
  id: z.string().describe('Finding id for autoarr_fix_finding.'),
  ruleId: z.string(),
  instanceId: z.string(),
  app: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  title: z.string(),
  setting: z.string().describe('Where the person finds the setting in the app.'),
  expected: z.string(),
  why: z.string(),
  fixable: z.boolean().describe('AutoArr can fix it itself (with a preview and a rollback).'),
  drift: z.boolean().describe('New since the previous audit.'),
  untrusted: z.object({ current: z.string(), subject: z.string(), detail: z.string() }).describe(UNTRUSTED_NOTE),
});

const mapFinding = (f: AuditFinding): z.infer<typeof findingItem> => ({
  id: f.id,
  ruleId: f.ruleId,
  instanceId: f.instanceId,
  app: f.app,
  severity: f.severity,
  title: f.title,
  setting: f.settingUi,
  expected: f.expected,
  why: f.why,
  fixable: f.fixable,
  drift: f.drift,
  untrusted: { current: valueText(f.current), subject: untrustedText(f.subject), detail: untrustedText(f.detail) },
});

const changeItem = z.object({
  id: z.number().describe('Change id for autoarr_rollback_change.'),
  kind: z.enum(['fix', 'rollback']),
  at: z.string(),
  instanceId: z.string(),
  setting: z.string(),
  canRollback: z.boolean(),
  untrusted: z.object({ oldValue: z.string(), newValue: z.string() }).describe(UNTRUSTED_NOTE),
});
const mapChange = (c: AuditChange): z.infer<typeof changeItem> => ({
  id: c.id,
  kind: c.kind,
  at: c.at,
  instanceId: c.instanceId,
  setting: c.setting,
  canRollback: c.canRollback,
  untrusted: { oldValue: valueText(c.oldValue), newValue: valueText(c.newValue) },
});

const runAudit = defineTool({
  name: 'autoarr_run_audit',
  title: 'Run the settings audit',
  description: "Checks the apps' settings against best practice now (reads only); then read autoarr_get_audit.",
  group: 'autoarr',
  needs: 'audit',
  effect: 'write',
  idempotent: true,
  input: {},
  output: { ok: z.boolean(), runId: z.number().optional(), message: z.string() },
  async run(_a, env) {
    const r = await env.deps.ctx.commands.run('audit.run', { by: 'mcp' });
    if (!r.ok) throw new UserError('audit_failed', r.message, 502);
    return {
      data: { ok: r.ok, ...(r.runId !== undefined ? { runId: r.runId } : {}), message: untrustedText(r.message) },
      summary: `${untrustedText(r.message)} Read the findings with autoarr_get_audit.`,
    };
  },
});

const getAudit = defineTool({
  name: 'autoarr_get_audit',
  title: 'Settings audit findings',
  description: 'The last settings audit: score per app, each setting off best practice, why it matters, if fixable.',
  group: 'autoarr',
  needs: 'audit',
  effect: 'read',
  input: {
    ...pagingInput,
    severity: z.enum(['critical', 'warning', 'info']).optional().describe('Only findings of this severity.'),
    instanceId: z.string().optional().describe('Only findings for this app instance.'),
  },
  output: {
    run: z
      .object({
        id: z.number(),
        finishedAt: z.string(),
        score: z.number().nullable(),
        driftCount: z.number(),
        instances: z.array(
          z.object({
            instanceId: z.string(),
            score: z.number().nullable(),
            failed: z.number(),
            errors: z.array(z.string()),
          }),
        ),
      })
      .nullable(),
    ...pageOutput,
    items: z.array(findingItem),
    changes: z.array(changeItem).describe('Recent fixes and rollbacks, newest first.'),
  },
  async run({ page, pageSize, severity, instanceId }, env) {
    const service = auditService(env);
    const { run } = await service.latest();
    const order = { critical: 0, warning: 1, info: 2 } as const;
    const all = (run?.findings ?? [])
      .filter((f) => (!severity || f.severity === severity) && (!instanceId || f.instanceId === instanceId))
      .sort((a, b) => order[a.severity] - order[b.severity]);
    const p = pageOf(all, page, pageSize);
    const changes = ((await service.changes?.()) ?? []).slice(0, 10).map(mapChange);
    const items = p.items.map(mapFinding);
    return {
      data: {
        run: run
          ? {
              id: run.id,
              finishedAt: run.finishedAt,
              score: run.score,
              driftCount: run.driftCount,
              instances: run.instances.map((i) => ({
                instanceId: i.instanceId,
                score: i.score,
                failed: i.failed,
                errors: i.errors.map(untrustedText),
              })),
            }
          : null,
        ...p,
        items,
        changes,
      },
      summary: run
        ? `Audit ${run.finishedAt}: score ${run.score ?? 'unknown'}/100, ${countText(items.length, p.total, 'findings')}, ${items.filter((i) => i.fixable).length} fixable on this page.`
        : 'No settings audit has run yet; call autoarr_run_audit.',
      untrusted: items.map(
        (i) =>
          `${i.id}: ${i.title} — current ${i.untrusted.current}${i.untrusted.detail ? ` (${i.untrusted.detail})` : ''}`,
      ),
    };
  },
});

const fixFinding = defineTool({
  name: 'autoarr_fix_finding',
  title: 'Fix an audit finding',
  description:
    'Sets the recommended value for a fixable audit finding. Previews unless confirm: true; rollback undoes it.',
  group: 'autoarr',
  needs: 'audit',
  effect: 'destructive',
  input: { findingId: z.string().min(1).describe('Finding id from autoarr_get_audit.'), ...confirmInput },
  output: {
    ...actionOutput,
    findingId: z.string(),
    change: changeItem.optional(),
    untrusted: z.object({ current: z.string(), proposed: z.string(), message: z.string() }).describe(UNTRUSTED_NOTE),
  },
  async run({ findingId, confirm }, env) {
    const r = await env.deps.ctx.commands.run('audit.fix', { findingId, dryRun: !confirm, by: 'mcp' });
    if (!r.ok) throw new UserError('fix_failed', r.message, 409);
    const pv = r.preview;
    const action = pv
      ? `set "${pv.setting}" on ${pv.instanceName} to the recommended value (${pv.effect})`
      : `apply the fix for finding ${findingId}`;
    const untrusted = {
      current: valueText(pv?.current ?? r.change?.oldValue),
      proposed: valueText(pv?.proposed ?? r.change?.newValue),
      message: untrustedText(r.message),
    };
    const base = confirm ? doneOf(action) : previewOf(action);
    return {
      ...base,
      data: { ...base.data, findingId, ...(r.change ? { change: mapChange(r.change) } : {}), untrusted },
      untrusted: [`current: ${untrusted.current}`, `proposed: ${untrusted.proposed}`, untrusted.message],
    };
  },
});

const rollbackChange = defineTool({
  name: 'autoarr_rollback_change',
  title: 'Undo a settings fix',
  description: 'Puts a setting back to its value before an AutoArr fix. Previews unless confirm: true.',
  group: 'autoarr',
  needs: 'audit',
  effect: 'destructive',
  idempotent: true,
  input: { changeId: z.number().int().min(1).describe('Change id from autoarr_get_audit.'), ...confirmInput },
  output: { ...actionOutput, changeId: z.number(), change: changeItem.optional() },
  async run({ changeId, confirm }, env) {
    const known = (await env.deps.audit?.changes?.())?.find((c) => c.id === changeId);
    if (env.deps.audit?.changes && !known)
      throw new UserError('not_found', `There is no settings change ${changeId}; see autoarr_get_audit`, 404);
    if (known && !known.canRollback)
      throw new UserError('conflict', `Change ${changeId} was already rolled back or cannot be undone`, 409);
    const target = known ? mapChange(known) : undefined;
    const action = known
      ? `set "${known.setting}" on ${known.instanceName} back to its value before change ${changeId}`
      : `roll back settings change ${changeId}`;
    const untrusted = target ? [`restore: ${target.untrusted.oldValue} (now ${target.untrusted.newValue})`] : [];
    if (!confirm) {
      const p = previewOf(action);
      return { ...p, data: { ...p.data, changeId, ...(target ? { change: target } : {}) }, untrusted };
    }
    const r = await env.deps.ctx.commands.run('audit.rollback', { changeId, by: 'mcp' });
    if (!r.ok) throw new UserError('rollback_failed', r.message, 409);
    const d = doneOf(action);
    const change = r.change ? mapChange(r.change) : target;
    return { ...d, data: { ...d.data, changeId, ...(change ? { change } : {}) }, untrusted: [...untrusted, r.message] };
  },
});

export const auditTools = [runAudit, getAudit, fixFinding, rollbackChange];
