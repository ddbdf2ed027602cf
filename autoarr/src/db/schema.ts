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

export interface Database {
  activity: ActivityTable;
  kv: KvTable;
  monitor_item: MonitorItemTable;
  monitor_action: MonitorActionTable;
}
