// The pure core of the audit: evaluate every rule against a settings snapshot, then score the outcome.
// No I/O here, so the whole catalogue is tested on purpose-made settings.
import { createHash } from 'node:crypto';
import type { AuditFinding, AuditInstanceScore, AuditRuleInfo, AuditSeverity } from '../shared/types.js';
import type { CheckOutcome, InstanceSnapshot, Rule, StackSnapshot } from './types.js';

const SOURCE_LABEL: Partial<Record<string, string>> = {
  remotePathMappings: 'remote path mappings',
  qualityDefinitions: 'quality definitions',
  indexers: 'the indexer list',
};

export const SEVERITY_WEIGHT: Record<AuditSeverity, number> = { critical: 5, warning: 3, info: 1 };

/** Runs each rule of the instance's app; a rule whose sources could not be read is "unknown", never a failure. */
export function evaluate(rules: Rule[], stack: StackSnapshot): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  for (const snap of stack.instances) {
    for (const rule of rules.filter((r) => r.app === snap.instance.app)) out.push(evaluateOne(rule, snap, stack));
  }
  return out;
}

function evaluateOne(rule: Rule, snap: InstanceSnapshot, stack: StackSnapshot): CheckOutcome {
  const base = { rule, instance: snap.instance, failures: [] };
  const missing = rule.reads.find((s) => snap.sources[s] === undefined);
  if (missing) {
    const why =
      snap.errors[missing] ??
      `AutoArr does not read ${SOURCE_LABEL[missing] ?? missing} from ${snap.instance.name} yet`;
    return { ...base, status: 'unknown', reason: why };
  }
  try {
    const o = rule.check({ snap, stack });
    if (o.status === 'fail') return { ...base, status: 'fail', failures: o.failures };
    if (o.status === 'pass') return { ...base, status: 'pass' };
    return { ...base, status: o.status, reason: o.reason };
  } catch (err) {
    // A surprising shape from an app must not sink the whole run.
    return {
      ...base,
      status: 'unknown',
      reason: `rule ${rule.id} could not read the settings (${(err as Error).message})`,
    };
  }
}

/** 0..100 weighted by severity over the checks that passed or failed; null when none could be evaluated. */
export function score(outcomes: CheckOutcome[]): number | null {
  let total = 0;
  let ok = 0;
  for (const o of outcomes) {
    if (o.status !== 'pass' && o.status !== 'fail') continue;
    const w = SEVERITY_WEIGHT[o.rule.severity];
    total += w;
    if (o.status === 'pass') ok += w;
  }
  return total === 0 ? null : Math.round((ok / total) * 1000) / 10;
}

export function instanceScores(stack: StackSnapshot, outcomes: CheckOutcome[]): AuditInstanceScore[] {
  return stack.instances.map((snap) => {
    const mine = outcomes.filter((o) => o.instance.id === snap.instance.id);
    const count = (s: CheckOutcome['status']) => mine.filter((o) => o.status === s).length;
    return {
      instanceId: snap.instance.id,
      name: snap.instance.name,
      app: snap.instance.app,
      score: score(mine),
      passed: count('pass'),
      failed: count('fail'),
      unknown: count('unknown'),
      notApplicable: count('not_applicable'),
      errors: [...new Set(Object.values(snap.errors).filter((e): e is string => !!e))],
    };
  });
}

/** Same rule, instance and subject → same id in every run. */
export function findingKey(ruleId: string, instanceId: string, subject?: string): string {
  const h = createHash('sha1')
    .update(`${instanceId}\u0000${ruleId}\u0000${subject ?? ''}`)
    .digest('hex');
  return `f_${h.slice(0, 12)}`;
}

/** One finding per failure (the drift flag is set later by comparing with the previous run). */
export function findingsOf(outcomes: CheckOutcome[]): AuditFinding[] {
  return outcomes.flatMap((o) =>
    o.failures.map((f) => ({
      id: findingKey(o.rule.id, o.instance.id, f.subject),
      ruleId: o.rule.id,
      ref: o.rule.ref,
      instanceId: o.instance.id,
      instanceName: o.instance.name,
      app: o.instance.app,
      severity: o.rule.severity,
      title: o.rule.title,
      ...(f.subject ? { subject: f.subject } : {}),
      settingUi: o.rule.settingUi,
      settingApi: o.rule.settingApi,
      current: f.current ?? null,
      expected: o.rule.expected,
      why: o.rule.why,
      source: o.rule.source,
      ...(f.detail ? { detail: f.detail } : {}),
      fixable: !!f.fix && !o.rule.judgement,
      drift: false,
    })),
  );
}

export function ruleInfo(rule: Rule): AuditRuleInfo {
  return {
    id: rule.id,
    app: rule.app,
    ref: rule.ref,
    title: rule.title,
    severity: rule.severity,
    settingUi: rule.settingUi,
    settingApi: rule.settingApi,
    read: rule.read,
    expected: rule.expected,
    why: rule.why,
    source: rule.source,
    fixable: rule.fixable,
    judgement: !!rule.judgement,
  };
}
