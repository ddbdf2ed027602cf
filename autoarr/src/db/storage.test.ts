// Storage faults against a real SQLite file: a full disk (SQLite's own page limit, which fails exactly like a full
// disk and works as root), another process holding the write lock, damaged pages and an unusable data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/logger.js';
import { DatabaseError, openDatabase, type OpenDatabase } from './database.js';
import { BUSY_STEP_MS } from './driver.js';
import { KvStore } from './kv.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-storage-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dbFile = () => path.join(tmp, `case-${++n}`, 'autoarr.db');

let open: OpenDatabase | undefined;
let holder: ChildProcess | undefined;
afterEach(async () => {
  holder?.kill('SIGKILL');
  holder = undefined;
  await open?.db.destroy();
  open = undefined;
});

async function failure(p: Promise<unknown>): Promise<DatabaseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseError);
  return err as DatabaseError;
}

/** A second process that takes the write lock (BEGIN EXCLUSIVE) and holds it until its stdin closes. */
async function holdLock(file: string): Promise<ChildProcess> {
  const sqliteMain = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const S = require(${JSON.stringify(sqliteMain)});
    const db = new S(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('other', '1', 'now')").run();
    process.stdout.write('locked\\n');
    process.stdin.on('end', () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  holder = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

async function release(child: ChildProcess): Promise<void> {
  const done = new Promise<void>((r) =>
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('released') && r()),
  );
  child.stdin!.end();
  await done;
}

/** The longest gap between 5 ms timer ticks while `p` runs: how long the event loop was blocked. */
async function longestStall<T>(p: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    stallMs = Math.max(stallMs, t - last);
    last = t;
  }, 5);
  const [result] = await Promise.allSettled([p()]);
  clearInterval(timer);
  return { result, stallMs };
}

describe('storage faults', () => {
  it('a full disk names DATA_DIR, degrades health while writes fail and recovers at the next write', async () => {
    const file = dbFile();
    open = await openDatabase(file, memoryLogger());
    const kv = new KvStore(open.db);
    await kv.set('before', 1);
    const pages = open.sqlite.pragma('page_count', { simple: true }) as number;
    open.sqlite.pragma(`max_page_count = ${pages}`);

    const err = await failure(kv.set('big', 'x'.repeat(64 * 1024)));
    expect(err.message).toBe(
      `AutoArr cannot write to its data folder ${path.dirname(file)} (DATA_DIR): the disk is full. Free space on ` +
        'that disk and check that the folder and autoarr.db are writable; AutoArr carries on by itself once writing ' +
        'works again',
    );
    expect(err.message).not.toMatch(/backup/i);
    expect(open.health.problems()).toEqual([{ source: 'database', message: err.message }]);
    // Reads still work and do not clear the problem.
    expect(await kv.get('before')).toBe(1);
    expect(open.health.problems()).toHaveLength(1);

    open.sqlite.pragma(`max_page_count = ${pages * 100}`);
    await kv.set('big', 'x'.repeat(64 * 1024));
    expect(open.health.problems()).toEqual([]);
    expect((await kv.get<string>('big'))?.length).toBe(64 * 1024);
  });

  it('waits out a short lock held by another process without blocking the event loop', async () => {
    const file = dbFile();
    open = await openDatabase(file, memoryLogger(), { lockWaitMs: 10_000 });
    const kv = new KvStore(open.db);
    const child = await holdLock(file);
    const released = new Promise<void>((r) => setTimeout(() => void release(child).then(r), 400));
    const { result, stallMs } = await longestStall(() => kv.set('mine', 'saved'));
    await released;
    expect(result.status).toBe('fulfilled');
    expect(await kv.get('mine')).toBe('saved');
    expect(await kv.get('other')).toBe(1);
    expect(stallMs).toBeLessThan(BUSY_STEP_MS * 4);
    expect(open.health.problems()).toEqual([]);
  });

  it('gives up on a lock held too long with a clear error, and recovers once it is released', async () => {
    const file = dbFile();
    open = await openDatabase(file, memoryLogger(), { lockWaitMs: 600 });
    const kv = new KvStore(open.db);
    const child = await holdLock(file);
    const started = performance.now();
    const { result, stallMs } = await longestStall(() => kv.set('mine', 'lost?'));
    const took = performance.now() - started;
    expect(result.status).toBe('rejected');
    const err = (result as PromiseRejectedResult).reason as DatabaseError;
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.message).toMatch(
      new RegExp(`^Another program is holding the database ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} locked`),
    );
    expect(err.message).toContain('a second AutoArr using the same DATA_DIR');
    expect(took).toBeGreaterThanOrEqual(550);
    expect(took).toBeLessThan(3_000);
    expect(stallMs).toBeLessThan(BUSY_STEP_MS * 4);
    expect(open.health.problems().map((p) => p.message)).toEqual([err.message]);

    await release(child);
    await kv.set('mine', 'saved');
    expect(await kv.get('mine')).toBe('saved');
    expect(open.health.problems()).toEqual([]);
  });

  it('damaged pages are reported with the file and the fix, and stay reported', async () => {
    const file = dbFile();
    const first = await openDatabase(file, memoryLogger());
    await new KvStore(first.db).set('k', 'v');
    const root = (
      first.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'kv'").get() as {
        rootpage: number;
      }
    ).rootpage;
    const pageSize = first.sqlite.pragma('page_size', { simple: true }) as number;
    await first.db.destroy();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
    fs.writeFileSync(file, bytes);

    open = await openDatabase(file, memoryLogger());
    const kv = new KvStore(open.db);
    const err = await failure(kv.get('k'));
    expect(err.message).toMatch(/^The database .*autoarr\.db is damaged \(.+\)\. AutoArr left it untouched/);
    expect(err.message).toContain('put back a backup of that file, or move it (with autoarr.db-wal and -shm) out of');
    // A write elsewhere that works does not clear damage.
    await open.db
      .insertInto('activity')
      .values({ time: 't', kind: 'system', action: 'a', message: 'm', dry_run: 0 })
      .execute()
      .catch(() => undefined);
    expect(open.health.problems().map((p) => p.message)).toEqual([err.message]);
  });

  it('a data folder that cannot be created names DATA_DIR and does not ask for a backup', async () => {
    const dataDir = path.join(tmp, `case-${++n}`);
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(dataDir, 'a file where the folder should be');
    const err = await failure(openDatabase(path.join(dataDir, 'autoarr.db'), memoryLogger()));
    expect(err.message).toContain(`AutoArr cannot write to its data folder ${dataDir} (DATA_DIR)`);
    expect(err.message).not.toMatch(/backup/i);
  });

  it('a database file that cannot be opened as a file names DATA_DIR and does not ask for a backup', async () => {
    const file = dbFile();
    fs.mkdirSync(file, { recursive: true });
    const err = await failure(openDatabase(file, memoryLogger()));
    expect(err.message).toContain(`check that the data folder ${path.dirname(file)} (DATA_DIR) exists and is writable`);
    expect(err.message).not.toMatch(/backup/i);
  });
});
