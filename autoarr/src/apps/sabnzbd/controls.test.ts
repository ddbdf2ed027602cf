// SABnzbd queue controls through the real app (app.request(), no socket) against the simulated SABnzbd: status with
// pause reason, pause / timed pause / resume / speed limit on the one command path, and input that is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../app.js';
import { memoryLogger } from '../../log/logger.js';
import { loadSettings } from '../../settings/load.js';
import type { SabnzbdControlResult, SabnzbdStatus } from '../../shared/types.js';
import { settingsForSim, startSimStack, type SimStack } from '../../sim/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-sabctl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let sim: SimStack | undefined;
let app: AutoArr | undefined;
afterEach(async () => {
  await app?.stop();
  await sim?.stop();
  app = sim = undefined;
});

async function boot(scenario: string, withSab = true) {
  sim = await startSimStack({ speed: 0, scenario, startTime: Date.UTC(2026, 10, 25, 6) });
  const s = sim;
  const r = loadSettings({ env: { DATA_DIR: fs.mkdtempSync(path.join(tmp, 'd-')) }, version: 't', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  const instances = settingsForSim(s).filter((i) => withSab || i.app !== 'sabnzbd');
  app = await startAutoArr({ ...r.settings, instances, requestTimeoutMs: 3_000 }, memoryLogger('error'), {
    listen: false,
    now: () => new Date(s.control.now()),
  });
  const a = app;
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await a.http.request(url, {
      method,
      headers: { authorization: `Bearer ${a.ctx.apiToken()}`, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const status = async () => ((await call('GET', '/api/sabnzbd/status')).json.items as SabnzbdStatus[])[0]!;
  return { sim: s, app: a, call, status };
}

describe('SABnzbd controls', () => {
  it('reads the status, pauses for a time, resumes, limits speed, and logs each change', async () => {
    const { sim: s, app: a, call, status } = await boot('healthy');
    s.control.advance(5_000);
    const running = await status();
    expect(running).toMatchObject({ instanceId: 'sabnzbd', reachable: true, paused: false, speedLimitPercent: 100 });
    expect(running.pauseReason).toBeUndefined();
    expect(running.speedBps).toBeGreaterThan(0);
    expect(running.diskFreeBytes).toBeGreaterThan(0);

    const paused = await call('POST', '/api/sabnzbd/pause', { minutes: 30 }, { 'x-autoarr-client': 'ui' });
    expect(paused.status).toBe(200);
    const pr = paused.json as unknown as SabnzbdControlResult;
    expect(pr.message).toBe('SABnzbd paused for 30 minutes; it resumes by itself from the AutoArr page');
    expect(pr.status).toMatchObject({ paused: true, pauseReason: 'timed', speedBps: 0 });
    expect(pr.status!.resumesAt).toBe(new Date(s.control.now() + 30 * 60_000).toISOString());
    expect(s.control.writes({ app: 'sabnzbd' }).map((w) => w.query)).toEqual([
      expect.objectContaining({ mode: 'config', name: 'set_pause', value: '30' }),
    ]);

    s.control.advance(10 * 60_000);
    expect((await status()).pauseText).toBe('Paused for 20 minutes more; SABnzbd resumes by itself');

    const resumed = await call('POST', '/api/sabnzbd/resume');
    expect(resumed.status).toBe(200);
    expect(resumed.json).toMatchObject({ ok: true, message: 'SABnzbd resumed through the AutoArr API' });
    expect((await status()).paused).toBe(false);

    const untimed = await a.ctx.commands.run('sabnzbd.pause', { by: 'home_assistant' });
    expect(untimed).toMatchObject({ ok: true, status: { paused: true, pauseReason: 'manual' } });
    expect(untimed.message).toBe('SABnzbd paused until resumed from Home Assistant');
    await a.ctx.commands.run('sabnzbd.resume', { by: 'home_assistant' });

    const limited = await call('POST', '/api/sabnzbd/speed-limit', { percent: 40 });
    expect(limited.json).toMatchObject({ ok: true, status: { speedLimitPercent: 40 } });
    expect((await call('POST', '/api/sabnzbd/speed-limit', { percent: 100 })).json.message).toBe(
      'SABnzbd speed limit removed through the AutoArr API',
    );

    const log = await a.ctx.activity.list({ instanceId: 'sabnzbd' });
    expect(log.items.map((e) => e.action).reverse()).toEqual([
      'sabnzbd.pause',
      'sabnzbd.resume',
      'sabnzbd.pause',
      'sabnzbd.resume',
      'sabnzbd.speed_limit',
      'sabnzbd.speed_limit',
    ]);
  });

  it('says SABnzbd paused itself for low disk space, and that a resume did not hold', async () => {
    const { call, status } = await boot('low_disk_pause');
    const st = await status();
    expect(st).toMatchObject({ paused: true, pauseReason: 'low_disk' });
    expect(st.pauseText).toContain('too little free disk space (0.31 GB free in the download folder)');
    expect(st.warnings[0]).toMatchObject({ type: 'WARNING', text: 'Too little diskspace forcing PAUSE' });

    const r = await call('POST', '/api/sabnzbd/resume');
    expect(r.status).toBe(502);
    expect(r.json).toMatchObject({ code: 'sabnzbd_failed', ok: false });
    expect(r.json.message).toMatch(/^SABnzbd was asked to resume but is still paused: SABnzbd paused itself/);
  });

  it('refuses bad input with words, and reports an unreachable SABnzbd without crashing', async () => {
    const { sim: s, call, status } = await boot('healthy');
    for (const [url, body, words] of [
      ['/api/sabnzbd/pause', { minutes: 0 }, 'minutes must be a whole number from 1 to 10080'],
      ['/api/sabnzbd/pause', { minutes: 2.5 }, 'minutes must be a whole number'],
      ['/api/sabnzbd/pause', { until: '23:00' }, 'unknown field "until"'],
      ['/api/sabnzbd/speed-limit', { percent: 101 }, 'percent must be a whole number from 1 to 100'],
      ['/api/sabnzbd/speed-limit', {}, 'percent must be'],
      ['/api/sabnzbd/resume', '{nope', 'not valid JSON'],
    ] as const) {
      const r = await call('POST', url, body);
      expect(r.status, url).toBe(400);
      expect(String(r.json.message)).toContain(words);
    }
    expect((await call('POST', '/api/sabnzbd/pause?instance=nope')).status).toBe(404);
    expect(s.control.writes({ app: 'sabnzbd' })).toEqual([]);

    await s.control.setAppMode('sabnzbd', 'down');
    const down = await status();
    expect(down).toMatchObject({ reachable: false, paused: false });
    expect(down.problem).toMatch(/SABnzbd/);
    const r = await call('POST', '/api/sabnzbd/pause');
    expect(r.status).toBe(502);
    expect(r.json.message).toMatch(/SABnzbd/);
  });

  it('says SABnzbd is not configured when it is not', async () => {
    const { call } = await boot('healthy', false);
    expect((await call('GET', '/api/sabnzbd/status')).json).toEqual({ items: [] });
    const r = await call('POST', '/api/sabnzbd/pause');
    expect(r.status).toBe(404);
    expect(r.json.message).toContain('SABnzbd is not configured in AutoArr');
  });
});
