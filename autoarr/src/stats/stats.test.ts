// The Stats service: the 24 h counters and the last recovery, fed by the bus, served at /api/stats, persisted
// across a restart (and read from where the MQTT layer kept them before), aging out after a day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { openDatabase } from '../db/database.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { Download, StackStats } from '../shared/types.js';
import { Stats } from './stats.js';

const dirs: string[] = [];
const running: AutoArr[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-stats-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const download = (id: string) =>
  ({
    id,
    title: `Show.S01E0${id}`,
    app: 'sonarr',
    instanceId: 'sonarr',
    state: 'recovering',
    ignored: false,
    strikes: { count: 1, max: 3 },
    media: { kind: 'unknown' },
  }) as unknown as Download;

describe('Stats', () => {
  it('keeps the counters and the last recovery across a restart, and lets the counters age out', async () => {
    const { db } = await openDatabase(path.join(tmpDir(), 'a.db'), memoryLogger());
    const kv = new KvStore(db);
    let now = Date.parse('2026-06-01T12:00:00Z');
    const first = new Stats(kv, () => new Date(now));
    await first.load();
    void first.recordFailed();
    void first.recordRecovered(download('1'), 'Searched again');
    await first.recordAudit(87, 4);

    const again = new Stats(kv, () => new Date(now));
    await again.load();
    expect(again.summary()).toEqual({
      failed24h: 1,
      recoveries24h: 1,
      lastRecovery: {
        at: '2026-06-01T12:00:00.000Z',
        id: '1',
        title: 'Show.S01E01',
        app: 'sonarr',
        instance: 'sonarr',
        reason: 'Searched again',
      },
      audit: { score: 87, findings: 4 },
    });
    now += 25 * 3600_000;
    expect(again.summary()).toMatchObject({ failed24h: 0, recoveries24h: 0, lastRecovery: { id: '1' } });
    await db.destroy();
  });

  it('reads the counters an earlier version kept in the MQTT layer', async () => {
    const { db } = await openDatabase(path.join(tmpDir(), 'a.db'), memoryLogger());
    const kv = new KvStore(db);
    const now = Date.parse('2026-06-01T12:00:00Z');
    await kv.set('mqtt_hub_state', {
      failed: [now - 3600_000, now - 30 * 3600_000],
      recovered: [],
      audit: { score: 5 },
    });
    const s = new Stats(kv, () => new Date(now));
    await s.load();
    expect(s.summary()).toEqual({ failed24h: 1, recoveries24h: 0, audit: { score: 5 } });
    await db.destroy();
  });

  it('is fed by the bus and served at /api/stats without any MQTT broker, and survives a restart', async () => {
    const dir = tmpDir();
    const r = loadSettings({ env: { DATA_DIR: dir }, mode: 'demo', version: 'test' });
    if (!r.ok) throw new Error(r.problems.join('; '));
    const start = async () => {
      const a = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
      running.push(a);
      return a;
    };
    const get = async (a: AutoArr) => {
      const res = await a.http.request('/api/stats', { headers: { authorization: `Bearer ${a.ctx.apiToken()}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as StackStats;
    };

    const a = await start();
    expect(await get(a)).toEqual({ failed24h: 0, recoveries24h: 0 });
    a.ctx.bus.emit('download.failed', { download: download('2'), reason: 'Failed in SABnzbd' });
    a.ctx.bus.emit('download.recovered', { download: download('3'), reason: 'Searched again' });
    a.ctx.bus.emit('audit.completed', { runId: 1, score: 90, findings: 2 });
    expect(await get(a)).toMatchObject({
      failed24h: 1,
      recoveries24h: 1,
      lastRecovery: { id: '3', reason: 'Searched again' },
      audit: { score: 90, findings: 2 },
    });
    await a.stop();
    running.splice(running.indexOf(a), 1);

    const b = await start();
    expect(await get(b)).toMatchObject({ failed24h: 1, recoveries24h: 1, lastRecovery: { id: '3' } });
  });

  it('an api replica, where the stats feature does not run, serves what the worker stored', async () => {
    const dir = tmpDir();
    const settings = (role: string) => {
      const r = loadSettings({ env: { DATA_DIR: dir, AUTOARR_ROLE: role }, mode: 'container', version: 'test' });
      if (!r.ok) throw new Error(r.problems.join('; '));
      return r.settings;
    };
    const worker = await startAutoArr(settings('all'), memoryLogger('error'), { listen: false });
    worker.ctx.bus.emit('download.recovered', { download: download('4'), reason: 'Searched again' });
    await worker.stop();

    const api = await startAutoArr(settings('api'), memoryLogger('error'), { listen: false });
    running.push(api);
    const res = await api.http.request('/api/stats', { headers: { authorization: `Bearer ${api.ctx.apiToken()}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recoveries24h: 1, lastRecovery: { id: '4' } });
  });
});
