// Kysely's SQLite driver with two guards. A lock held by another program is waited out in short synchronous
// steps with asynchronous pauses between them (better-sqlite3 blocks the event loop while SQLite waits, so its
// busy timeout stays small), up to a bound, then fails with a clear error. Every storage failure becomes a
// DatabaseError written for people and is reported to StorageHealth; every write that works clears it.
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { describeStorage, storageKind, type StorageHealth } from './storage.js';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** The busy timeout of one synchronous attempt: the longest the event loop may stall on a lock. */
export const BUSY_STEP_MS = 50;

export interface GuardOptions {
  file: string;
  health: StorageHealth;
  /** How long a statement waits for another program's lock in total before failing (default 5 s). */
  lockWaitMs?: number;
}

export class GuardedSqliteDialect extends SqliteDialect {
  constructor(
    sqlite: SQLite.Database,
    private readonly guard: GuardOptions,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new GuardedDriver(super.createDriver(), this.guard);
  }
}

class GuardedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly guard: GuardOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection();
    let g = this.wrapped.get(conn);
    if (!g) {
      g = new GuardedConnection(conn, this.guard);
      this.wrapped.set(conn, g);
    }
    return g;
  }

  // IMMEDIATE takes the write lock up front, so a lock held elsewhere is met (and waited out) at BEGIN, never
  // halfway through a transaction that would then have to be thrown away.
  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(conn instanceof GuardedConnection ? conn.inner : conn);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly guard: GuardOptions,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now();
    const bound = this.guard.lockWaitMs ?? 5_000;
    let pause = 20;
    for (;;) {
      try {
        const result = await this.inner.executeQuery<R>(query);
        // run() results carry a change count; reads do not. Only a write proves the folder is writable again.
        if (result.numAffectedRows !== undefined) this.guard.health.wrote();
        return result;
      } catch (err) {
        const kind = storageKind(err);
        const waited = Date.now() - started;
        if (kind === 'locked' && waited < bound) {
          await new Promise((r) => setTimeout(r, Math.min(pause, bound - waited)));
          pause = Math.min(pause * 2, 500);
          continue;
        }
        if (!kind) throw err;
        const message = describeStorage(kind, this.guard.file, err, waited);
        this.guard.health.failed({ kind, message });
        throw new DatabaseError(message, { cause: err });
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
