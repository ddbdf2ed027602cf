// Issue 16.2: a Sonarr URL that reaches Radarr (or the reverse) must never look connected, and nothing may be
// written to it — not by the monitor, the audit, MCP or a person — whoever asks, because they all use the
// registry's clients. Against the simulated stack with the two *arr URLs swapped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr } from '../../src/app.js';
import { AppError } from '../../src/apps/common/errors.js';
import { createAppRegistry, type AppRegistry } from '../../src/apps/registry.js';
import { EventBus } from '../../src/bus/bus.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import type { AppInstance } from '../../src/settings/settings.js';
import type { AppInfo, HealthResponse } from '../../src/shared/types.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { withToken } from '../helpers/http.js';

const SONARR_IS_RADARR = 'This URL is Radarr, not Sonarr — check SONARR_URL / the sonarr_url option';
const RADARR_IS_SONARR = 'This URL is Sonarr, not Radarr — check RADARR_URL / the radarr_url option';

let sim: SimStack;
let registry: AppRegistry | undefined;
beforeAll(async () => {
  sim = await startSimStack({ speed: 0, scenario: 'stalled', seed: 5 });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  sim.control.clearRecords();
});

/** The simulated stack's instances with the Sonarr and Radarr URLs (and keys, as copied along) swapped. */
function swapped(): AppInstance[] {
  return settingsForSim(sim).map((i) => {
    const other = i.app === 'sonarr' ? sim.apps.radarr : i.app === 'radarr' ? sim.apps.sonarr : undefined;
    return other ? { ...i, url: other.url, apiKey: other.apiKey } : i;
  });
}

const arrWrites = () => [...sim.control.writes({ app: 'sonarr' }), ...sim.control.writes({ app: 'radarr' })];

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('an *arr URL that reaches the other *arr', () => {
  it('is wrong_app with what to fix, and every request through the registry is refused before it is sent', async () => {
    registry = createAppRegistry(swapped(), new EventBus(memoryLogger()), memoryLogger(), {
      requestTimeoutMs: 3000,
    });
    const all = await registry.testAll();
    expect(all.map((s) => [s.id, s.state])).toEqual([
      ['sabnzbd', 'connected'],
      ['sonarr', 'wrong_app'],
      ['radarr', 'wrong_app'],
      ['plex', 'connected'],
    ]);
    expect(registry.status('sonarr')!.message).toBe(SONARR_IS_RADARR);
    expect(registry.status('radarr')!.message).toBe(RADARR_IS_SONARR);

    const before = sim.control.requests().length;
    const writes = [
      registry.sonarr().removeFromQueue(1, { removeFromClient: true, blocklist: true }),
      registry.sonarr().command('EpisodeSearch', { episodeIds: [1] }),
      registry.radarr().removeFromQueue(1, { removeFromClient: true, blocklist: true }),
      registry.radarr().command('MoviesSearch', { movieIds: [1] }),
    ];
    for (const w of writes) {
      const err = await refusal(w);
      expect(err.kind).toBe('wrong_app');
      expect(err.message).toMatch(/^This URL is (Radarr, not Sonarr|Sonarr, not Radarr) — check /);
    }
    // Reads are refused too: the monitor then sees the app as unavailable and its outage guard holds.
    expect((await refusal(registry.sonarr().queueAll())).message).toContain(SONARR_IS_RADARR);
    expect((await refusal(registry.client('radarr').probe())).kind).toBe('wrong_app');
    expect(sim.control.requests().length).toBe(before);
    expect(arrWrites()).toEqual([]);
  });

  it('a write to an instance never checked is checked first, and refused when it is the wrong app', async () => {
    const bus = new EventBus(memoryLogger());
    const changes: string[] = [];
    bus.on('app.health_changed', (e) => void changes.push(`${e.status.id}:${e.status.state}`));
    registry = createAppRegistry(swapped(), bus, memoryLogger(), { requestTimeoutMs: 3000 });
    expect(registry.status('sonarr')!.state).toBe('unknown');
    const err = await refusal(registry.sonarr().removeFromQueue(7, { removeFromClient: true, blocklist: true }));
    expect(err.kind).toBe('wrong_app');
    expect(err.message).toBe(`${SONARR_IS_RADARR}. AutoArr sends Sonarr nothing until its URL is fixed`);
    expect(registry.status('sonarr')!.state).toBe('wrong_app');
    expect(changes).toEqual(['sonarr:wrong_app']);
    expect(arrWrites()).toEqual([]);
  });

  it('the right app, never checked, is confirmed on the first write and the write goes out', async () => {
    registry = createAppRegistry(settingsForSim(sim), new EventBus(memoryLogger()), memoryLogger(), {
      requestTimeoutMs: 3000,
    });
    await registry.radarr().command('RefreshMovie', {});
    expect(registry.status('radarr')!.state).toBe('connected');
    const writes = sim.control.writes({ app: 'radarr' });
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(['POST /api/v3/command']);
    // The check came first: system/status was read before the command.
    const paths = sim.control
      .requests()
      .filter((r) => r.app === 'radarr')
      .map((r) => r.path);
    expect(paths.indexOf('/api/v3/system/status')).toBeLessThan(paths.indexOf('/api/v3/command'));
  });
});

describe('SABnzbd and Plex identity', () => {
  it('a SABnzbd or Plex URL that reaches an *arr is never connected', async () => {
    const instances = settingsForSim(sim).map((i) =>
      i.app === 'plex'
        ? { ...i, url: sim.apps.sonarr.url }
        : i.app === 'sabnzbd'
          ? { ...i, url: sim.apps.radarr.url }
          : i,
    );
    registry = createAppRegistry(instances, new EventBus(memoryLogger()), memoryLogger(), { requestTimeoutMs: 3000 });
    const sab = await registry.test('sabnzbd');
    const plex = await registry.test('plex');
    // mode=version needs no key in SABnzbd; Radarr refuses it, so this is not SABnzbd.
    expect(sab).toMatchObject({ state: 'wrong_app' });
    expect(sab.message).toBe(
      'This URL does not answer like SABnzbd (/api?mode=version, which needs no key, was refused with HTTP 401) — ' +
        'check SABNZBD_URL / the sabnzbd_url option',
    );
    // Sonarr has no /identity: not Plex's answer either way.
    expect(plex.state).toBe('unsupported');
    await refusal(registry.sabnzbd().pauseAll());
    await refusal(registry.plex().scanSection('1'));
    expect(sim.control.writes()).toEqual([]);
  });
});

describe('through the composition root', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-wrong-app-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('/api/health is degraded and /api/apps says which app answered and what to fix', async () => {
    const r = loadSettings({ env: { DATA_DIR: tmp }, version: '0.0.0-test', mode: 'container' });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const autoarr = await startAutoArr(
      { ...r.settings, host: '127.0.0.1', instances: swapped() },
      memoryLogger('error'),
      { listen: false },
    );
    try {
      // The health feature's first check is running; testAll() joins it.
      await autoarr.ctx.apps.testAll();
      const health = async () => (await (await autoarr.http.request('/api/health')).json()) as HealthResponse;
      const h = await health();
      expect(h.status).toBe('degraded');
      expect(h.apps.sonarr).toMatchObject({ state: 'wrong_app', message: SONARR_IS_RADARR });
      expect(h.apps.radarr).toMatchObject({ state: 'wrong_app', message: RADARR_IS_SONARR });
      const apps = (await (await withToken(autoarr)('/api/apps')).json()) as AppInfo[];
      expect(apps.find((a) => a.id === 'sonarr')).toMatchObject({ state: 'wrong_app', message: SONARR_IS_RADARR });
      expect(arrWrites()).toEqual([]);
    } finally {
      await autoarr.stop();
    }
  });
});
