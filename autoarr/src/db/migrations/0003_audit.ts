// Audit runs, their findings and the setting changes the audit made (with what they replaced, for rollback).
import type { Kysely } from 'kysely';
import { floatType, idKey, type SqlDialect } from './dialect.js';

export async function up(db: Kysely<unknown>, dialect: SqlDialect = 'sqlite'): Promise<void> {
  await db.schema
    .createTable('audit_runs')
    .addColumn('id', 'integer', idKey(dialect))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('score', floatType(dialect))
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_findings')
    .addColumn('id', 'integer', idKey(dialect))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id').onDelete('cascade'))
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('drift', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('audit_findings_run').on('audit_findings').column('run_id').execute();
  await db.schema
    .createTable('audit_changes')
    .addColumn('id', 'integer', idKey(dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('finding_key', 'text')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text', (c) => c.notNull())
    .addColumn('new_value', 'text', (c) => c.notNull())
    .addColumn('reverts_change_id', 'integer')
    .addColumn('rolled_back_by_change_id', 'integer')
    .execute();
}
