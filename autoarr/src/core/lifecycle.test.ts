// A feature that cannot start is visible: /api/health is degraded with a message naming the file and the fix, and
// the feature's routes answer 503 with that message instead of 404. Real SQLite file with damaged pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startAutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { HealthResponse } from '../shared/types.js';
import type { Feature } from './feature.js';
import { HealthParts } from './health-parts.js';
import { startFeatures } from './lifecycle.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-lifecycle-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function settingsFor(dataDir: string) {
  const r = loadSettings({ env: { DATA_DIR: dataDir }, version: '0.0.0', mode: 'demo' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.settings;
}

/** Overwrites every page of one table's b-tree root with garbage, as a failing disk would. */
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

describe('feature start failures', () => {
  it('damaged monitor pages: health degraded naming the file and fix, downloads answer 503, the rest works', async () => {
    const dataDir = path.join(tmp, 'corrupt');
    const settings = settingsFor(dataDir);
    const first = await startAutoArr(settings, memoryLogger('error'), { listen: false });
    await first.stop();
    damageTable(settings.databasePath, 'monitor_item');

    const log = memoryLogger('info');
    const app = await startAutoArr(settings, log, { listen: false });
    try {
      const auth = { authorization: `Bearer ${app.ctx.apiToken()}` };
      const health = (await (await app.http.request('/api/health')).json()) as HealthResponse;
      expect(health.status).toBe('degraded');
      const monitor = health.problems?.find((p) => p.source === 'monitor');
      expect(monitor?.message).toMatch(
        /^The download monitor could not start: The database .*autoarr\.db is damaged \(database disk image is malformed\)/,
      );
      expect(monitor?.message).toContain('put back a backup of that file, or move it');
      expect(health.problems?.find((p) => p.source === 'database')?.message).toContain('is damaged');

      const res = await app.http.request('/api/downloads', { headers: auth });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 'feature_unavailable', message: monitor?.message });
      expect((await app.http.request('/api/downloads/abc/retry', { method: 'POST', headers: auth })).status).toBe(503);
      // The rest still answers.
      expect((await app.http.request('/api/settings', { headers: auth })).status).toBe(200);
      expect(log.records.some((r) => r.level === 'error' && r.msg === monitor?.message)).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('a healthy start reports no problems and status ok', async () => {
    const app = await startAutoArr(settingsFor(path.join(tmp, 'fine')), memoryLogger('error'), { listen: false });
    try {
      const health = (await (await app.http.request('/api/health')).json()) as HealthResponse;
      expect(health.status).toBe('ok');
      expect(health.problems).toBeUndefined();
    } finally {
      await app.stop();
    }
  });

  it('a failed feature is still stopped (its timers and listeners go) and its problem goes with it', async () => {
    const calls: string[] = [];
    const broken: Feature = {
      name: 'broken',
      start: () => {
        calls.push('start');
        throw new Error('no luck.');
      },
      stop: () => void calls.push('stop'),
    };
    const health = new HealthParts();
    const features = await startFeatures([broken], memoryLogger('error'), health);
    expect(health.problems()).toEqual([
      { source: 'broken', message: 'The broken part could not start: no luck. Everything else keeps working.' },
    ]);
    await features.stop();
    expect(calls).toEqual(['start', 'stop']);
    expect(health.problems()).toEqual([]);
  });
});
