// The download monitor's durable state: one row per download it knows (strikes, recovery progress, ignore flag),
// and one row per recovery action, written before the action runs and updated after, so a restart neither repeats
// a search nor loses the record.
import type { Kysely } from 'kysely';
import { idKey, type SqlDialect } from './dialect.js';

export async function up(db: Kysely<unknown>, dialect: SqlDialect = 'sqlite'): Promise<void> {
  await db.schema
    .createTable('monitor_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('monitor_action')
    .addColumn('id', 'integer', idKey(dialect))
    .addColumn('download_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('monitor_action_status').on('monitor_action').column('status').execute();
  await db.schema.createIndex('monitor_action_created').on('monitor_action').column('created_at').execute();
}
