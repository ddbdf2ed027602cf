// One fault run: a fresh simulated stack (scenario "stalled": Oppenheimer stuck at 37 %) and a fresh AutoArr on its
// own data folder, the fault injected, then cleared, then the recovery awaited. What counts is read from the sim's
// world (blocklist entries and search commands actually carried out), from every surface AutoArr offers (logs,
// REST) for secrets, and from /api/health for the message. Used by the fault test and by `npm run bench faults`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger, type Logger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/settings.js';
import type { HealthResponse } from '../../src/shared/types.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';

export const MOVIE = 'Oppenheimer';

/** Options in force for every fault run: quick polls and short thresholds, so a recovery plays out in seconds. */
export const FAULT_OPTIONS: Record<string, string> = {
  AUTOARR_POLL_INTERVAL_SECONDS: '2',
  AUTOARR_STALL_MINUTES: '3',
  AUTOARR_MIN_QUEUE_AGE_MINUTES: '1',
  AUTOARR_MAX_STRIKES: '2',
  AUTOARR_REQUEST_TIMEOUT_SECONDS: '2',
};

export function simEnv(sim: SimStack, dataDir: string): Record<string, string> {
  return {
    ...FAULT_OPTIONS,
    DATA_DIR: dataDir,
    SABNZBD_URL: sim.apps.sabnzbd.url,
    SABNZBD_API_KEY: sim.apps.sabnzbd.apiKey,
    SONARR_URL: sim.apps.sonarr.url,
    SONARR_API_KEY: sim.apps.sonarr.apiKey,
    RADARR_URL: sim.apps.radarr.url,
    RADARR_API_KEY: sim.apps.radarr.apiKey,
    PLEX_URL: sim.apps.plex.url,
    PLEX_TOKEN: sim.apps.plex.apiKey,
  };
}

export function settingsFrom(env: Record<string, string>): Settings {
  const r = loadSettings({ env, version: '0.0.0-faults', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return { ...r.settings, port: 0 };
}

/** What the recovery of the stuck movie did in the apps: removals (blocklisted releases) and searches run. */
export function actionsDone(sim: SimStack): { removals: number; searches: number } {
  const w = sim.control.state;
  const movie = w.movies.find((m) => m.title.startsWith(MOVIE));
  const removals = w.blocklist.filter((b) => b.app === 'radarr' && b.movieId === movie?.id).length;
  const searches = w.commands.filter(
    (c) =>
      c.app === 'radarr' &&
      c.name === 'MoviesSearch' &&
      Array.isArray(c.body.movieIds) &&
      (c.body.movieIds as unknown[]).includes(movie?.id),
  ).length;
  return { removals, searches };
}

/** Waits for an observable effect, moving sim time on by a minute between looks (bounded, never a fixed sleep). */
export async function until(
  sim: SimStack | undefined,
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    sim?.control.advance(20_000);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The secrets AutoArr must never show: every app key. */
export function secretsOf(sim: SimStack): string[] {
  return Object.values(sim.apps).map((a) => a.apiKey);
}

export function countSecrets(texts: string[], secrets: string[]): number {
  let n = 0;
  for (const t of texts) for (const s of secrets) if (t.includes(s)) n++;
  return n;
}

/** A running AutoArr in this process, reachable over real HTTP on a loopback port. */
export interface Running {
  autoarr: AutoArr;
  url: string;
  log: Logger & { records: Array<Record<string, unknown>> };
  get(p: string, method?: 'GET' | 'POST'): Promise<{ status: number; text: string }>;
  health(): Promise<HealthResponse>;
  /** Every surface, for the secret scan: logs, health, downloads, activity, settings, apps. */
  surfaces(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startInProcess(sim: SimStack, settings: Settings): Promise<Running> {
  const log = memoryLogger('debug');
  const autoarr = await startAutoArr(settings, log, { now: () => new Date(sim.control.now()) });
  const url = `http://127.0.0.1:${autoarr.port()}`;
  const auth = { authorization: `Bearer ${autoarr.ctx.apiToken()}` };
  const get = async (p: string, method: 'GET' | 'POST' = 'GET') => {
    const res = await fetch(`${url}${p}`, { method, headers: auth, signal: AbortSignal.timeout(10_000) });
    return { status: res.status, text: await res.text() };
  };
  return {
    autoarr,
    url,
    log: log as Running['log'],
    get,
    health: async () => JSON.parse((await get('/api/health')).text) as HealthResponse,
    async surfaces() {
      const out = [JSON.stringify(log.records)];
      for (const p of ['/api/health', '/api/downloads', '/api/activity', '/api/settings', '/api/apps'])
        out.push((await get(p).catch((e: unknown) => ({ text: String(e) }))).text);
      return out;
    },
    stop: () => autoarr.stop(),
  };
}

export function tempDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `autoarr-fault-${tag}-`));
}

export async function stalledSim(): Promise<SimStack> {
  return startSimStack({ speed: 0, scenario: 'stalled', seed: 11 });
}
