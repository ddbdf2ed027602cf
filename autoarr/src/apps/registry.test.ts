import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../test/clients/local-server.js';
import { EventBus } from '../bus/bus.js';
import type { CoreContext } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { memoryLogger } from '../log/logger.js';
import type { AppInstance } from '../settings/settings.js';
import type { AppInfo, AppStatus } from '../shared/types.js';
import { compareVersions, unsupportedReason } from './connection-test.js';
import { createAppRegistry, type AppRegistry } from './registry.js';
import { appRoutes } from './routes.js';

const SAB_KEY = 'sabkey-registry-0123456789';
const SONARR_KEY = 'sonarrkey-registry-0123456789';
let server: LocalServer | undefined;
let registry: AppRegistry | undefined;

afterEach(async () => {
  await registry?.close();
  await server?.close();
  server = undefined;
  registry = undefined;
});

/** One local server playing SABnzbd (under /sabnzbd) and Sonarr (under /sonarr), with switchable behaviour. */
async function stack(state: { sabVersion: string; sonarrStatus: number }) {
  server = await startLocalServer((r) => {
    if (r.path === '/sabnzbd/api') {
      if (r.query.get('mode') === 'version') return { body: { version: state.sabVersion } };
      if (r.query.get('apikey') !== SAB_KEY) return { status: 403, body: 'API Key Incorrect' };
      return { body: { queue: { slots: [], noofslots: 0 } } };
    }
    if (r.path === '/sonarr/api/v3/system/status') {
      return state.sonarrStatus === 200
        ? { body: { appName: 'Sonarr', version: '4.0.19.2979' } }
        : { status: state.sonarrStatus, body: '' };
    }
    return { status: 404, body: '' };
  });
  const instances: AppInstance[] = [
    { id: 'sabnzbd', app: 'sabnzbd', name: 'SABnzbd', url: `${server.url}/sabnzbd`, apiKey: SAB_KEY, verifySsl: true },
    { id: 'sonarr', app: 'sonarr', name: 'Sonarr', url: `${server.url}/sonarr`, apiKey: SONARR_KEY, verifySsl: true },
    {
      id: 'sonarr_4k',
      app: 'sonarr',
      name: 'Sonarr 4K',
      url: `${server.url}/sonarr`,
      apiKey: 'wrongkey-0000',
      verifySsl: true,
    },
  ];
  const bus = new EventBus(memoryLogger());
  const events: Array<{ status: AppStatus; previous?: AppStatus }> = [];
  bus.on('app.health_changed', (e) => void events.push(e));
  registry = createAppRegistry(instances, bus, memoryLogger(), { client: { retryBaseMs: 1, timeoutMs: 10_000 } });
  return { registry, events };
}

describe('versions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('4.0.19.2979', '3.0')).toBe(1);
    expect(compareVersions('2.3.9', '3.0')).toBe(-1);
    expect(compareVersions('3.0.0', '3.0')).toBe(0);
    expect(compareVersions('10.0', '9.9')).toBe(1);
  });

  it('knows the minimum version of each app', () => {
    expect(unsupportedReason('sabnzbd', '2.3.9')).toContain('older than 3.0');
    expect(unsupportedReason('sabnzbd', '5.0.1')).toBeUndefined();
    expect(unsupportedReason('radarr', '0.2.0.1358')).toContain('update Radarr');
    expect(unsupportedReason('plex', '1.41.3.9314-a0bfb8370')).toBeUndefined();
    expect(unsupportedReason('plex', '0.9.16')).toBeDefined();
    expect(unsupportedReason('sonarr', 'develop')).toBeUndefined();
  });
});

describe('AppRegistry', () => {
  it('tests connections: connected with version, auth_failed with what to do, and emits changes once', async () => {
    const { registry, events } = await stack({ sabVersion: '5.0.1', sonarrStatus: 200 });
    const all = await registry.testAll();
    expect(all.map((s) => [s.id, s.state, s.version])).toEqual([
      ['sabnzbd', 'connected', '5.0.1'],
      ['sonarr', 'connected', '4.0.19.2979'],
      ['sonarr_4k', 'connected', '4.0.19.2979'],
    ]);
    expect(events).toHaveLength(3);
    await registry.testAll();
    expect(events).toHaveLength(3);
  });

  it('reports auth_failed, unsupported and unreachable states with clear messages', async () => {
    const state = { sabVersion: '2.3.9', sonarrStatus: 401 };
    const { registry, events } = await stack(state);
    const sab = await registry.test('sabnzbd');
    expect(sab.state).toBe('unsupported');
    expect(sab.message).toContain('SABnzbd 2.3.9 is older than 3.0');
    const sonarr = await registry.test('sonarr');
    expect(sonarr.state).toBe('auth_failed');
    expect(sonarr.message).toBe('Sonarr rejected the API key: copy it from Settings → General → Security');
    state.sonarrStatus = 500;
    const again = await registry.test('sonarr');
    expect(again.state).toBe('unreachable');
    expect(events.at(-1)).toMatchObject({ status: { state: 'unreachable' }, previous: { state: 'auth_failed' } });
    expect(registry.status('sonarr')).toEqual(again);
    expect(JSON.stringify(registry.statuses())).not.toContain(SONARR_KEY);
  });

  it('a wrong SABnzbd key is auth_failed even though mode=version needs no key', async () => {
    const { registry } = await stack({ sabVersion: '5.0.1', sonarrStatus: 200 });
    const inst = registry.instance('sabnzbd')!;
    inst.apiKey = 'not-the-key-1234';
    expect((await registry.test('sabnzbd')).state).toBe('auth_failed');
  });

  it('gives typed clients by kind and id, and UserError for unknown ones', async () => {
    const { registry } = await stack({ sabVersion: '5.0.1', sonarrStatus: 200 });
    expect(registry.ofKind('sonarr').map((i) => i.id)).toEqual(['sonarr', 'sonarr_4k']);
    expect(registry.sonarr().instance.id).toBe('sonarr');
    expect(registry.sonarr('sonarr_4k').instance.id).toBe('sonarr_4k');
    expect(registry.sonarr('sonarr_4k')).toBe(registry.sonarr('sonarr_4k'));
    expect(await registry.sabnzbd().version()).toBe('5.0.1');
    expect(() => registry.radarr()).toThrow(UserError);
    expect(() => registry.sonarr('sabnzbd')).toThrow(/no Sonarr instance "sabnzbd"/);
    await expect(registry.test('nope')).rejects.toBeInstanceOf(UserError);
  });
});

describe('bad configuration', () => {
  it('an unusable URL shows as unreachable with what to fix, for openapi-fetch clients too', async () => {
    const bad: AppInstance = {
      id: 'radarr',
      app: 'radarr',
      name: 'Radarr',
      url: 'radarr:7878',
      apiKey: 'k-123456',
      verifySsl: true,
    };
    registry = createAppRegistry([bad], new EventBus(memoryLogger()), memoryLogger());
    const status = await registry.test('radarr');
    expect(status.state).toBe('unreachable');
    expect(status.message).toContain('is not a valid address');
  });
});

describe('/api/apps', () => {
  it('lists instances without keys and tests one on demand', async () => {
    const { registry } = await stack({ sabVersion: '5.0.1', sonarrStatus: 200 });
    const router = appRoutes({ apps: registry } as unknown as CoreContext);
    const before = (await (await router.request('/')).json()) as AppInfo[];
    expect(before.map((a) => [a.id, a.state])).toEqual([
      ['sabnzbd', 'unknown'],
      ['sonarr', 'unknown'],
      ['sonarr_4k', 'unknown'],
    ]);
    const res = await router.request('/sonarr/test', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as AppStatus).state).toBe('connected');
    const after = await (await router.request('/')).text();
    expect(after).toContain('"state":"connected"');
    expect(after).not.toContain(SAB_KEY);
    expect(after).not.toContain(SONARR_KEY);
  });
});

describe('identity', () => {
  it('names the app that answered, and which setting to fix, for the first and for an extra instance', async () => {
    server = await startLocalServer((r) => {
      if (r.path.endsWith('/api/v3/system/status')) return { body: { appName: 'Lidarr', version: '2.9.6' } };
      if (r.path === '/sab/api') return { body: { current: 'v3', deprecated: [] } };
      if (r.path === '/plex/identity') return { body: { MediaContainer: { size: 0, version: '1.41.3' } } };
      return { status: 404, body: '' };
    });
    const mk = (id: string, app: AppInstance['app'], name: string, p: string): AppInstance => ({
      id,
      app,
      name,
      url: `${server!.url}${p}`,
      apiKey: 'key-identity-0123',
      verifySsl: true,
    });
    registry = createAppRegistry(
      [
        mk('sonarr', 'sonarr', 'Sonarr', '/a'),
        mk('radarr_4k', 'radarr', 'Radarr 4K', '/b'),
        mk('sabnzbd', 'sabnzbd', 'SABnzbd', '/sab'),
        mk('plex', 'plex', 'Plex', '/plex'),
      ],
      new EventBus(memoryLogger()),
      memoryLogger(),
      { client: { retryBaseMs: 1 } },
    );
    const all = Object.fromEntries((await registry.testAll()).map((s) => [s.id, s]));
    expect(all.sonarr).toMatchObject({
      state: 'wrong_app',
      message: 'This URL is Lidarr, not Sonarr — check SONARR_URL / the sonarr_url option',
    });
    expect(all.radarr_4k!.message).toBe(
      'The URL of Radarr 4K is Lidarr, not Radarr — check RADARR_<n>_URL / the URL of "Radarr 4K" in extra_instances',
    );
    expect(all.sabnzbd).toMatchObject({
      state: 'wrong_app',
      message:
        'This URL does not answer like SABnzbd (/api?mode=version names no version) — check SABNZBD_URL / the sabnzbd_url option',
    });
    expect(all.plex).toMatchObject({
      state: 'wrong_app',
      message: 'This URL does not answer like Plex (/identity names no machine) — check PLEX_URL / the plex_url option',
    });
    // Nothing but the identity reads reached the server, and no write does.
    const before = server.requests.length;
    await expect(registry.sabnzbd().pauseAll()).rejects.toMatchObject({ kind: 'wrong_app' });
    await expect(registry.plex().scanSection('1')).rejects.toMatchObject({ kind: 'wrong_app' });
    expect(server.requests.length).toBe(before);
  });
});

describe('report(): a monitor poll sets the state at once', () => {
  it('maps each fault kind to a state with the current message, and a good poll clears it', async () => {
    const { registry, events } = await stack({ sabVersion: '5.0.1', sonarrStatus: 200 });
    await registry.testAll();
    const seen = events.length;
    const cases: Array<[string, string]> = [
      ['unreachable', 'unreachable'],
      ['timeout', 'unreachable'],
      ['upstream', 'unreachable'],
      ['auth', 'auth_failed'],
      ['bad_response', 'unsupported'],
      ['not_found', 'unsupported'],
      ['wrong_app', 'wrong_app'],
      ['other', 'unreachable'],
    ];
    for (const [kind, state] of cases) {
      const message = `Sonarr failed with ${kind}`;
      registry.report({ instanceId: 'sonarr', error: { kind: kind as never, message } });
      // Synchronous: the poll's own outcome, never the previous fault's message.
      expect(registry.status('sonarr')).toMatchObject({ state, message });
    }
    expect(events.length - seen).toBe(cases.length);
    registry.report({ instanceId: 'sonarr' });
    await expect.poll(() => registry.status('sonarr')!.state).toBe('connected');
    expect(registry.status('sonarr')!.message).toBeUndefined();
    // Unknown instances (a benchmark's fake ports) are ignored.
    registry.report({ instanceId: 'nope', error: { kind: 'unreachable', message: 'x' } });
  });
});

describe('a poll fault and a connection test at the same time', () => {
  it('a test that started before the failed poll does not overwrite its fault with "connected"', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    server = await startLocalServer(async (r) => {
      if (r.path === '/sonarr/api/v3/system/status') {
        await gate;
        return { body: { appName: 'Sonarr', version: '4.0.19.2979' } };
      }
      return { status: 404, body: '' };
    });
    const sonarr: AppInstance = {
      id: 'sonarr',
      app: 'sonarr',
      name: 'Sonarr',
      url: `${server.url}/sonarr`,
      apiKey: SONARR_KEY,
      verifySsl: true,
    };
    registry = createAppRegistry([sonarr], new EventBus(memoryLogger()), memoryLogger());
    const running = registry.test('sonarr');
    await expect.poll(() => server!.requests.length).toBe(1);
    registry.report({ instanceId: 'sonarr', error: { kind: 'unreachable', message: 'Sonarr did not answer' } });
    release();
    await running;
    expect(registry.status('sonarr')).toMatchObject({ state: 'unreachable', message: 'Sonarr did not answer' });
    // The next test, started after the fault, decides.
    expect((await registry.test('sonarr')).state).toBe('connected');
  });
});
