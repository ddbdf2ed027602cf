// Runs a suite on both storage backends: a real SQLite file and a real PostgreSQL server (one per test file, started
// on first use). `describe.each(BACKENDS)` + `useBackend(kind)` give each test a fresh, migrated, empty database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach } from 'vitest';
import { openStore, type OpenStore } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { postgresTargetFrom, type PostgresTarget } from '../../src/db/target.js';
import { memoryLogger, type Logger } from '../../src/log/logger.js';
import { startPostgres, type Postgres } from './postgres.js';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type BackendKind = (typeof BACKENDS)[number];

/** Where a test database lives; hand it to openStore again to reopen the same data (a restart). */
export interface StoreTarget {
  databasePath: string;
  postgres?: PostgresTarget;
}

export interface TestBackend {
  kind: BackendKind;
  /** A new empty database (not opened). */
  target(): Promise<StoreTarget>;
  /** A new empty database, opened and migrated; closed after the test. */
  open(log?: Logger): Promise<OpenStore & { target: StoreTarget }>;
  /** Opens an existing target again; closed after the test. */
  reopen(target: StoreTarget, log?: Logger): Promise<OpenStore>;
  /** The server (postgres only). */
  server(): Promise<Postgres>;
}

// One server per test file, shared by its suites: started on first use, stopped after the last suite that uses it.
let shared: Promise<Postgres> | undefined;
let users = 0;

export function postgresTarget(url: string, poolSize?: number): PostgresTarget {
  const r = postgresTargetFrom(url, poolSize ? String(poolSize) : undefined);
  if (!('target' in r)) throw new Error(r.problems.join('; '));
  return r.target;
}

export function useBackend(kind: BackendKind): TestBackend {
  const closers: Array<() => Promise<void>> = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => undefined);
  });
  afterAll(async () => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const server = () => (shared ??= startPostgres());
  if (kind === 'postgres') {
    users++;
    afterAll(async () => {
      if (--users > 0 || !shared) return;
      const s = shared;
      shared = undefined;
      await (await s).stop();
    });
  }

  async function target(): Promise<StoreTarget> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `autoarr-${kind}-`));
    dirs.push(dir);
    const databasePath = path.join(dir, 'autoarr.db');
    if (kind === 'sqlite') return { databasePath };
    return { databasePath, postgres: postgresTarget(await (await server()).createDatabase()) };
  }

  async function reopen(t: StoreTarget, log: Logger = memoryLogger('error')): Promise<OpenStore> {
    const store = await openStore(t, log);
    closers.push(() => store.db.destroy());
    return store;
  }

  return {
    kind,
    target,
    reopen,
    server,
    async open(log) {
      const t = await target();
      return { ...(await reopen(t, log)), target: t };
    },
  };
}

/** Every row of every table (AutoArr's and the migration table), by table name: to look for what must not be stored. */
export async function dumpTables(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await db.introspection.getTables({ withInternalKyselyTables: true })) {
    out[t.name] = (await sql`select * from ${sql.table(t.name)}`.execute(db)).rows;
  }
  return out;
}
