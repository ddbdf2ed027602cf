// Table types for kysely. Each migration that adds a table adds its interface here.
import type { Generated } from 'kysely';

export interface ActivityTable {
  id: Generated<number>;
  time: string;
  kind: string;
  action: string;
  download_id: string | null;
  instance_id: string | null;
  title: string | null;
  message: string;
  /** JSON text. */
  evidence: string | null;
  dry_run: number;
}

export interface KvTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

/** The monitor's durable state per download (JSON in data). */
export interface MonitorItemTable {
  id: string;
  instance_id: string;
  state: string;
  /** JSON text. */
  data: string;
  updated_at: string;
}

/** A recovery action: written as pending before it runs, updated to done/failed/interrupted after. */
export interface MonitorActionTable {
  id: Generated<number>;
  download_id: string;
  instance_id: string;
  /** remove | search | sab_retry | cleanup | delete */
  kind: string;
  /** pending | done | failed | interrupted */
  status: string;
  created_at: string;
  updated_at: string;
  /** JSON text. */
  payload: string | null;
  /** JSON text. */
  result: string | null;
}

/** One audit run; summary is JSON (per-instance scores, every check's outcome, read errors). */
export interface AuditRunTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  /** schedule | manual | after_fix | start */
  trigger: string;
  by: string;
  score: number | null;
  /** JSON text. */
  summary: string;
}

/** A failed check of one run; body is the AuditFinding JSON (secrets already dropped). */
export interface AuditFindingTable {
  id: Generated<number>;
  run_id: number;
  /** Stable across runs: the same rule, instance and subject give the same key (drift, fix by id). */
  finding_key: string;
  rule_id: string;
  instance_id: string;
  severity: string;
  subject: string | null;
  /** JSON text. */
  body: string;
  drift: number;
}

/** A setting the audit changed (fix) or restored (rollback), with the value it replaced. */
export interface AuditChangeTable {
  id: Generated<number>;
  /** fix | rollback */
  kind: string;
  at: string;
  by: string;
  finding_key: string | null;
  rule_id: string;
  instance_id: string;
  /** JSON text: where the value lives (WriteTarget). */
  target: string;
  /** JSON text. */
  old_value: string;
  /** JSON text. */
  new_value: string;
  reverts_change_id: number | null;
  rolled_back_by_change_id: number | null;
}

export interface Database {
  activity: ActivityTable;
  kv: KvTable;
  monitor_item: MonitorItemTable;
  monitor_action: MonitorActionTable;
  audit_runs: AuditRunTable;
  audit_findings: AuditFindingTable;
  audit_changes: AuditChangeTable;
}
