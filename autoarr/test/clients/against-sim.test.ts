// Every client operation against the simulated stack: each call succeeds, the sim records it, and every
// (method, path) it sent exists in the upstream contract (SABnzbd: a documented mode, under the URL base).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRegistry, type AppRegistry } from '../../src/apps/registry.js';
import { AppError } from '../../src/apps/common/errors.js';
import { EventBus } from '../../src/bus/bus.js';
import { memoryLogger } from '../../src/log/logger.js';
import { settingsForSim, startSimStack, type SimApp, type SimStack } from '../../src/sim/index.js';
import { matchOperation } from '../helpers/contracts.js';

let stack: SimStack;
let apps: AppRegistry;

beforeAll(async () => {
  stack = await startSimStack({ scenario: 'demo', seed: 7 });
  apps = createAppRegistry(settingsForSim(stack), new EventBus(memoryLogger()), memoryLogger(), {
    client: { retryBaseMs: 1, timeoutMs: 5_000 },
  });
});

afterAll(async () => {
  await apps?.close();
  await stack?.stop();
});

/** Runs one operation and returns what the sim recorded for it. */
async function recorded<T>(app: SimApp, op: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  stack.control.clearRecords();
  const result = await op();
  const calls = stack.control.requests({ app }).map((r) => `${r.method} ${r.path}`);
  expect(calls.length).toBeGreaterThan(0);
  for (const r of stack.control.requests({ app })) expect(r.status).toBeLessThan(300);
  return { result, calls };
}

function expectInSpec(app: 'sonarr' | 'radarr' | 'plex', calls: string[]): void {
  for (const call of calls) {
    const [method, path] = call.split(' ') as [string, string];
    const op = matchOperation(app, method, path);
    expect(op, `${app}: ${call} is not in the contract`).toBeDefined();
    // The clients only use documented calls, so nothing of theirs needs the Plex allow-list.
    expect(op?.allowListed, `${app}: ${call} is only allow-listed`).toBeUndefined();
  }
}

const DOCUMENTED_SAB_MODES = new Set([
  'version',
  'queue',
  'history',
  'pause',
  'resume',
  'retry',
  'addurl',
  'get_config',
  'set_config',
  'config',
  'warnings',
  'fullstatus',
  'change_cat',
]);

describe('SABnzbd client against the sim', () => {
  async function sabOp<T>(op: () => Promise<T>, mode: string, name?: string): Promise<T> {
    const { result, calls } = await recorded('sabnzbd', op);
    expect(new Set(calls)).toEqual(new Set(['GET /sabnzbd/api']));
    const modes = stack.control.requests({ app: 'sabnzbd' }).map((r) => r.query);
    expect(modes.some((q) => q.mode === mode && (name === undefined || q.name === name))).toBe(true);
    for (const q of modes) {
      expect(DOCUMENTED_SAB_MODES.has(q.mode ?? '')).toBe(true);
      expect(q.output).toBe('json');
    }
    return result;
  }

  it('reads version, queue, history, warnings, status and config', async () => {
    const sab = apps.sabnzbd();
    expect(await sabOp(() => sab.version(), 'version')).toMatch(/^\d+\.\d+/);
    const q = await sabOp(() => sab.queue({ start: 0, limit: 50 }), 'queue');
    expect(q.slots.length).toBeGreaterThan(0);
    expect(q.slots.every((s) => s.nzoId.startsWith('SABnzbd_nzo_') && s.sizeBytes >= s.bytesLeft)).toBe(true);
    const h = await sabOp(() => sab.history({ limit: 20 }), 'history');
    expect(h.slots.length).toBeGreaterThan(0);
    await sabOp(() => sab.history({ failedOnly: true, category: 'tv' }), 'history');
    await sabOp(() => sab.warnings(), 'warnings');
    const status = await sabOp(() => sab.fullStatus(), 'fullstatus');
    expect(status.completeDir).not.toBe('');
    const cfg = await sabOp(() => sab.getConfig('misc'), 'get_config');
    expect(JSON.stringify(cfg)).not.toContain(stack.apps.sabnzbd.apiKey);
    expect(typeof (cfg.misc as Record<string, unknown>).direct_unpack).toBe('boolean');
  });

  it('sends every write the client has', async () => {
    const sab = apps.sabnzbd();
    const nzo = (await sab.queue()).slots[0]!.nzoId;
    await sabOp(() => sab.setConfig('misc', 'direct_unpack', true), 'set_config');
    await sabOp(() => sab.pauseJob(nzo), 'queue', 'pause');
    await sabOp(() => sab.resumeJob(nzo), 'queue', 'resume');
    await sabOp(() => sab.changeCategory(nzo, 'tv'), 'change_cat');
    await sabOp(() => sab.setPriority(nzo, 1), 'queue', 'priority');
    await sabOp(() => sab.setSpeedLimit(50), 'config', 'speedlimit');
    await sabOp(() => sab.pauseAll(), 'pause');
    await sabOp(() => sab.resumeAll(), 'resume');
    await sabOp(() => sab.pauseFor(30), 'config', 'set_pause');
    expect((await sab.queue()).pausedInt).toBe(30 * 60);
    await sabOp(() => sab.resumeAll(), 'resume');
    const added = await sabOp(() => sab.addUrl('https://indexer.example/getnzb/abc.nzb', { category: 'tv' }), 'addurl');
    expect(added).toHaveLength(1);
    await sabOp(() => sab.deleteJob(nzo, { deleteFiles: true }), 'queue', 'delete');
    expect(stack.control.writes({ app: 'sabnzbd' }).length).toBeGreaterThan(0);
  });

  it('retries and deletes a failed history item', async () => {
    stack.control.setScenario('sab_failed');
    try {
      const sab = apps.sabnzbd();
      // The job fails as sim time passes; wait for the observable effect, bounded.
      let failed: string | undefined;
      for (let i = 0; i < 240 && !failed; i++) {
        failed = (await sab.history({ failedOnly: true })).slots[0]?.nzoId;
        if (!failed) stack.control.advance(60_000);
      }
      expect(failed).toBeDefined();
      const again = await sabOp(() => sab.retry(failed!), 'retry');
      expect(again).toMatch(/^SABnzbd_nzo_/);
      const h = await sab.history({ limit: 50 });
      const any = h.slots[0]!.nzoId;
      await sabOp(() => sab.deleteHistory(any, { deleteFiles: true }), 'history', 'delete');
    } finally {
      stack.control.setScenario('demo');
    }
  });
});

describe('Sonarr client against the sim', () => {
  it('every read and write is a contract path', async () => {
    const s = apps.sonarr();
    const all: string[] = [];
    const run = async <T>(op: () => Promise<T>): Promise<T> => {
      const { result, calls } = await recorded('sonarr', op);
      all.push(...calls);
      return result;
    };
    expect((await run(() => s.systemStatus())).version).toBeTruthy();
    await run(() => s.health());
    expect((await run(() => s.tags())).map((t) => t.label)).toContain('keep');
    const q = await run(() => s.queue());
    await run(() => s.queueAll());
    const series = await run(() => s.series());
    const sid = series[0]!.id!;
    await run(() => s.seriesById(sid));
    const eps = await run(() => s.episodes(sid));
    await run(() => s.wantedMissing());
    await run(() => s.calendar(new Date(stack.control.now() - 7 * 864e5), new Date(stack.control.now() + 7 * 864e5)));
    await run(() => s.history({ eventType: 'grabbed' }));
    await run(() => s.history({ eventType: 'downloadFailed' }));
    await run(() => s.qualityProfiles());
    await run(() => s.rootFolders());
    await run(() => s.diskSpace());
    const dcs = await run(() => s.downloadClients());
    const dc = dcs[0]!;
    const updated = await run(() => s.updateDownloadClient(dc.id!, { ...dc, removeFailedDownloads: false }));
    expect(updated.removeFailedDownloads).toBe(false);
    expect((await run(() => s.downloadClients()))[0]!.removeFailedDownloads).toBe(false);
    await run(() => s.updateDownloadClient(dc.id!, dc));
    expect(await run(() => s.remotePathMappings())).toEqual([]);
    const defs = await run(() => s.qualityDefinitions());
    expect(defs.find((d) => d.title === 'WEBDL-1080p')?.minSize).toBeGreaterThan(0);
    const idx = await run(() => s.indexers());
    expect(idx.map((i) => i.protocol)).toEqual(['usenet', 'torrent']);
    for (const kind of ['mediamanagement', 'naming', 'downloadclient', 'indexer'] as const) {
      const cfg = await run(() => s.getConfig(kind));
      await run(() => s.putConfig(kind, cfg));
    }
    const search = await run(() => s.command('EpisodeSearch', { episodeIds: [eps[0]!.id!] }));
    await run(() => s.commandStatus(search.id!));
    await run(() => s.command('SeriesSearch', { seriesId: sid }));
    await run(() => s.command('MissingEpisodeSearch', {}));
    await run(() => s.command('RefreshSeries', { seriesId: sid }));
    const found = await run(() => s.lookupSeries('the'));
    const candidate = found.find((x) => !x.id) ?? found[0];
    if (candidate && !candidate.id) {
      const added = await run(() =>
        s.addSeries({
          ...candidate,
          qualityProfileId: 1,
          rootFolderPath: '/tv',
          addOptions: { searchForMissingEpisodes: false },
        }),
      );
      expect(added.id).toBeDefined();
    }
    const queueId = q.records[0]?.id;
    expect(queueId).toBeDefined();
    await run(() => s.removeFromQueue(queueId!, { removeFromClient: true, blocklist: true, skipRedownload: true }));
    expectInSpec('sonarr', all);
    expect(new Set(all)).toContain('DELETE /api/v3/queue/' + queueId);
  });
});

describe('Radarr client against the sim', () => {
  it('every read and write is a contract path', async () => {
    const r = apps.radarr();
    const all: string[] = [];
    const run = async <T>(op: () => Promise<T>): Promise<T> => {
      const { result, calls } = await recorded('radarr', op);
      all.push(...calls);
      return result;
    };
    await run(() => r.systemStatus());
    await run(() => r.health());
    const tags = await run(() => r.tags());
    expect(tags.find((t) => t.label === 'keep')?.id).toBe(1);
    await run(() => r.queueAll());
    const movies = await run(() => r.movies());
    const mid = movies[0]!.id!;
    await run(() => r.movie(mid));
    await run(() => r.wantedMissing());
    await run(() => r.calendar(new Date(stack.control.now() - 30 * 864e5), new Date(stack.control.now() + 30 * 864e5)));
    await run(() => r.history({ eventType: 'grabbed' }));
    await run(() => r.qualityProfiles());
    await run(() => r.rootFolders());
    await run(() => r.diskSpace());
    const dcs = await run(() => r.downloadClients());
    const dc = dcs[0]!;
    const updated = await run(() => r.updateDownloadClient(dc.id!, { ...dc, removeFailedDownloads: false }));
    expect(updated.removeFailedDownloads).toBe(false);
    expect((await run(() => r.downloadClients()))[0]!.removeFailedDownloads).toBe(false);
    await run(() => r.updateDownloadClient(dc.id!, dc));
    expect(await run(() => r.remotePathMappings())).toEqual([]);
    const defs = await run(() => r.qualityDefinitions());
    expect(defs.find((d) => d.title === 'WEBDL-1080p')?.minSize).toBeGreaterThan(0);
    const idx = await run(() => r.indexers());
    expect(idx.map((i) => i.protocol)).toEqual(['usenet', 'torrent']);
    for (const kind of ['mediamanagement', 'naming', 'downloadclient', 'indexer'] as const) {
      const cfg = await run(() => r.getConfig(kind));
      await run(() => r.putConfig(kind, cfg));
    }
    const cmd = await run(() => r.command('MoviesSearch', { movieIds: [mid] }));
    await run(() => r.commandStatus(cmd.id!));
    await run(() => r.command('RefreshMovie', { movieIds: [mid] }));
    await run(() => r.command('MissingMoviesSearch', {}));
    const found = await run(() => r.lookupMovie('a'));
    const candidate = found.find((x) => !x.id);
    if (candidate) {
      await run(() =>
        r.addMovie({
          ...candidate,
          qualityProfileId: 1,
          rootFolderPath: '/movies',
          addOptions: { searchForMovie: false },
        }),
      );
    }
    expectInSpec('radarr', all);
  });
});

describe('Plex client against the sim', () => {
  it('every call is a contract path', async () => {
    const p = apps.plex();
    const all: string[] = [];
    const run = async <T>(op: () => Promise<T>): Promise<T> => {
      const { result, calls } = await recorded('plex', op);
      all.push(...calls);
      return result;
    };
    expect((await run(() => p.identity())).version).toMatch(/^1\./);
    const sections = await run(() => p.sections());
    await run(() => p.scanSection(sections[0]!.key));
    await run(() => p.recentlyAdded({ limit: 10 }));
    await run(() => p.sessions());
    await run(() => p.search('the'));
    const prefs = await run(() => p.preferences());
    expect(prefs.length).toBeGreaterThan(0);
    await run(() => p.setPreferences({ [prefs[0]!.id]: prefs[0]!.value }));
    expectInSpec('plex', all);
  });
});

describe('registry against the sim', () => {
  it('connects to all four, and reports down, slow, html and bad_key modes by kind', async () => {
    const statuses = await apps.testAll();
    expect(statuses.map((s) => [s.id, s.state])).toEqual([
      ['sabnzbd', 'connected'],
      ['sonarr', 'connected'],
      ['radarr', 'connected'],
      ['plex', 'connected'],
    ]);
    await stack.control.setAppMode('sonarr', 'bad_key');
    expect((await apps.test('sonarr')).state).toBe('auth_failed');
    await stack.control.setAppMode('sonarr', 'html');
    const html = await apps
      .sonarr()
      .queue()
      .catch((e: unknown) => e);
    expect(html).toBeInstanceOf(AppError);
    expect((html as AppError).kind).toBe('bad_response');
    await stack.control.setAppMode('sonarr', 'ok');
    await stack.control.setAppMode('sabnzbd', 'down');
    const down = await apps
      .sabnzbd()
      .queue()
      .catch((e: unknown) => e);
    expect((down as AppError).kind).toBe('unreachable');
    expect((down as AppError).message).not.toContain(stack.apps.sabnzbd.apiKey);
    await stack.control.setAppMode('sabnzbd', 'ok');
    expect((await apps.test('sabnzbd')).state).toBe('connected');
  });
});

describe('slow apps', () => {
  it('a sim app that never answers times out after the configured request timeout', async () => {
    const quick = createAppRegistry(settingsForSim(stack), new EventBus(memoryLogger()), memoryLogger(), {
      requestTimeoutMs: 300,
    });
    await stack.control.setAppMode('plex', 'slow');
    try {
      const err = await quick
        .plex()
        .identity()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).kind).toBe('timeout');
      const status = await quick.test('plex');
      expect(status.state).toBe('unreachable');
      expect(status.message).toContain('did not answer GET /identity within 300 ms');
    } finally {
      await stack.control.setAppMode('plex', 'ok');
      await quick.close();
    }
  });
});

describe('contract path matcher', () => {
  it('rejects calls the contracts lack and catch-alls, accepts templated ones', () => {
    expect(matchOperation('plex', 'GET', '/library/sections')?.allowListed).toBeDefined();
    expect(matchOperation('plex', 'GET', '/library/sections/all')?.template).toBe('/library/sections/all');
    expect(matchOperation('sonarr', 'GET', '/api/v3/not-a-thing')).toBeUndefined();
    expect(matchOperation('sonarr', 'PATCH', '/api/v3/queue/1')).toBeUndefined();
    expect(matchOperation('radarr', 'PUT', '/api/v3/config/naming/1')?.template).toBe('/api/v3/config/naming/{id}');
  });
});
