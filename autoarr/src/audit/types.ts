// The audit's internal model: rules as data with a pure check, settings snapshots, and where a fix writes.
import type { AppKind, AuditCheckStatus, AuditSeverity } from '../shared/types.js';

/** Settings read from one app instance, by source; a source that could not be read is absent (see errors). */
export interface InstanceSnapshot {
  instance: { id: string; app: AppKind; name: string };
  sources: Partial<Record<SourceName, unknown>>;
  /** Source → what went wrong reading it (already redacted, names the app and what to do). */
  errors: Partial<Record<SourceName, string>>;
}

export interface StackSnapshot {
  instances: InstanceSnapshot[];
}

export type ArrSource =
  | 'mediamanagement'
  | 'naming'
  | 'downloadclient'
  | 'indexer'
  | 'downloadClients'
  | 'qualityProfiles'
  | 'rootFolders'
  | 'health'
  /** Optional sources: read only when the app client offers them. */
  | 'remotePathMappings'
  | 'qualityDefinitions'
  | 'indexers';
export type SabSource = 'misc' | 'servers' | 'categories' | 'sorters' | 'warnings';
export type PlexSource = 'prefs' | 'sections' | 'identity';
export type SourceName = ArrSource | SabSource | PlexSource;

/** Where a setting lives, so the fixer can read it, write it and read it back. */
export type WriteTarget =
  | { kind: 'sab_misc'; keyword: string }
  | { kind: 'arr_config'; config: 'mediamanagement' | 'naming' | 'downloadclient' | 'indexer'; field: string }
  | { kind: 'plex_pref'; id: string }
  /** One flag of one *arr download client (the PUT takes the whole client resource). */
  | { kind: 'arr_download_client'; clientId: number; field: ArrClientFlag };

export type ArrClientFlag = 'removeCompletedDownloads' | 'removeFailedDownloads';

export type SettingValue = string | number | boolean | string[];

export interface FixPlan {
  target: WriteTarget;
  value: SettingValue;
  /** What changes for the person when the fix is applied. */
  effect: string;
}

export interface Failure {
  /** Identifies one of several failures of a rule: a sorter's name, a health check, a download client. */
  subject?: string;
  current: unknown;
  detail?: string;
  fix?: FixPlan;
}

export type Outcome =
  | { status: 'pass' }
  | { status: 'fail'; failures: Failure[] }
  | { status: 'not_applicable'; reason: string }
  | { status: 'unknown'; reason: string };

export interface RuleInput {
  snap: InstanceSnapshot;
  stack: StackSnapshot;
}

export interface Rule {
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
  /** Sources of this instance the check needs; a missing one makes the outcome "unknown". */
  reads: SourceName[];
  /** Needs judgement: info level, never auto-fixed. */
  judgement?: boolean;
  /** A safe automatic fix exists (each failure then carries its FixPlan). */
  fixable: boolean;
  check(input: RuleInput): Outcome;
}

export interface CheckOutcome {
  rule: Rule;
  instance: InstanceSnapshot['instance'];
  status: AuditCheckStatus;
  reason?: string;
  failures: Failure[];
}
