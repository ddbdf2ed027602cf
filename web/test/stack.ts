// Starts the simulated stack and AutoArr (demo mode, port 0, a temp data dir) for the browser tests and the bench,
// and builds the web bundles when they are missing or older than their sources.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { startAutoArr, type AutoArr } from '../../autoarr/src/app.js';
import { memoryLogger } from '../../autoarr/src/log/logger.js';
import { loadSettings } from '../../autoarr/src/settings/load.js';
import type { Settings } from '../../autoarr/src/settings/settings.js';
import { settingsForSim, startSimStack, type SimStack } from '../../autoarr/src/sim/index.js';

const WEB = path.resolve(import.meta.dirname, '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds web/dist (UI, then cards) unless it is newer than every source file. Test files run in parallel, so one
 * builds while the others wait for its lock (a directory: mkdir is atomic). */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(WEB, 'dist', 'index.html');
  const cards = path.join(WEB, 'dist', 'cards', 'autoarr-cards.js');
  const src = Math.max(newestMtime(path.join(WEB, 'src')), fs.statSync(path.join(WEB, 'index.html')).mtimeMs);
  const fresh = (f: string) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= src;
  if (fresh(index) && fresh(cards)) return;
  const lock = path.join(os.tmpdir(), 'autoarr-web-build.lock');
  try {
    fs.mkdirSync(lock);
  } catch {
    await until(() => !fs.existsSync(lock), 'another test file to finish building the web UI', 120_000);
    return ensureWebBuilt();
  }
  try {
    await build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'error' });
    await build({ configFile: path.join(WEB, 'vite.cards.config.ts'), logLevel: 'error' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface Stack {
  sim: SimStack;
  autoarr: AutoArr;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  scenario?: string;
  env?: Record<string, string>;
  mode?: Settings['mode'];
  host?: string;
  /** The app instances AutoArr is given (default: the simulated apps as they are). */
  instances?: (sim: SimStack) => Settings['instances'];
  /** AutoArr reads the sim's manual clock, so advancing it ages downloads (stall judgement) at once. */
  simTime?: boolean;
  /** Last changes to the settings (e.g. add-on mode with a Supervisor stand-in). */
  patch?: (s: Settings) => Settings;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSimStack({ speed: 0, scenario: opts.scenario ?? 'demo', seed: 7 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-web-'));
  const loaded = loadSettings({
    env: { DATA_DIR: dataDir, AUTOARR_POLL_INTERVAL_SECONDS: '2', ...opts.env },
    mode: opts.mode ?? 'demo',
    version: 'test',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const base: Settings = {
    ...loaded.settings,
    instances: opts.instances?.(sim) ?? settingsForSim(sim),
    port: 0,
    host: opts.host ?? '127.0.0.1',
  };
  const settings = opts.patch?.(base) ?? base;
  const autoarr = await startAutoArr(
    settings,
    memoryLogger('warning'),
    opts.simTime ? { now: () => new Date(sim.control.now()) } : {},
  );
  return {
    sim,
    autoarr,
    url: `http://127.0.0.1:${autoarr.port()}/`,
    dataDir,
    async stop() {
      await autoarr.stop();
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until check() returns a truthy value (bounded), for effects that arrive asynchronously. */
export async function until<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
