// /api/apps and /api/health through the real composition root, pointed at the simulated stack.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import type { AppInfo, AppStatus, HealthResponse } from '../../src/shared/types.js';
import { withToken } from '../helpers/http.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-apps-'));
let stack: SimStack;
let autoarr: AutoArr;

beforeAll(async () => {
  stack = await startSimStack({ scenario: 'healthy', seed: 3 });
  const r = loadSettings({ env: { DATA_DIR: tmp }, version: '0.0.0-test', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  autoarr = await startAutoArr(
    { ...r.settings, host: '127.0.0.1', instances: settingsForSim(stack) },
    memoryLogger('error'),
    { listen: false },
  );
});

afterAll(async () => {
  await autoarr?.stop();
  await stack?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The API with the token, as a client calls it in process. */
const api = (p: string, init?: RequestInit) => withToken(autoarr)(p, init);
const keys = () => Object.values(stack.apps).map((a) => a.apiKey);

describe('/api/apps', () => {
  it('lists every instance without its key', async () => {
    const res = await api('/api/apps');
    expect(res.status).toBe(200);
    const text = await res.text();
    const list = JSON.parse(text) as AppInfo[];
    expect(list.map((a) => a.id)).toEqual(['sabnzbd', 'sonarr', 'radarr', 'plex']);
    expect(list[0]!.url).toBe(stack.apps.sabnzbd.url);
    for (const k of keys()) expect(text).not.toContain(k);
  });

  it('tests one instance on demand and reports a rejected key with what to do', async () => {
    const ok = (await (await api('/api/apps/radarr/test', { method: 'POST' })).json()) as AppStatus;
    expect(ok).toMatchObject({ id: 'radarr', state: 'connected' });
    expect(ok.version).toMatch(/^\d+\./);

    await stack.control.setAppMode('radarr', 'bad_key');
    try {
      const res = await api('/api/apps/radarr/test', { method: 'POST' });
      const bad = (await res.json()) as AppStatus;
      expect(bad.state).toBe('auth_failed');
      expect(bad.message).toBe('Radarr rejected the API key: copy it from Settings → General → Security');
      const health = (await (await api('/api/health')).json()) as HealthResponse;
      expect(health.status).toBe('degraded');
      expect(health.apps.radarr!.state).toBe('auth_failed');
    } finally {
      await stack.control.setAppMode('radarr', 'ok');
    }
  });

  it('answers 404 with the JSON error shape for an unknown instance', async () => {
    const res = await api('/api/apps/nope/test', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found', message: 'There is no app instance "nope"' });
  });
});
