// Opens the SQLite database (WAL), refuses files it must not touch, and runs forward-only migrations.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import type { Logger } from '../log/logger.js';
import { BUSY_STEP_MS, DatabaseError, GuardedSqliteDialect } from './driver.js';
import { migrationProvider, migrations } from './migrations/index.js';
import type { SqlDialect } from './migrations/dialect.js';
import type { Database } from './schema.js';
import type { PostgresTarget } from './target.js';
import { describeStorage, storageKind, StorageHealth } from './storage.js';

export { DatabaseError } from './driver.js';

export type Db = Kysely<Database>;

export interface OpenOptions {
  /** How long a statement waits for another program's lock before failing (default 5 s). */
  lockWaitMs?: number;
}

export interface OpenDatabase {
  db: Db;
  sqlite: SQLite.Database;
  /** Whether the database can be read and written right now (for /api/health). */
  health: StorageHealth;
}

/** What the app needs of any backend: the kysely handle and whether the database works right now. */
export interface OpenStore {
  db: Db;
  health: StorageHealth;
  dialect: SqlDialect;
  /** The file, or host:port/database for PostgreSQL (never a password). */
  where: string;
}

/** Opens the configured backend: PostgreSQL when DATABASE_URL is postgres://…, otherwise the SQLite file. */
export async function openStore(
  target: { databasePath: string; postgres?: PostgresTarget },
  log: Logger,
): Promise<OpenStore> {
  if (target.postgres) {
    // Loaded only here: SQLite users never load pg.
    const { openPostgres } = await import('./postgres.js');
    const { db, health, where } = await openPostgres(target.postgres, log);
    return { db, health, dialect: 'postgres', where };
  }
  const { db, health } = await openDatabase(target.databasePath, log);
  return { db, health, dialect: 'sqlite', where: target.databasePath };
}

export async function openDatabase(file: string, log: Logger, opts: OpenOptions = {}): Promise<OpenDatabase> {
  let sqlite: SQLite.Database | undefined;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    // A small busy timeout: SQLite waits synchronously, blocking the event loop; longer waits are the driver's.
    sqlite = new SQLite(file, { fileMustExist: false, timeout: BUSY_STEP_MS });
    // Before anything is written (switching to WAL rewrites the header): another program's database is refused.
    refuseForeign(sqlite, file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    // Forces SQLite to read the header: a corrupt or foreign file fails here, before anything is written.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    sqlite?.close(); // a refused file must not stay open (and locked) for the rest of the process
    throw err instanceof DatabaseError ? err : new DatabaseError(openFailure(file, err));
  }
  const health = new StorageHealth();
  const db = new Kysely<Database>({
    dialect: new GuardedSqliteDialect(sqlite, { file, health, lockWaitMs: opts.lockWaitMs }),
  });
  try {
    await refuseNewer(sqlite, file);
    const migrator = new Migrator({ db, provider: migrationProvider('sqlite') });
    const { error, results } = await migrator.migrateToLatest();
    for (const r of results ?? []) {
      if (r.status === 'Success') log.info(`Database migration ${r.migrationName} applied`);
    }
    if (error)
      throw new DatabaseError(
        `Database migration failed: ${(error as Error).message}. The file was not changed further.`,
      );
  } catch (err) {
    await db.destroy();
    throw err instanceof DatabaseError
      ? err
      : new DatabaseError(`The database ${file} could not be prepared: ${(err as Error).message}`);
  }
  return { db, sqlite, health };
}

function openFailure(file: string, err: unknown): string {
  const kind = storageKind(err);
  const why = (err as Error).message;
  // A damaged or foreign file: leave it alone and say how to get going again.
  if (kind === 'corrupt' || !kind)
    return (
      `The database ${file} cannot be opened (${why}). It was left untouched: ` +
      `restore it from a backup, or move it away to let AutoArr start with a new one.`
    );
  if (kind === 'unwritable' && /CANTOPEN/.test(String((err as { code?: unknown }).code)))
    return (
      `The database ${file} cannot be opened (${why}): check that the data folder ${path.dirname(file)} ` +
      `(DATA_DIR) exists and is writable, that the disk has free space, and that ${path.basename(file)} is a file.`
    );
  return `The database ${file} cannot be opened. ${describeStorage(kind, file, err)}.`;
}

/**
 * A file with tables but none of AutoArr's migrations belongs to another program (DATABASE_URL pointed at Sonarr's
 * sonarr.db, say). Migrating it would add AutoArr's tables to someone else's data, so it is refused untouched. An empty
 * file is a new database.
 */
function refuseForeign(sqlite: SQLite.Database, file: string): void {
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
  if (!tables.length) return;
  let ours = false;
  if (tables.includes('kysely_migration')) {
    const applied = sqlite.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>;
    ours = applied.some((r) => r.name in migrations);
  }
  if (ours) return;
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  throw new DatabaseError(
    `The database ${file} is not AutoArr's: it holds another program's tables (${shown}) and none of AutoArr's. ` +
      `AutoArr left it untouched. Point DATABASE_URL at AutoArr's own file (default $DATA_DIR/autoarr.db), or move ` +
      `this file away so AutoArr starts with a new one.`,
  );
}

// A database written by a newer AutoArr has migrations this version does not know; running on it could corrupt it.
async function refuseNewer(sqlite: SQLite.Database, file: string): Promise<void> {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='kysely_migration'").get();
  if (!hasTable) return;
  const applied = sqlite.prepare('SELECT name FROM kysely_migration').all() as Array<{ name: string }>;
  const unknown = applied.map((r) => r.name).filter((n) => !(n in migrations));
  if (unknown.length) {
    throw new DatabaseError(
      `The database ${file} was created by a newer version of AutoArr (it has migration ${unknown.join(', ')}). ` +
        `Install that version again, or restore a backup made with this version. The file was not changed.`,
    );
  }
}
