// AUTOARR_ROLE from the environment to what one process serves and runs (real SQLite file, in-process HTTP).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import { unknownOptionWarnings } from '../settings/unknown.js';

const TOKEN = 'roles-test-token-0123456789';
const running: AutoArr[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
});

async function start(role?: string): Promise<AutoArr> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-role-'));
  const env = { DATA_DIR: dataDir, AUTOARR_API_TOKEN: TOKEN, ...(role ? { AUTOARR_ROLE: role } : {}) };
  const r = loadSettings({ env, version: '0.0.0', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  const a = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
  running.push(a);
  return a;
}

const get = (a: AutoArr, p: string) => a.http.request(p, { headers: { authorization: `Bearer ${TOKEN}` } });

describe('AUTOARR_ROLE', () => {
  it('is read from the environment: all by default, any case; a wrong value says what to set; the add-on is all', () => {
    const load = (env: Record<string, string>) => loadSettings({ env, version: '0', mode: 'container' });
    const role = (env: Record<string, string>) => {
      const r = load(env);
      return r.ok ? r.settings.role : r.problems;
    };
    expect(role({})).toBe('all');
    expect(role({ AUTOARR_ROLE: ' Worker ' })).toBe('worker');
    expect(role({ AUTOARR_ROLE: 'api' })).toBe('api');
    expect(role({ AUTOARR_ROLE: 'mcp' })).toBe('mcp');
    expect(role({ AUTOARR_ROLE: 'monitor' })).toEqual([
      'AUTOARR_ROLE: "monitor" is not a role; expected all, api, worker, mcp (all runs everything)',
    ]);
    expect(unknownOptionWarnings({ env: { AUTOARR_ROLE: 'api' } })).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-role-addon-'));
    fs.writeFileSync(path.join(dir, 'options.json'), '{}');
    const addon = loadSettings({
      env: { AUTOARR_ROLE: 'mcp' },
      version: '0',
      mode: 'addon',
      optionsPath: path.join(dir, 'options.json'),
    });
    expect(addon.ok && addon.settings.role).toBe('all');
  });

  it('all (SQLite): runs and serves everything, leads, and answers both probes', async () => {
    const a = await start();
    expect(a.ctx.commands.has('download.retry')).toBe(true);
    expect((await get(a, '/api/downloads')).status).toBe(200);
    expect((await a.http.request('/mcp', { method: 'POST' })).status).not.toBe(404);
    const live = await a.http.request('/api/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'live' });
    const ready = await a.http.request('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', role: 'all', mode: 'single', leader: true });
    // The existing health answer is unchanged.
    expect(await (await a.http.request('/api/health')).json()).toMatchObject({ status: 'ok', version: '0.0.0' });
  });

  it('api: serves REST from the database and no MCP; the monitor does not run here and readiness says who leads', async () => {
    const a = await start('api');
    expect(a.ctx.commands.has('download.retry')).toBe(false);
    expect(a.ctx.commands.has('audit.run')).toBe(false);
    expect((await get(a, '/api/downloads')).status).toBe(200);
    expect((await get(a, '/api/activity')).status).toBe(200);
    expect((await get(a, '/api/settings')).status).toBe(200);
    expect((await a.http.request('/mcp', { method: 'POST' })).status).toBe(404);
    const retry = await a.http.request('/api/downloads/x/retry', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    // With SQLite no other replica leads, so nothing is forwarded: refused, and nothing was done.
    expect(retry.status).toBe(503);
    expect(await retry.json()).toMatchObject({
      code: 'unavailable',
      message: '"download.retry" is not available right now (its feature is not running)',
    });
    const ready = (await (await a.http.request('/api/health/ready')).json()) as Record<string, unknown>;
    expect(ready).toMatchObject({ status: 'ready', role: 'api', leader: false });
    expect(ready.note).toBe(
      'AUTOARR_ROLE=api does not run the monitor; a replica with AUTOARR_ROLE=all or worker leads',
    );
    const leaderOnly = await a.http.request('/api/health/ready?leader=true');
    expect(leaderOnly.status).toBe(503);
    expect(await leaderOnly.json()).toMatchObject({
      status: 'not_leader',
      message: 'This replica does not lead. With AUTOARR_ROLE=api it never leads.',
    });
  });

  it('worker: runs the monitor and the audit, serves no UI and no MCP, answers the probes', async () => {
    const a = await start('worker');
    expect(a.ctx.commands.has('download.retry')).toBe(true);
    expect(a.ctx.commands.has('audit.run')).toBe(true);
    expect(a.ctx.commands.has('request.preview')).toBe(false);
    expect((await a.http.request('/mcp', { method: 'POST' })).status).toBe(404);
    expect((await get(a, '/api/settings')).status).toBe(404);
    const ui = await a.http.request('/');
    expect(ui.status).toBe(404);
    expect(await ui.text()).toContain('AUTOARR_ROLE=worker and serves no web UI');
    expect(await (await a.http.request('/api/health/ready')).json()).toMatchObject({ role: 'worker', leader: true });
  });

  it('mcp: serves MCP only (and the probes); no REST, no UI, no background work', async () => {
    const a = await start('mcp');
    expect(a.ctx.commands.has('download.retry')).toBe(false);
    expect((await a.http.request('/mcp', { method: 'POST' })).status).not.toBe(404);
    expect((await get(a, '/api/downloads')).status).toBe(404);
    expect((await get(a, '/api/settings')).status).toBe(404);
    expect((await a.http.request('/')).status).toBe(404);
    expect((await a.http.request('/api/health/live')).status).toBe(200);
    expect(await (await a.http.request('/api/health/ready')).json()).toMatchObject({ role: 'mcp', leader: false });
  });
});
