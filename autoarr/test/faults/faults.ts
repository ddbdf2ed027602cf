// The faults, each a function that runs AutoArr through it and reports what happened. A fault is survived when
// AutoArr still answers afterwards and said clearly what was wrong; actions are lost when the recovery of the
// stuck movie (one removal with blocklist, one search) did not happen once the fault was gone, duplicated when it
// happened more than once.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import path from 'node:path';
import type { SimApp } from '../../src/sim/index.js';
import type { AppMode } from '../../src/sim/types.js';
import {
  actionsDone,
  countSecrets,
  secretsOf,
  settingsFrom,
  simEnv,
  stalledSim,
  startInProcess,
  tempDir,
  until,
  type Running,
} from './harness.js';
import { sigkillFault } from './sigkill.js';

export interface FaultOutcome {
  fault: string;
  /** AutoArr answered after the fault and showed a clear message. */
  survived: boolean;
  /** The message AutoArr showed for the fault. */
  message: string;
  lost: number;
  duplicated: number;
  secrets: number;
  removals: number;
  searches: number;
  /** What went wrong, when something did. */
  notes: string[];
}

export interface Fault {
  name: string;
  run(): Promise<FaultOutcome>;
}

/** The state of things once the fault is over: the recovery awaited, then a few more polls for duplicates. */
async function settle(
  run: Running,
  sim: Awaited<ReturnType<typeof stalledSim>>,
  expectRecovery: boolean,
): Promise<{ lost: number; duplicated: number; removals: number; searches: number; notes: string[] }> {
  const notes: string[] = [];
  if (expectRecovery) {
    await until(
      sim,
      () => actionsDone(sim).removals >= 1 && actionsDone(sim).searches >= 1,
      'the recovery after the fault',
      60_000,
    ).catch((err: unknown) => notes.push((err as Error).message));
  }
  // Three more polls (seen as Radarr queue reads) for anything repeated.
  const reads = () => sim.control.requests({ app: 'radarr' }).filter((r) => r.path === '/api/v3/queue').length;
  const seen = reads();
  await until(sim, () => reads() >= seen + 3, 'three more polls', 30_000).catch((err: unknown) =>
    notes.push((err as Error).message),
  );
  const { removals, searches } = actionsDone(sim);
  const want = expectRecovery ? 1 : 0;
  return {
    removals,
    searches,
    lost: Math.max(0, want - removals) + Math.max(0, want - searches),
    duplicated: Math.max(0, removals - 1) + Math.max(0, searches - 1),
    notes,
  };
}

async function answers(run: Running): Promise<boolean> {
  return run
    .get('/api/health')
    .then((r) => r.status === 200)
    .catch(() => false);
}

/** An app misbehaving for a while (down, slow, login page, cut answers …), then well again. */
export function appFault(name: string, app: SimApp, mode: AppMode, words: RegExp): Fault {
  return {
    name,
    async run() {
      const sim = await stalledSim();
      const dir = tempDir(name.replace(/\W+/g, '-'));
      let run: Running | undefined;
      const notes: string[] = [];
      try {
        run = await startInProcess(sim, settingsFrom(simEnv(sim, dir)));
        const r = run;
        await until(sim, async () => (await r.health()).apps[app]?.state === 'connected', `${app} connected`);
        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
        await sim.control.setAppMode(app, mode);
        // The monitor's polls meet the fault; the connection check (also run every minute) says what it is.
        let message = '';
        await until(
          sim,
          async () => {
            const status = JSON.parse((await r.get(`/api/apps/${app}/test`, 'POST')).text) as {
              state?: string;
              message?: string;
            };
            message = status.state !== 'connected' ? (status.message ?? '') : '';
            return words.test(message);
          },
          `a clear message for ${app} in mode ${mode}`,
          30_000,
        ).catch((err: unknown) => notes.push(`${(err as Error).message}; last message: "${message}"`));
        // Keep the fault on while the stall ripens: four more polls, seen as reads of an app that is well.
        const other = app === 'sabnzbd' ? 'radarr' : 'sabnzbd';
        const polls = () => sim.control.requests({ app: other }).length;
        const seen = polls();
        await until(sim, () => polls() >= seen + 4, 'four polls during the fault').catch((err: unknown) =>
          notes.push((err as Error).message),
        );
        const alive = await answers(r);
        clearInterval(sampler);
        // A bad answer must not be held in memory whole (the field report saw 2 GB RSS from a 560 MB body).
        const grewMb = Math.round((rssPeak - rssBefore) / 1048576);
        if (grewMb > 400) notes.push(`memory grew by ${grewMb} MB during the fault`);
        await sim.control.setAppMode(app, 'ok');
        const after = await settle(r, sim, true);
        const secrets = countSecrets(await r.surfaces(), secretsOf(sim));
        return {
          fault: name,
          survived: alive && words.test(message) && (await answers(r)),
          message,
          secrets,
          ...after,
          notes: [...notes, ...after.notes],
        };
      } finally {
        await run?.stop().catch(() => undefined);
        await sim.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** SONARR_URL points at Radarr (with Radarr's key): refused by identity, nothing written through it. */
function wrongAppFault(): Fault {
  const name = 'Wrong app behind the URL (Sonarr URL is Radarr)';
  return {
    name,
    async run() {
      const sim = await stalledSim();
      const dir = tempDir('wrong-app');
      const env = { ...simEnv(sim, dir), SONARR_URL: sim.apps.radarr.url, SONARR_API_KEY: sim.apps.radarr.apiKey };
      let run: Running | undefined;
      const notes: string[] = [];
      try {
        run = await startInProcess(sim, settingsFrom(env));
        const r = run;
        let message = '';
        await until(
          sim,
          async () => {
            const h = await r.health();
            message = h.apps.sonarr?.message ?? '';
            return /is Radarr, not Sonarr/.test(message);
          },
          'the wrong app named',
        ).catch((err: unknown) => notes.push(`${(err as Error).message}; last message: "${message}"`));
        const after = await settle(r, sim, true);
        // Sonarr's commands would land in Radarr: none may.
        const foreign = sim.control.state.commands.filter((c) => c.app === 'radarr' && /^Episode|^Series/.test(c.name));
        if (foreign.length) notes.push(`Sonarr commands reached Radarr: ${foreign.map((c) => c.name).join(', ')}`);
        return {
          fault: name,
          survived: /is Radarr, not Sonarr/.test(message) && (await answers(r)),
          message,
          secrets: countSecrets(await r.surfaces(), secretsOf(sim)),
          ...after,
          duplicated: after.duplicated + foreign.length,
          notes: [...notes, ...after.notes],
        };
      } finally {
        await run?.stop().catch(() => undefined);
        await sim.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Overwrites one table's root page with garbage, as a failing disk would. */
function damageTable(file: string, table: string): void {
  const raw = new SQLite(file, { readonly: true });
  const { rootpage } = raw.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as {
    rootpage: number;
  };
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0x5a, (rootpage - 1) * pageSize, rootpage * pageSize);
  fs.writeFileSync(file, bytes);
}

/** A database fault: `during` runs once AutoArr is up and returns how to end the fault (or nothing). */
function storageFault(
  name: string,
  words: RegExp,
  opts: {
    before?: (dbFile: string) => Promise<void> | void;
    during?: (run: Running, dbFile: string) => Promise<() => Promise<void> | void>;
    /** The monitor works once the fault ends, so the recovery must happen exactly once. */
    recovers: boolean;
  },
): Fault {
  return {
    name,
    async run() {
      const sim = await stalledSim();
      const dir = tempDir(name.replace(/\W+/g, '-'));
      const settings = settingsFrom(simEnv(sim, dir));
      let run: Running | undefined;
      const notes: string[] = [];
      let end: (() => Promise<void> | void) | undefined;
      try {
        await opts.before?.(settings.databasePath);
        run = await startInProcess(sim, settings);
        const r = run;
        await until(sim, async () => (await r.health()).apps.radarr?.state === 'connected', 'Radarr connected');
        end = await opts.during?.(r, settings.databasePath);
        let message = '';
        await until(
          sim,
          async () => {
            message = (await r.health()).problems?.map((p) => p.message).join(' | ') ?? '';
            return words.test(message);
          },
          'a clear message about the database',
          40_000,
        ).catch((err: unknown) => notes.push(`${(err as Error).message}; last message: "${message}"`));
        const alive = await answers(r);
        await end?.();
        end = undefined;
        const after = opts.recovers
          ? await settle(r, sim, true)
          : { ...actionsDone(sim), lost: 0, duplicated: Math.max(0, actionsDone(sim).removals - 1), notes: [] };
        if (opts.recovers)
          await until(sim, async () => !(await r.health()).problems?.length, 'health ok again', 40_000).catch(
            (err: unknown) => after.notes.push((err as Error).message),
          );
        const secrets = countSecrets(await r.surfaces(), secretsOf(sim));
        return {
          fault: name,
          survived: alive && words.test(message) && (await answers(r)),
          message,
          secrets,
          ...after,
          notes: [...notes, ...after.notes],
        };
      } finally {
        await end?.();
        await run?.stop().catch(() => undefined);
        await sim.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Another process takes SQLite's write lock and holds it until released. */
async function holdLock(file: string): Promise<() => Promise<void>> {
  const sqliteMain = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const S = require(${JSON.stringify(sqliteMain)});
    const db = new S(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('held', '1', 'now') ON CONFLICT DO NOTHING").run();
    process.stdout.write('locked\\n');
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return async () => {
    const gone = new Promise((r) => child.once('exit', r));
    child.stdin.end();
    await gone;
  };
}

/** Every file this process writes fails past `bytes` (RLIMIT_FSIZE: a full disk, and it works as root too). */
function limitFileSize(bytes: number | 'unlimited'): void {
  // The soft limit only: lowering the hard limit could not be undone without CAP_SYS_RESOURCE.
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes}:`]);
}

export const FAULTS: Fault[] = [
  appFault('Radarr down', 'radarr', 'down', /Radarr/),
  appFault('Radarr slow', 'radarr', 'slow', /Radarr/),
  appFault('Radarr answers a login page (HTML)', 'radarr', 'html', /Radarr/),
  appFault('Radarr answers truncated JSON', 'radarr', 'truncated', /Radarr/),
  appFault('SABnzbd down', 'sabnzbd', 'down', /SABnzbd/),
  // Read in-process with the sim producing the body, the size cap or the request timeout ends it, whichever first.
  appFault(
    'Radarr answers an endless body (huge)',
    'radarr',
    'huge',
    /Radarr('s answer .* is larger than| did not answer)/,
  ),
  wrongAppFault(),
  sigkillFault(),
  storageFault('Corrupt database pages', /The database .*autoarr\.db is damaged.*put back a backup/, {
    recovers: false,
    async before(file) {
      // A first run creates the file; then the monitor's table gets damaged pages.
      const sim = await stalledSim();
      const first = await startInProcess(sim, settingsFrom({ ...simEnv(sim, pathDir(file)) }));
      await first.stop();
      await sim.stop();
      damageTable(file, 'monitor_item');
    },
  }),
  storageFault('Disk full (no file may grow)', /cannot write to its data folder .* \(DATA_DIR\)/, {
    recovers: true,
    async during() {
      limitFileSize(0);
      return () => limitFileSize('unlimited');
    },
  }),
  storageFault('Another process holds the SQLite lock', /Another program is holding the database .* locked/, {
    recovers: true,
    during: (_run, file) => holdLock(file),
  }),
];

export interface FaultFigures {
  tried: number;
  survived: number;
  lost: number;
  duplicated: number;
  secrets: number;
}

export function figures(outcomes: FaultOutcome[]): FaultFigures {
  return {
    tried: outcomes.length,
    survived: outcomes.filter((o) => o.survived).length,
    lost: outcomes.reduce((n, o) => n + o.lost, 0),
    duplicated: outcomes.reduce((n, o) => n + o.duplicated, 0),
    secrets: outcomes.reduce((n, o) => n + o.secrets, 0),
  };
}

export function summaryLine(outcomes: FaultOutcome[]): string {
  const f = figures(outcomes);
  return (
    `fault suite: faults tried ${f.tried}, survived ${f.survived}, actions lost ${f.lost}, ` +
    `actions duplicated ${f.duplicated}, secrets found ${f.secrets}`
  );
}

const pathDir = (file: string) => path.dirname(file);
