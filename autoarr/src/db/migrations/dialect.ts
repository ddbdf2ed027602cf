// The few column definitions SQLite and PostgreSQL spell differently. The SQLite spelling is what shipped first and
// is kept exactly, so existing files see no change.
import type { ColumnDefinitionBuilder } from 'kysely';

export type SqlDialect = 'sqlite' | 'postgres';

type Build = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/** An integer primary key numbered by the database: AUTOINCREMENT in SQLite, an identity column in PostgreSQL. */
export function idKey(dialect: SqlDialect): Build {
  return dialect === 'postgres'
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
}

/** A floating-point column: SQLite's REAL is 8 bytes; PostgreSQL's real is 4, so it gets double precision. */
export const floatType = (dialect: SqlDialect) => (dialect === 'postgres' ? 'double precision' : 'real');
