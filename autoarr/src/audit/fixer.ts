// Applying one fix: preview (current → new), write, read back to verify, and only then record the change. A write
// the app rejects, a read-back that disagrees, or an app that is down records nothing and says why.
import type { AuditFixPreview, AuditFixResult } from '../shared/types.js';
import { describeError, readTarget, writeTarget, type AuditApps, type AuditInstance } from './io.js';
import type { NewChange, StoredChange } from './store.js';
import type { FixPlan, Rule, SettingValue, WriteTarget } from './types.js';
import { sameValue, show } from './values.js';

export interface PlannedFix {
  findingId: string;
  rule: Rule;
  instance: AuditInstance;
  plan: FixPlan;
}

export function preview(p: PlannedFix, current: unknown): AuditFixPreview {
  return {
    findingId: p.findingId,
    ruleId: p.rule.id,
    title: p.rule.title,
    instanceId: p.instance.id,
    instanceName: p.instance.name,
    app: p.instance.app,
    setting: p.rule.settingUi,
    settingApi: p.rule.settingApi,
    current,
    proposed: p.plan.value,
    effect: p.plan.effect,
  };
}

export type Outcome = { ok: true; current: unknown } | { ok: false; message: string };

/** Writes a value and reads it back; on a disagreeing read-back it tries to put the old value back. */
export async function writeVerified(
  apps: AuditApps,
  instance: AuditInstance,
  target: WriteTarget,
  setting: string,
  oldValue: unknown,
  value: SettingValue,
): Promise<Outcome> {
  const where = `${instance.name} (${setting})`;
  try {
    await writeTarget(apps, instance, target, value);
  } catch (err) {
    return {
      ok: false,
      message: `${where}: the change was not made — ${describeError(err, instance)} Nothing was recorded as changed; check that ${instance.name} is running and its API key is right, then try again.`,
    };
  }
  let after: unknown;
  try {
    after = await readTarget(apps, instance, target);
  } catch (err) {
    return {
      ok: false,
      message: `${where}: the change was sent but could not be verified — ${describeError(err, instance)} Nothing was recorded as changed; check the setting in ${instance.name} and run the audit again.`,
    };
  }
  if (sameValue(after, value)) return { ok: true, current: after };
  // Partial or ignored write: put the old value back so the app is left as it was.
  let restored = false;
  try {
    await writeTarget(apps, instance, target, oldValue as SettingValue);
    restored = sameValue(await readTarget(apps, instance, target), oldValue);
  } catch {
    restored = false;
  }
  return {
    ok: false,
    message:
      `${where}: ${instance.name} accepted the change but still reports ${show(after)} instead of ${show(value)}` +
      `${restored ? '; the old value was put back' : ''}. Nothing was recorded as changed. The setting may be locked ` +
      `or overridden in ${instance.name} (for SABnzbd: config_lock, or a read-only setting); change it there by hand.`,
  };
}

/** Runs one planned fix (or only previews it). `record` stores the change when the write was verified. */
export async function applyFix(
  apps: AuditApps,
  p: PlannedFix,
  opts: { dryRun: boolean; by: string; now: () => Date; record: (c: NewChange) => Promise<StoredChange> },
): Promise<{ result: AuditFixResult; change?: StoredChange }> {
  let current: unknown;
  try {
    current = await readTarget(apps, p.instance, p.plan.target);
  } catch (err) {
    return {
      result: {
        ok: false,
        dryRun: opts.dryRun,
        findingId: p.findingId,
        message: `${p.instance.name} (${p.rule.settingUi}): could not read the current value — ${describeError(err, p.instance)} Nothing was changed.`,
      },
    };
  }
  const pv = preview(p, current);
  if (sameValue(current, p.plan.value)) {
    return {
      result: {
        ok: true,
        dryRun: opts.dryRun,
        findingId: p.findingId,
        preview: pv,
        message: `${p.instance.name}: "${p.rule.title}" is already ${show(current)}; nothing to change.`,
      },
    };
  }
  if (opts.dryRun) {
    return {
      result: {
        ok: true,
        dryRun: true,
        findingId: p.findingId,
        preview: pv,
        message: `Would change ${p.instance.name} → ${p.rule.settingUi} from ${show(current)} to ${show(p.plan.value)}. ${p.plan.effect}`,
      },
    };
  }
  const written = await writeVerified(apps, p.instance, p.plan.target, p.rule.settingUi, current, p.plan.value);
  if (!written.ok)
    return { result: { ok: false, dryRun: false, findingId: p.findingId, preview: pv, message: written.message } };
  const change = await opts.record({
    kind: 'fix',
    at: opts.now().toISOString(),
    by: opts.by,
    findingKey: p.findingId,
    ruleId: p.rule.id,
    instanceId: p.instance.id,
    target: p.plan.target,
    oldValue: current,
    newValue: written.current,
    revertsChangeId: null,
  });
  return {
    change,
    result: {
      ok: true,
      dryRun: false,
      findingId: p.findingId,
      preview: pv,
      message: `Changed ${p.instance.name} → ${p.rule.settingUi} from ${show(current)} to ${show(p.plan.value)} and verified it. ${p.plan.effect}`,
    },
  };
}
