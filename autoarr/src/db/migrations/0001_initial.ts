import { sql, type Kysely } from 'kysely';
import { idKey, type SqlDialect } from './dialect.js';

export async function up(db: Kysely<unknown>, dialect: SqlDialect = 'sqlite'): Promise<void> {
  await db.schema
    .createTable('activity')
    .addColumn('id', 'integer', idKey(dialect))
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('download_id', 'text')
    .addColumn('instance_id', 'text')
    .addColumn('title', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('activity_time').on('activity').column('time').execute();
  await db.schema.createIndex('activity_download').on('activity').column('download_id').execute();
  await db.schema
    .createTable('kv')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
}
