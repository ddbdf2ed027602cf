// Start-up costs of the foundation: settings load, opening + migrating a fresh database, reopening it, and the
// whole composition root up to a healthy /api/health (in process, no socket), plus /api/health latency.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAutoArr } from '../autoarr/src/app.js';
import { openDatabase } from '../autoarr/src/db/database.js';
import { createLogger } from '../autoarr/src/log/logger.js';
import { loadSettings } from '../autoarr/src/settings/load.js';

const quiet = createLogger('error', () => {});

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-bench-'));
  try {
    const env = {
      DATA_DIR: dir,
      SONARR_URL: 'http://127.0.0.1:9',
      SONARR_API_KEY: 'bench-key-0000',
      SONARR_2_URL: 'http://127.0.0.1:9',
      SONARR_2_API_KEY: 'bench-key-1111',
      SONARR_2_NAME: 'Sonarr 4K',
    };
    const settingsMs: number[] = [];
    for (let i = 0; i < 200; i++) settingsMs.push((await time(() => loadSettings({ env, version: '0' })))[0]);

    const migrateMs: number[] = [];
    const reopenMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const file = path.join(dir, `db-${i}.db`);
      const [m, first] = await time(() => openDatabase(file, quiet));
      await first.db.destroy();
      const [r, again] = await time(() => openDatabase(file, quiet));
      await again.db.destroy();
      migrateMs.push(m);
      reopenMs.push(r);
    }

    const startMs: number[] = [];
    const healthMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = loadSettings({ env: { DATA_DIR: path.join(dir, `start-${i}`) }, version: '0', mode: 'container' });
      if (!r.ok) throw new Error(r.problems.join('; '));
      const [ms, app] = await time(() => startAutoArr(r.settings, quiet, { listen: false }));
      startMs.push(ms);
      for (let j = 0; j < 100; j++) {
        const [h, res] = await time(() => app.http.request('/api/health'));
        if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
        healthMs.push(h);
      }
      await app.stop();
    }

    return {
      settings_load_ms_p50: pct(settingsMs, 50),
      settings_load_ms_p95: pct(settingsMs, 95),
      db_create_and_migrate_ms_p50: pct(migrateMs, 50),
      db_reopen_ms_p50: pct(reopenMs, 50),
      start_to_ready_in_process_ms_p50: pct(startMs, 50),
      start_to_ready_in_process_ms_max: Math.max(...startMs),
      health_request_ms_p50: pct(healthMs, 50),
      health_request_ms_p95: pct(healthMs, 95),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
