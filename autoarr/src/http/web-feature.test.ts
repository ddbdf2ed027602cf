// The web feature's API through app.request(): settings and thresholds, the access token, live events, and the
// static routes' ingress base and API 404s.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAutoArr, type AutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { Settings } from '../settings/settings.js';
import type { AccessTokenResponse, SettingsResponse } from '../shared/types.js';
import { withToken } from '../../test/helpers/http.js';
import { webAllowed, withBase } from './routes/web.js';

const dirs: string[] = [];
const running: AutoArr[] = [];

async function start(patch: Partial<Settings> = {}, env: Record<string, string> = {}): Promise<AutoArr> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-webf-'));
  dirs.push(dir);
  const r = loadSettings({ env: { DATA_DIR: dir, ...env }, mode: 'demo', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const a = await startAutoArr({ ...r.settings, ...patch }, memoryLogger('error'), { listen: false });
  running.push(a);
  return a;
}

afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The API as a client with the token calls it (a request with no token and no socket is refused). */
const api = (a: AutoArr, p: string, init?: RequestInit) => withToken(a)(p, init);

const json = (body: unknown) => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('settings', () => {
  it('switches and thresholds are saved in ctx.thresholds (not the options) and survive a restart', async () => {
    const a = await start();
    const events: unknown[] = [];
    a.ctx.bus.on('settings.changed', (e) => void events.push(e));
    const res = await api(a, '/api/settings', json({ dryRun: true, thresholds: { stallMinutes: 25 } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SettingsResponse;
    expect(body.runtime.dryRun).toBe(true);
    expect(body.thresholds.stallMinutes).toBe(25);
    expect(a.ctx.thresholds.get().stallMinutes).toBe(25);
    // The options stay what the person configured; the monitor reads ctx.thresholds.
    expect(a.ctx.settings.monitor.stallMinutes).not.toBe(25);
    expect(events).toContainEqual({ key: 'thresholds', value: expect.objectContaining({ stallMinutes: 25 }) });

    const dbPath = a.ctx.settings.databasePath;
    await a.stop();
    running.pop();
    const again = await start({ databasePath: dbPath });
    const reread = (await (await api(again, '/api/settings')).json()) as SettingsResponse;
    expect(reread.thresholds.stallMinutes).toBe(25);
    expect(reread.runtime.dryRun).toBe(true);
  });

  it('an out-of-range threshold is refused with the limits in words', async () => {
    const a = await start();
    const res = await api(a, '/api/settings', json({ thresholds: { maxStrikes: 0 } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('bad_request');
    expect(body.message).toContain('thresholds.maxStrikes (max strikes) must be a whole number from 1 to 20');
    expect(a.ctx.thresholds.get().maxStrikes).toBe(3);
  });

  it('lists option values without secrets', async () => {
    const a = await start({}, { SONARR_URL: 'http://sonarr:8989', SONARR_API_KEY: 'supersecretkey123456' });
    const text = await (await api(a, '/api/settings')).text();
    expect(text).toContain('SONARR_URL');
    expect(text).not.toContain('supersecretkey123456');
  });
});

describe('access token', () => {
  it('reveals the token and rotates it to a new one the API then requires', async () => {
    const a = await start({ mode: 'container', host: '0.0.0.0' });
    const old = a.ctx.apiToken();
    const auth = { authorization: `Bearer ${old}` };
    const got = (await (await api(a, '/api/access-token', { headers: auth })).json()) as AccessTokenResponse;
    expect(got.token).toBe(old);
    expect(got.mcp.streamableHttp).toBe('mcp');
    const rotated = (await (
      await api(a, '/api/access-token/rotate', { method: 'POST', headers: auth })
    ).json()) as AccessTokenResponse;
    expect(rotated.token).not.toBe(old);
    expect(a.ctx.apiToken()).toBe(rotated.token);
  });

  it('refuses to rotate a token set by AUTOARR_API_TOKEN', async () => {
    const a = await start({ apiToken: 'from-the-environment-0123456789' });
    const res = await api(a, '/api/access-token/rotate', { method: 'POST' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toContain('AUTOARR_API_TOKEN');
  });
});

describe('live events', () => {
  it('streams bus events by name over SSE', async () => {
    const a = await start();
    const res = await api(a, '/api/events');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    await read('event: hello');
    a.ctx.bus.emit('activity.added', { id: 7, kind: 'detect', action: 'stalled', message: 'Stalled: X' });
    await read('Stalled: X');
    expect(text).toContain('event: activity.added');
    await reader.cancel();
  });

  it('sends only the events named in ?only=', async () => {
    const a = await start();
    const res = await api(a, '/api/events?only=app.health_changed,nonsense');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    await read('event: hello');
    a.ctx.bus.emit('activity.added', { id: 8, kind: 'detect', action: 'stalled', message: 'Stalled: Y' });
    a.ctx.bus.emit('app.health_changed', {
      status: { id: 'sonarr', app: 'sonarr', name: 'Sonarr', state: 'auth_failed' },
    });
    await read('auth_failed');
    expect(text).not.toContain('Stalled: Y');
    await reader.cancel();
  });
});

describe('static routes', () => {
  it('answers JSON 404 for an API path nobody serves, not the UI', async () => {
    const a = await start();
    const res = await api(a, '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found');
  });

  it('in the add-on serves the UI to the Supervisor only, and the cards file to anyone', () => {
    expect(webAllowed('addon', '', '172.30.32.2')).toBe(true);
    expect(webAllowed('addon', 'assets/index-abc.js', '172.30.32.2')).toBe(true);
    expect(webAllowed('addon', '', '192.168.1.20')).toBe(false);
    expect(webAllowed('addon', 'assets/index-abc.js', '172.30.33.5')).toBe(false);
    expect(webAllowed('addon', 'cards/autoarr-cards.js', '192.168.1.20')).toBe(true);
    expect(webAllowed('container', '', '192.168.1.20')).toBe(true);
  });

  it('adds a <base> only for a well-formed ingress path', () => {
    const html = '<html><head><title>x</title></head></html>';
    expect(withBase(html, '/api/hassio_ingress/abc_DEF-1')).toContain('<base href="/api/hassio_ingress/abc_DEF-1/">');
    expect(withBase(html, '/api/hassio_ingress/x"><script>')).toBe(html);
    expect(withBase(html, undefined)).toBe(html);
  });
});

describe('speed history', () => {
  it('keeps the peak per 30-second bucket for the last 30 minutes', async () => {
    const { SpeedSampler } = await import('./routes/speed.js');
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const s = new SpeedSampler(() => new Date(now));
    s.add(100);
    s.add(300);
    s.add(200);
    now += 30_000;
    s.add(50);
    expect(s.history().points).toEqual([
      [now - 30_000, 300],
      [now, 50],
    ]);
    now += 31 * 60_000;
    s.add(7);
    expect(s.history().points).toEqual([[now, 7]]);
  });
});
