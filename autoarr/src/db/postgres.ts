// PostgreSQL behind the same kysely code as SQLite (DATABASE_URL=postgres://…). Loaded only in that mode, so SQLite
// users never load pg. Every failure a person can fix (server down, wrong password, disk full) becomes a
// DatabaseError that says which server and what to do, and feeds StorageHealth like the SQLite driver does.
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import { DatabaseError } from './driver.js';
import { migrationProvider, migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { StorageHealth, type StorageKind } from './storage.js';
import type { PostgresTarget } from './target.js';

export interface OpenPostgres {
  db: Kysely<Database>;
  health: StorageHealth;
  /** host:port/database, for messages (never the user or password). */
  where: string;
}

/** host:port/database of a target, safe to show. */
export function whereOf(target: Pick<PostgresTarget, 'url'>): string {
  try {
    const u = new URL(target.url);
    return `${u.hostname}:${u.port || 5432}/${decodeURIComponent(u.pathname.slice(1)) || 'postgres'}`;
  } catch {
    return 'the PostgreSQL server in DATABASE_URL';
  }
}

// bigint (count(*)) and numeric arrive as text by default; AutoArr's numbers all fit a double.
const NUMERIC_OIDS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMERIC_OIDS.has(oid) && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** A pg pool for a target: bounded, with a connect timeout, and an idle-connection error that never crashes. */
export function createPool(target: PostgresTarget, onIdleError: (err: Error) => void, max = target.poolSize): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'autoarr',
    types,
  });
  // A server restart drops idle connections; pg then emits 'error' on the pool, which would kill the process.
  pool.on('error', onIdleError);
  return pool;
}

export async function openPostgres(target: PostgresTarget, log: Logger): Promise<OpenPostgres> {
  const where = whereOf(target);
  const health = new StorageHealth();
  const pool = createPool(target, (err) => {
    const kind = postgresKind(err) ?? 'unreachable';
    health.failed({ kind, message: describePostgres(kind, where, err) });
  });
  const db = new Kysely<Database>({ dialect: new GuardedPostgresDialect(pool, where, health) });
  try {
    await refuseForeignOrNewer(db, where);
    const { error, results } = await new Migrator({ db, provider: migrationProvider('postgres') }).migrateToLatest();
    for (const r of results ?? []) {
      if (r.status === 'Success') log.info(`Database migration ${r.migrationName} applied`);
    }
    if (error) throw error;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    if (err instanceof DatabaseError) throw err;
    const kind = postgresKind(err);
    throw new DatabaseError(
      kind
        ? describePostgres(kind, where, err)
        : `The PostgreSQL database ${where} could not be prepared: ${detail(err)}. Nothing was changed further.`,
    );
  }
  return { db, health, where };
}

/** Tables in the current schema but none of AutoArr's migrations: another program's database. Newer migrations: refused. */
async function refuseForeignOrNewer(db: Kysely<Database>, where: string): Promise<void> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows.map((r) => r.name);
  // Kysely's own two tables appear first (another replica may be migrating right now): not someone else's data.
  if (!tables.some((t) => !t.startsWith('kysely_migration'))) return;
  const applied = tables.includes('kysely_migration')
    ? (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name)
    : [];
  if (!applied.some((n) => n in migrations)) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw new DatabaseError(
      `The PostgreSQL database ${where} is not AutoArr's: it holds another program's tables (${shown}) and none of ` +
        `AutoArr's. AutoArr left it untouched. Create an empty database for AutoArr (createdb autoarr) and point ` +
        `DATABASE_URL at it.`,
    );
  }
  const unknown = applied.filter((n) => !(n in migrations));
  if (unknown.length) {
    throw new DatabaseError(
      `The PostgreSQL database ${where} was set up by a newer version of AutoArr (it has migration ` +
        `${unknown.join(', ')}). Run that version again; this one left the database unchanged.`,
    );
  }
}

function detail(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactText(text.split('\n')[0]!.slice(0, 200));
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'EPIPE']);

/** Classifies a pg or network error; undefined for a plain SQL error (a bug, not the person's to fix). */
export function postgresKind(err: unknown): StorageKind | undefined {
  const code = String((err as { code?: unknown })?.code ?? '');
  const msg = err instanceof Error ? err.message : '';
  if (/^XX00[12]$/.test(code)) return 'corrupt';
  if (code === '53100' || code === '25006' || code === '42501') return 'unwritable';
  if (code === '55P03' || code === '40P01') return 'locked';
  if (NETWORK.has(code) || /^(08|28|3D|57P|53300)/.test(code)) return 'unreachable';
  if (
    /Connection terminated|timeout exceeded when trying to connect|connection error|self[- ]signed|certificate|does not support SSL/i.test(
      msg,
    )
  )
    return 'unreachable';
  return undefined;
}

/** The message for a PostgreSQL failure: which server, what went wrong, what to do. */
export function describePostgres(kind: StorageKind, where: string, err: unknown): string {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === '28P01' || code === '28000')
    return `PostgreSQL refused AutoArr's login to ${where} (${detail(err)}). Check the user name and password in DATABASE_URL`;
  if (code === '3D000')
    return `The database named in DATABASE_URL does not exist on ${where.split('/')[0]}: create it (createdb) or correct DATABASE_URL`;
  switch (kind) {
    case 'unreachable':
      return (
        `AutoArr cannot reach its PostgreSQL database ${where} (${detail(err)}). Check that the server is running and ` +
        `reachable from AutoArr, and the host, port and sslmode in DATABASE_URL; AutoArr carries on by itself once ` +
        `the server answers again`
      );
    case 'unwritable':
      return (
        `PostgreSQL cannot store AutoArr's data in ${where} (${detail(err)}). Free disk space on the database server ` +
        `and check that the user in DATABASE_URL may write there; AutoArr carries on by itself once writing works again`
      );
    case 'locked':
      return (
        `Another session is holding rows of ${where} locked (${detail(err)}), so AutoArr could not save. ` +
        `AutoArr tries again at its next change`
      );
    case 'corrupt':
      return (
        `The PostgreSQL database ${where} reports damaged data (${detail(err)}). Restore it from a backup ` +
        `(pg_restore) or ask its administrator to repair it`
      );
  }
}

// PostgreSQL text cannot hold NUL characters (SQLite can); upstream text may carry one. Dropped, never a crash.
const noNul = (v: unknown) => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '') : v);

class GuardedPostgresDialect extends PostgresDialect {
  constructor(
    pool: pg.Pool,
    private readonly where: string,
    private readonly health: StorageHealth,
  ) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new GuardedDriver(super.createDriver(), this.where, this.health);
  }
}

class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly where: string,
    private readonly health: StorageHealth,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return new GuardedConnection(await this.inner.acquireConnection(), this.where, this.health);
    } catch (err) {
      throw guarded(err, this.where, this.health);
    }
  }

  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(conn), settings);
  }

  commitTransaction(conn: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(conn));
  }

  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(conn));
  }

  releaseConnection(conn: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(conn));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

const unwrap = (c: DatabaseConnection) => (c instanceof GuardedConnection ? c.inner : c);

function guarded(err: unknown, where: string, health: StorageHealth): unknown {
  const kind = postgresKind(err);
  if (!kind) return err;
  const message = describePostgres(kind, where, err);
  health.failed({ kind, message });
  return new DatabaseError(message, { cause: err });
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly where: string,
    private readonly health: StorageHealth,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const clean = query.parameters.some((p) => typeof p === 'string' && p.includes('\u0000'))
      ? { ...query, parameters: query.parameters.map(noNul) }
      : query;
    try {
      const result = await this.inner.executeQuery<R>(clean);
      // A write proves writing works; any answer proves the server is reachable again.
      if (result.numAffectedRows !== undefined || this.health.current()?.kind === 'unreachable') this.health.wrote();
      return result;
    } catch (err) {
      throw guarded(err, this.where, this.health);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
