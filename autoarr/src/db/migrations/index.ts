// Forward-only migrations, in order. Never edit or remove a shipped one: add the next number. Each one takes the
// dialect, so the same list builds the same tables in a SQLite file and in PostgreSQL.
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { SqlDialect } from './dialect.js';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_monitor.js';
import * as m0003 from './0003_audit.js';

interface PortableMigration {
  up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void>;
}

const portable: Record<string, PortableMigration> = {
  '0001_initial': m0001,
  '0002_monitor': m0002,
  '0003_audit': m0003,
};

/** The migration names (the keys), for telling AutoArr's database from another program's. */
export const migrations: Record<string, PortableMigration> = portable;

export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  const bound: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(portable)) bound[name] = { up: (db) => m.up(db, dialect) };
  return { getMigrations: async () => bound };
}
