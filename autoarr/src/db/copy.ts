// `autoarr db copy`: moves everything AutoArr stored (activity, monitor state and actions, audit runs, findings and
// changes, switches and the API token) from one database to another, e.g. the add-on's SQLite file to PostgreSQL.
// The copy is one transaction on the target, checked table by table (row count and a checksum over every row, in key
// order) before it commits: a mismatch rolls it all back, so the target is never left half-copied.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from '../log/logger.js';
import { openStore, type Db } from './database.js';
import type { Database } from './schema.js';
import { databasePathFrom } from '../settings/load.js';
import { isPostgresUrl, postgresTargetFrom, type PostgresTarget } from './target.js';

/** Tables in an order that respects the foreign key (findings after runs), each with its key. */
export const COPIED_TABLES = [
  ['kv', 'key'],
  ['activity', 'id'],
  ['monitor_item', 'id'],
  ['monitor_action', 'id'],
  ['audit_runs', 'id'],
  ['audit_findings', 'id'],
  ['audit_changes', 'id'],
] as const satisfies ReadonlyArray<readonly [keyof Database, string]>;

export interface Location {
  databasePath: string;
  postgres?: PostgresTarget;
  /** For messages: the file, or the URL with its password masked. */
  shown: string;
}

/** sqlite:///path, a file path, or postgres://… → where to open; a readable problem otherwise. */
export function parseLocation(text: string | undefined, flag: string): Location | { problem: string } {
  if (!text?.trim())
    return { problem: `${flag} is missing; give sqlite:///data/autoarr.db, a file path or postgres://host/db` };
  if (isPostgresUrl(text)) {
    const r = postgresTargetFrom(text, undefined);
    if ('problems' in r) return { problem: r.problems.map((p) => p.replace(/^DATABASE_URL/, flag)).join('; ') };
    return { databasePath: '', postgres: r.target, shown: r.target.shown };
  }
  const file = databasePathFrom(text, '.');
  if ('problem' in file) return { problem: file.problem.replace(/^DATABASE_URL/, flag) };
  if (file.path === ':memory:') return { problem: `${flag}: an in-memory database cannot be copied` };
  return { databasePath: file.path, shown: file.path };
}

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
  ok: boolean;
}

export interface CopyResult {
  ok: boolean;
  tables: TableReport[];
  message: string;
}

const BATCH = 200;

export async function copyDatabase(from: Location, to: Location, log: Logger): Promise<CopyResult> {
  if (from.shown === to.shown) return { ok: false, tables: [], message: 'The source and the target are the same.' };
  const source = await openStore(from, log);
  try {
    const target = await openStore(to, log);
    try {
      const filled = await nonEmpty(target.db);
      if (filled.length)
        return {
          ok: false,
          tables: [],
          message:
            `The target ${to.shown} already holds AutoArr data (${filled.join(', ')}); nothing was copied. ` +
            `Copy into a new, empty database so no history is mixed or lost.`,
        };
      return await target.db
        .transaction()
        .execute(async (tx) => {
          const tables: TableReport[] = [];
          for (const [table, key] of COPIED_TABLES) {
            await copyTable(source.db, tx, table, key);
            const want = await checksum(source.db, table, key);
            const got = await checksum(tx, table, key);
            tables.push({
              table,
              rows: got.rows,
              checksum: got.sum,
              ok: want.rows === got.rows && want.sum === got.sum,
            });
          }
          if (target.dialect === 'postgres') await resetIdentities(tx);
          const bad = tables.filter((t) => !t.ok);
          // Throwing rolls the whole copy back; the report still reaches the caller.
          if (bad.length) throw new CopyMismatch(tables);
          return {
            ok: true,
            tables,
            message: `Copied ${tables.reduce((n, t) => n + t.rows, 0)} rows from ${from.shown} to ${to.shown}; every count and checksum matches.`,
          };
        })
        .catch((err: unknown) => {
          if (!(err instanceof CopyMismatch)) throw err;
          const bad = err.tables.filter((t) => !t.ok).map((t) => t.table);
          return {
            ok: false,
            tables: err.tables,
            message: `The copy did not match the source in ${bad.join(', ')}; it was rolled back and ${to.shown} is unchanged.`,
          };
        });
    } finally {
      await target.db.destroy();
    }
  } finally {
    await source.db.destroy();
  }
}

class CopyMismatch extends Error {
  constructor(readonly tables: TableReport[]) {
    super('copy mismatch');
  }
}

async function nonEmpty(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const [table] of COPIED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) out.push(table);
  }
  return out;
}

type AnyDb = Kysely<Database> | Transaction<Database>;

/** Rows in key order, in batches (keyset paging: no OFFSET rescans on a large activity table). */
async function* rowsOf(db: AnyDb, table: keyof Database, key: string): AsyncGenerator<Array<Record<string, unknown>>> {
  let after: unknown;
  for (;;) {
    let q = db.selectFrom(table).selectAll().orderBy(sql.ref(key)).limit(BATCH);
    if (after !== undefined) q = q.where(sql.ref(key), '>', after);
    const rows = (await q.execute()) as Array<Record<string, unknown>>;
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1]![key];
    if (rows.length < BATCH) return;
  }
}

async function copyTable(from: Db, to: AnyDb, table: keyof Database, key: string): Promise<void> {
  for await (const rows of rowsOf(from, table, key)) {
    await to
      .insertInto(table)
      .values(rows as never)
      .execute();
  }
}

/**
 * Row count and a SHA-256 over every row in key order, columns by name. NUL characters are left out of the sum:
 * PostgreSQL text cannot hold them and AutoArr drops them there (see postgres.ts), which loses nothing readable.
 */
export async function checksum(db: AnyDb, table: keyof Database, key: string): Promise<{ rows: number; sum: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const batch of rowsOf(db, table, key)) {
    for (const row of batch) {
      const fields = Object.keys(row)
        .sort()
        .map((k) => [k, typeof row[k] === 'string' ? (row[k] as string).replaceAll('\u0000', '') : row[k]]);
      hash.update(JSON.stringify(fields));
      hash.update('\n');
      rows++;
    }
  }
  return { rows, sum: hash.digest('hex').slice(0, 16) };
}

/** Copied ids were given explicitly; the identity sequences must continue after the highest one. */
async function resetIdentities(tx: Transaction<Database>): Promise<void> {
  for (const [table, key] of COPIED_TABLES) {
    if (key !== 'id' || table === 'monitor_item') continue;
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      tx,
    );
  }
}
