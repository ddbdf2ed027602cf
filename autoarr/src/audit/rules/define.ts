// Builders that keep the catalogue as data: most rules compare one setting with an expected value; the rest give
// their own check. Each builder returns a plain Rule.
import type { AppKind, AuditSeverity } from '../../shared/types.js';
import type { Failure, Outcome, Rule, RuleInput, SettingValue, SourceName, WriteTarget } from '../types.js';
import { isObj, show } from '../values.js';

export interface RuleMeta {
  id: string;
  app: AppKind;
  ref: string;
  title: string;
  severity: AuditSeverity;
  settingUi: string;
  settingApi: string;
  read: string;
  expected: string;
  why: string;
  source: string;
}

export interface SettingRuleSpec extends RuleMeta {
  from: 'misc' | 'mediamanagement' | 'naming' | 'downloadclient' | 'indexer' | 'prefs';
  key: string;
  ok: (value: unknown) => boolean;
  /** The safe value to write and what that changes for the person. */
  fix?: { value: SettingValue | ((current: unknown) => SettingValue); effect: string };
  judgement?: boolean;
  /** Extra words when it fails. */
  detail?: (value: unknown) => string | undefined;
}

function targetFor(from: SettingRuleSpec['from'], key: string): WriteTarget {
  if (from === 'misc') return { kind: 'sab_misc', keyword: key };
  if (from === 'prefs') return { kind: 'plex_pref', id: key };
  return { kind: 'arr_config', config: from, field: key };
}

/** One setting compared with what it should be. A key the app does not report is "unknown" (older version). */
export function settingRule(spec: SettingRuleSpec): Rule {
  const { from, key, ok, fix, judgement, detail, ...meta } = spec;
  if (fix && judgement) throw new Error(`Rule ${meta.id} needs judgement and must not carry a fix`);
  return {
    ...meta,
    reads: [from],
    judgement: judgement ?? false,
    fixable: !!fix,
    check({ snap }: RuleInput): Outcome {
      const data = snap.sources[from];
      if (!isObj(data) || !(key in data)) {
        return { status: 'unknown', reason: `${snap.instance.name} did not report ${key}` };
      }
      const value = data[key];
      if (ok(value)) return { status: 'pass' };
      const failure: Failure = { current: value, detail: detail?.(value) };
      if (fix) {
        const next = typeof fix.value === 'function' ? fix.value(value) : fix.value;
        failure.fix = { target: targetFor(from, key), value: next, effect: fix.effect };
      }
      return { status: 'fail', failures: [failure] };
    },
  };
}

export interface CustomRuleSpec extends RuleMeta {
  reads: SourceName[];
  judgement?: boolean;
  fixable?: boolean;
  check(input: RuleInput): Outcome;
}

export function customRule(spec: CustomRuleSpec): Rule {
  return { ...spec, judgement: spec.judgement ?? false, fixable: spec.fixable ?? false };
}

export const pass: Outcome = { status: 'pass' };

export function fail(failures: Failure[]): Outcome {
  return failures.length ? { status: 'fail', failures } : pass;
}

export function notApplicable(reason: string): Outcome {
  return { status: 'not_applicable', reason };
}

/** "expected on, found off" style detail. */
export function found(value: unknown): string {
  return `currently ${show(value)}`;
}
