import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/logger.js';
import { DatabaseError, openDatabase } from './database.js';
import { KvStore } from './kv.js';
import { migrations } from './migrations/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-db-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dbFile = () => path.join(tmp, `case-${++n}`, 'autoarr.db');

async function refusal(file: string): Promise<DatabaseError> {
  const err = await openDatabase(file, memoryLogger()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseError);
  return err as DatabaseError;
}

describe('openDatabase', () => {
  it('creates and migrates a new database file in WAL mode', async () => {
    const file = dbFile();
    const log = memoryLogger();
    const { db, sqlite } = await openDatabase(file, log);
    try {
      expect(fs.existsSync(file)).toBe(true);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = (
        sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
      ).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['activity', 'kv', 'kysely_migration']));
      const applied = (
        sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
      ).map((r) => r.name);
      expect(applied).toEqual(Object.keys(migrations).sort());
      expect(log.records.filter((r) => r.msg.startsWith('Database migration')).length).toBe(applied.length);
      await db.insertInto('kv').values({ key: 'k', value: '1', updated_at: 'now' }).execute();
    } finally {
      await db.destroy();
    }
  });

  it('migrates an existing empty (zero-byte) file', async () => {
    const file = dbFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    const { db } = await openDatabase(file, memoryLogger());
    await new KvStore(db).set('x', { a: 1 });
    expect(await new KvStore(db).get('x')).toEqual({ a: 1 });
    await db.destroy();
  });

  it('opens the same file again without migrating twice, keeping the data', async () => {
    const file = dbFile();
    const first = await openDatabase(file, memoryLogger());
    await new KvStore(first.db).set('dry_run', true);
    await first.db.destroy();

    const log = memoryLogger();
    const second = await openDatabase(file, log);
    expect(await new KvStore(second.db).get('dry_run')).toBe(true);
    expect(log.records.filter((r) => r.msg.startsWith('Database migration'))).toEqual([]);
    await second.db.destroy();
  });

  it('lets two connections use one file at the same time', async () => {
    const file = dbFile();
    const a = await openDatabase(file, memoryLogger());
    const b = await openDatabase(file, memoryLogger());
    try {
      await new KvStore(a.db).set('from', 'a');
      expect(await new KvStore(b.db).get('from')).toBe('a');
      await new KvStore(b.db).set('from', 'b');
      expect(await new KvStore(a.db).get('from')).toBe('b');
    } finally {
      await a.db.destroy();
      await b.db.destroy();
    }
  });

  it('refuses a database from a newer AutoArr with a clear message and leaves it unchanged', async () => {
    const file = dbFile();
    const { db } = await openDatabase(file, memoryLogger());
    await db.destroy();
    const raw = new SQLite(file);
    raw
      .prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)')
      .run('9999_from_the_future', new Date().toISOString());
    raw.close();
    const before = fs.readFileSync(file);

    const err = await refusal(file);
    expect(err.message).toContain('created by a newer version of AutoArr');
    expect(err.message).toContain('9999_from_the_future');
    expect(err.message).toContain('The file was not changed');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['text', () => Buffer.from('this is my shopping list, not a database\n'.repeat(200))],
    [
      'a damaged first page',
      () => {
        const file = path.join(tmp, 'donor.db');
        const d = new SQLite(file);
        d.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
        d.close();
        const bytes = fs.readFileSync(file);
        bytes.fill(0xa5, 100, bytes.length); // header intact, schema page garbage
        return bytes;
      },
    ],
  ])('refuses a corrupt file (%s) with a clear message and does not overwrite it', async (_kind, make) => {
    const file = dbFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, make());
    const before = fs.readFileSync(file);

    const err = await refusal(file);
    expect(err.message).toMatch(/^The database .*autoarr\.db cannot be opened \(.+\)\. It was left untouched/);
    expect(err.message).toContain('restore it from a backup, or move it away');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a path that is a directory', async () => {
    const file = dbFile();
    fs.mkdirSync(file, { recursive: true });
    const err = await refusal(file);
    expect(err.message).toContain('cannot be opened');
  });

  it("refuses another program's SQLite file untouched, naming the file", async () => {
    const file = dbFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const other = new SQLite(file);
    other.exec("CREATE TABLE Series (Id INTEGER PRIMARY KEY, Title TEXT); INSERT INTO Series VALUES (1, 'Severance')");
    other.close();
    const before = fs.readFileSync(file);
    const err = await refusal(file);
    expect(err.message).toBe(
      `The database ${file} is not AutoArr's: it holds another program's tables (Series) and none of AutoArr's. ` +
        `AutoArr left it untouched. Point DATABASE_URL at AutoArr's own file (default $DATA_DIR/autoarr.db), or ` +
        `move this file away so AutoArr starts with a new one.`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses another Kysely program's file (migrations, none of them AutoArr's)", async () => {
    const file = dbFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const other = new SQLite(file);
    other.exec(
      "CREATE TABLE kysely_migration (name TEXT PRIMARY KEY, timestamp TEXT); INSERT INTO kysely_migration VALUES ('2024_01_users', 'x'); CREATE TABLE users (id INTEGER)",
    );
    other.close();
    expect((await refusal(file)).message).toContain("is not AutoArr's");
  });
});
