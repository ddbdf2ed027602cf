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

export interface Database {
  activity: ActivityTable;
  kv: KvTable;
}
