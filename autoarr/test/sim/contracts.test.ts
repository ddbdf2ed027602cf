// Every JSON body the simulated Sonarr/Radarr/Plex return validates against the upstream response schema, in
// every scenario and at several points of the download lifecycle; every route served is a spec operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS, startSimStack, type SimStack } from '../../src/sim/index.js';
import { matchOperation, validateResponse, type SpecApp } from '../helpers/contracts.js';
import { arr, call, obj } from './sim-client.js';

let stack: SimStack;
let added = 0;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 7 });
  // Loading the specs (the Plex one is 2.5 MB) belongs to set-up, not to the first scenario's time budget.
  for (const app of ['sonarr', 'radarr', 'plex'] as const) matchOperation(app, 'GET', '/');
});
afterAll(() => stack.stop());

interface Check {
  app: SpecApp;
  method: string;
  path: string;
  body?: unknown;
}

async function arrChecks(app: 'sonarr' | 'radarr'): Promise<Check[]> {
  const v3 = '/api/v3';
  const queue = obj((await call(stack, app, 'GET', `${v3}/queue?pageSize=100`)).json);
  const first = arr(queue.records)[0];
  const now = new Date(stack.control.now());
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const until = new Date(now.getTime() + 14 * 86_400_000).toISOString();
  const common: Check[] = [
    'system/status',
    'health',
    'tag',
    'queue',
    'queue?includeUnknownSeriesItems=true&pageSize=50',
    'queue/status',
    'command',
    'history?pageSize=50',
    'history?eventType=1',
    'history?eventType=3&pageSize=5&page=2',
    `history/since?date=${since}`,
    'blocklist',
    'diskspace',
    'rootfolder',
    'qualityprofile',
    'qualityprofile/1',
    'downloadclient',
    'downloadclient/1',
    'remotepathmapping',
    'qualitydefinition',
    'indexer',
    'config/mediamanagement',
    'config/naming',
    'config/downloadclient',
    'config/indexer',
    'config/mediamanagement/1',
    'config/naming/1',
    'config/downloadclient/1',
    'config/indexer/1',
    `calendar?start=${since}&end=${until}`,
    'wanted/missing?pageSize=50',
  ].map((p) => ({ app, method: 'GET', path: `${v3}/${p}` }));
  const specific: Check[] =
    app === 'sonarr'
      ? [
          'queue?includeSeries=true&includeEpisode=true',
          'history?includeSeries=true&includeEpisode=true',
          'history/series?seriesId=1',
          'series',
          'series/1',
          'series/lookup?term=bear',
          'series/lookup?term=the%20office',
          'series/lookup?term=tvdb:600003',
          'episode?seriesId=1',
          'episode?seriesId=2&includeEpisodeFile=true&includeSeries=true',
          'episode/1',
          'episode/20',
          `calendar?start=${since}&end=${until}&includeSeries=true&includeEpisodeFile=true`,
          'wanted/missing?includeSeries=true',
          first ? `queue/details?episodeIds=${String(first.episodeId)}` : 'queue/details',
        ].map((p) => ({ app, method: 'GET', path: `${v3}/${p}` }))
      : [
          'queue?includeMovie=true',
          'history?includeMovie=true',
          'history/movie?movieId=2',
          'movie',
          'movie/1',
          'movie/2',
          'movie/lookup?term=dune',
          'movie/lookup?term=godzilla',
          'movie/lookup?term=tmdb:500003',
          first ? `queue/details?movieId=${String(first.movieId)}` : 'queue/details',
        ].map((p) => ({ app, method: 'GET', path: `${v3}/${p}` }));
  const search =
    app === 'sonarr' ? { name: 'EpisodeSearch', episodeIds: [15] } : { name: 'MoviesSearch', movieIds: [4] };
  const mm = obj((await call(stack, app, 'GET', `${v3}/config/mediamanagement`)).json);
  const n = ++added;
  const add: Check =
    app === 'sonarr'
      ? {
          app,
          method: 'POST',
          path: `${v3}/series`,
          body: {
            title: `Test Show ${n}`,
            tvdbId: 900_000 + n,
            qualityProfileId: 1,
            rootFolderPath: '/tv',
            addOptions: { monitor: 'all', searchForMissingEpisodes: true },
          },
        }
      : {
          app,
          method: 'POST',
          path: `${v3}/movie`,
          body: {
            title: `Test Movie ${n}`,
            tmdbId: 900_000 + n,
            year: 2024,
            qualityProfileId: 1,
            rootFolderPath: '/movies',
            addOptions: { searchForMovie: true },
          },
        };
  const writes: Check[] = [
    { app, method: 'GET', path: '/ping' },
    add,
    { app, method: 'POST', path: `${v3}/command`, body: search },
    {
      app,
      method: 'PUT',
      path: `${v3}/config/mediamanagement/1`,
      body: { ...mm, copyUsingHardlinks: !mm.copyUsingHardlinks },
    },
    {
      app,
      method: 'PUT',
      path: `${v3}/downloadclient/1`,
      body: { ...arr((await call(stack, app, 'GET', `${v3}/downloadclient`)).json)[0], removeCompletedDownloads: true },
    },
  ];
  return [...common, ...specific, ...writes];
}

function plexChecks(): Check[] {
  const gets = [
    '/identity',
    '/library/sections/all',
    '/library/sections',
    '/library/sections/1/all',
    '/library/sections/2/all?X-Plex-Container-Size=5',
    '/library/recentlyAdded',
    '/library/recentlyAdded?X-Plex-Container-Start=0&X-Plex-Container-Size=3',
    '/library/sections/2/recentlyAdded',
    '/status/sessions',
    '/hubs/search?query=sev',
    '/hubs/search?query=dune&limit=1',
    '/:/prefs',
  ];
  return [
    ...gets.map((path) => ({ app: 'plex' as const, method: 'GET', path })),
    { app: 'plex', method: 'GET', path: '/library/sections/2/refresh' },
    { app: 'plex', method: 'POST', path: '/library/sections/1/refresh?force=1' },
    { app: 'plex', method: 'DELETE', path: '/library/sections/1/refresh' },
    { app: 'plex', method: 'GET', path: '/library/sections/' },
    { app: 'plex', method: 'GET', path: '/library/onDeck' },
    { app: 'plex', method: 'GET', path: '/search?query=the' },
    { app: 'plex', method: 'PUT', path: '/:/prefs?GenerateBIFBehavior=scheduled' },
  ];
}

/** DELETE one queue item per app (with blocklist) and in bulk, then read the blocklist. */
async function removals(): Promise<string[]> {
  const checks: Check[] = [];
  for (const app of ['sonarr', 'radarr'] as const) {
    const records = arr(obj((await call(stack, app, 'GET', '/api/v3/queue?pageSize=100')).json).records);
    if (records[0])
      checks.push({
        app,
        method: 'DELETE',
        path: `/api/v3/queue/${String(records[0].id)}?removeFromClient=true&blocklist=true&skipRedownload=true`,
      });
    if (records[1])
      checks.push({
        app,
        method: 'DELETE',
        path: '/api/v3/queue/bulk?removeFromClient=true',
        body: { ids: [records[1].id] },
      });
    checks.push({ app, method: 'GET', path: '/api/v3/blocklist?pageSize=50' });
  }
  return runChecks(checks);
}

async function runChecks(checks: Check[]): Promise<string[]> {
  const failures: string[] = [];
  for (const ch of checks) {
    const r = await call(stack, ch.app, ch.method, ch.path, ch.body);
    const pathOnly = ch.path.split('?')[0]!;
    if (r.status >= 300) failures.push(`${ch.app} ${ch.method} ${ch.path} → ${r.status}`);
    if (!matchOperation(ch.app, ch.method, pathOnly))
      failures.push(`${ch.app} ${ch.method} ${pathOnly} is not in the spec`);
    if (r.json === undefined) continue;
    const v = validateResponse(ch.app, ch.method, pathOnly, r.status, r.json);
    if (!v.ok) failures.push(`${ch.app} ${ch.method} ${ch.path}: ${v.errors.join('; ')}`);
  }
  return failures;
}

describe('simulated *arr and Plex bodies follow the upstream OpenAPI contracts', () => {
  it.each(SCENARIOS)(
    'scenario %s, through the download lifecycle',
    async (scenario) => {
      stack.control.setScenario(scenario);
      const failures: string[] = [];
      // At the start, mid-way (completions, failures, imports) and after searches and removals have played out.
      for (const step of [0, 90_000, 15 * 60_000]) {
        stack.control.advance(step);
        for (const app of ['sonarr', 'radarr'] as const) failures.push(...(await runChecks(await arrChecks(app))));
        failures.push(...(await runChecks(plexChecks())));
        failures.push(...(await removals()));
      }
      expect(failures).toEqual([]);
    },
    90_000,
  );

  it('validates queue removals with blocklist and the blocklist they produce', async () => {
    stack.control.setScenario('stalled');
    const q = obj((await call(stack, 'radarr', 'GET', '/api/v3/queue')).json);
    const id = Number(arr(q.records)[0]!.id);
    const del = await call(stack, 'radarr', 'DELETE', `/api/v3/queue/${id}?removeFromClient=true&blocklist=true`);
    expect(del.status).toBe(200);
    const bl = await call(stack, 'radarr', 'GET', '/api/v3/blocklist');
    expect(obj(bl.json).totalRecords).toBe(1);
    expect(validateResponse('radarr', 'GET', '/api/v3/blocklist', bl.status, bl.json).errors).toEqual([]);
  });

  it('the contract check itself rejects a wrong shape', async () => {
    const r = await call(stack, 'sonarr', 'GET', '/api/v3/system/status');
    const bad = { ...obj(r.json), appName: 5 };
    expect(validateResponse('sonarr', 'GET', '/api/v3/system/status', 200, bad).ok).toBe(false);
    const extra = { ...obj(r.json), notInTheSpec: true };
    expect(validateResponse('sonarr', 'GET', '/api/v3/system/status', 200, extra).ok).toBe(false);
  });
});
