// The simulated Sonarr/Radarr v3 API: routes both apps share (system, health, queue, commands, history,
// blocklist, settings); the library routes come from sonarr-routes.ts / radarr-routes.ts.
import { Hono, type Context } from 'hono';
import { removeFromQueue, runCommand } from '../world/actions.js';
import { SIM_TAGS } from '../world/catalog.js';
import type { ArrApp, HistoryRecord } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import {
  commandResource,
  diskSpace,
  downloadClients,
  healthResources,
  qualityProfiles,
  queueStatus,
  rootFolders,
  systemStatus,
} from './common.js';
import { CONFIG_KINDS, type ConfigKind } from './config-defaults.js';
import { indexerResources, qualityDefinitionResources, remotePathMappingResources } from './lists.js';
import { radarrBlocklistResource, radarrHistoryResource, radarrQueueResource } from './radarr-resources.js';
import { addRadarrRoutes } from './radarr-routes.js';
import { sonarrBlocklistResource, sonarrHistoryResource, sonarrQueueResource } from './sonarr-resources.js';
import { addSonarrRoutes } from './sonarr-routes.js';

export interface ArrOptions {
  apiKey: string;
  rejectAllKeys: () => boolean;
  /** Where the simulated SABnzbd listens (shown in the download client settings). */
  sab: () => { url: string; apiKey: string };
}

const EVENT_CODES: Record<ArrApp, Record<number, string>> = {
  sonarr: {
    0: 'unknown',
    1: 'grabbed',
    2: 'seriesFolderImported',
    3: 'downloadFolderImported',
    4: 'downloadFailed',
    5: 'episodeFileDeleted',
    6: 'episodeFileRenamed',
    7: 'downloadIgnored',
  },
  radarr: {
    0: 'unknown',
    1: 'grabbed',
    3: 'downloadFolderImported',
    4: 'downloadFailed',
    6: 'movieFileDeleted',
    8: 'movieFolderImported',
    9: 'movieFileRenamed',
    10: 'downloadIgnored',
  },
};

export const flag = (c: Context, name: string, fallback = false): boolean => {
  const v = c.req.query(name);
  return v === undefined ? fallback : v.toLowerCase() === 'true' || v === '1';
};
export const intQuery = (c: Context, name: string, fallback: number): number => {
  const n = Number(c.req.query(name));
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
/** `ids=1&ids=2` or `ids=1,2`. */
export const intList = (c: Context, name: string): number[] =>
  (c.req.queries(name) ?? [])
    .flatMap((v) => v.split(','))
    .map(Number)
    .filter(Number.isInteger);

export function paged<T>(c: Context, items: T[], sortKey: string, defaultSize = 10): Record<string, unknown> {
  const page = intQuery(c, 'page', 1);
  const pageSize = intQuery(c, 'pageSize', defaultSize);
  return {
    page,
    pageSize,
    sortKey: c.req.query('sortKey') ?? sortKey,
    sortDirection: c.req.query('sortDirection') ?? 'descending',
    totalRecords: items.length,
    records: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

export const notFound = (c: Context) => c.json({ message: 'NotFound', description: null }, 404);

export async function readJson(c: Context): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await c.req.json();
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function createArrRouter(world: SimWorld, app: ArrApp, opts: ArrOptions): Hono {
  const r = new Hono();
  r.get('/ping', (c) => c.json({ status: 'OK' }));
  r.use('/api/*', async (c, next) => {
    const key = c.req.header('X-Api-Key') ?? c.req.query('apikey');
    if (!key || key !== opts.apiKey || opts.rejectAllKeys()) return c.body(null, 401);
    await next();
  });
  const v3 = '/api/v3';
  r.get(`${v3}/system/status`, (c) => c.json(systemStatus(world, app)));
  r.get(`${v3}/health`, (c) => c.json(healthResources(world, app)));
  r.get(`${v3}/tag`, (c) => c.json(SIM_TAGS.map((t) => ({ id: t.id, label: t.label }))));

  const queueRecord = (c: Context, d: Parameters<typeof sonarrQueueResource>[1]) =>
    app === 'sonarr'
      ? sonarrQueueResource(world, d, { series: flag(c, 'includeSeries'), episode: flag(c, 'includeEpisode') })
      : radarrQueueResource(world, d, { movie: flag(c, 'includeMovie') });
  r.get(`${v3}/queue`, (c) => {
    const statuses = c.req.queries('status') ?? [];
    const unknown = flag(c, app === 'sonarr' ? 'includeUnknownSeriesItems' : 'includeUnknownMovieItems');
    const items = world
      .arrQueue(app, unknown)
      .map((d) => queueRecord(c, d))
      .filter((q) => !statuses.length || statuses.includes(String(q.status)));
    return c.json({ ...paged(c, items, 'timeleft'), sortDirection: c.req.query('sortDirection') ?? 'ascending' });
  });
  r.get(`${v3}/queue/status`, (c) => c.json(queueStatus(world, app)));
  r.get(`${v3}/queue/details`, (c) => {
    const episodeIds = intList(c, 'episodeIds');
    const seriesId = Number(c.req.query('seriesId'));
    const movieId = Number(c.req.query('movieId'));
    const items = world.arrQueue(app, false).filter((d) => {
      if (episodeIds.length) return d.episodeIds.some((id) => episodeIds.includes(id));
      if (Number.isInteger(seriesId) && c.req.query('seriesId')) return d.seriesId === seriesId;
      if (Number.isInteger(movieId) && c.req.query('movieId')) return d.movieId === movieId;
      return true;
    });
    return c.json(items.map((d) => queueRecord(c, d)));
  });
  const removeOpts = (c: Context) => ({
    removeFromClient: flag(c, 'removeFromClient', true),
    blocklist: flag(c, 'blocklist'),
    skipRedownload: flag(c, 'skipRedownload'),
  });
  r.delete(`${v3}/queue/bulk`, async (c) => {
    const body = await readJson(c);
    const ids = Array.isArray(body?.ids) ? body.ids.filter((x): x is number => typeof x === 'number') : [];
    for (const id of ids) removeFromQueue(world, app, id, removeOpts(c));
    return c.body(null, 200);
  });
  r.delete(`${v3}/queue/:id{[0-9]+}`, (c) =>
    removeFromQueue(world, app, Number(c.req.param('id')), removeOpts(c)) ? c.body(null, 200) : notFound(c),
  );

  r.post(`${v3}/command`, async (c) => {
    const body = await readJson(c);
    const name = typeof body?.name === 'string' ? body.name : '';
    if (!name)
      return c.json([{ propertyName: 'Name', errorMessage: "'Name' must not be empty.", severity: 'error' }], 400);
    return c.json(commandResource(runCommand(world, app, name, body ?? {})), 201);
  });
  r.get(`${v3}/command`, (c) =>
    c.json(world.commands.filter((x) => x.app === app && x.status !== 'completed').map(commandResource)),
  );
  r.get(`${v3}/command/:id{[0-9]+}`, (c) => {
    const cmd = world.commands.find((x) => x.app === app && x.id === Number(c.req.param('id')));
    return cmd ? c.json(commandResource(cmd)) : notFound(c);
  });

  const historyRecord = (c: Context, h: HistoryRecord) =>
    app === 'sonarr'
      ? sonarrHistoryResource(world, h, { series: flag(c, 'includeSeries'), episode: flag(c, 'includeEpisode') })
      : radarrHistoryResource(world, h, { movie: flag(c, 'includeMovie') });
  const eventFilter = (c: Context) => {
    const names = (c.req.queries('eventType') ?? [])
      .flatMap((v) => v.split(','))
      .map((v) => (/^\d+$/.test(v) ? EVENT_CODES[app][Number(v)] : v));
    return (h: HistoryRecord) => !names.length || names.includes(h.eventType);
  };
  const appHistory = () => world.history.filter((h) => h.app === app).sort((a, b) => b.date - a.date || b.id - a.id);
  r.get(`${v3}/history`, (c) => {
    const downloadId = c.req.query('downloadId');
    const episodeId = Number(c.req.query('episodeId'));
    const ids = intList(c, app === 'sonarr' ? 'seriesIds' : 'movieIds');
    const items = appHistory()
      .filter(eventFilter(c))
      .filter((h) => !downloadId || h.downloadId === downloadId)
      .filter((h) => !c.req.query('episodeId') || h.episodeId === episodeId)
      .filter((h) => !ids.length || ids.includes((app === 'sonarr' ? h.seriesId : h.movieId) ?? -1));
    return c.json(
      paged(
        c,
        items.map((h) => historyRecord(c, h)),
        'date',
      ),
    );
  });
  r.get(`${v3}/history/since`, (c) => {
    const since = Date.parse(c.req.query('date') ?? '');
    const items = appHistory()
      .filter(eventFilter(c))
      .filter((h) => !Number.isFinite(since) || h.date >= since);
    return c.json(items.map((h) => historyRecord(c, h)));
  });
  r.get(`${v3}/history/${app === 'sonarr' ? 'series' : 'movie'}`, (c) => {
    const id = Number(c.req.query(app === 'sonarr' ? 'seriesId' : 'movieId'));
    const items = appHistory()
      .filter(eventFilter(c))
      .filter((h) => (app === 'sonarr' ? h.seriesId : h.movieId) === id);
    return c.json(items.map((h) => historyRecord(c, h)));
  });
  r.get(`${v3}/blocklist`, (c) => {
    const items = world.blocklist.filter((b) => b.app === app).sort((a, b) => b.date - a.date);
    return c.json(paged(c, items.map(app === 'sonarr' ? sonarrBlocklistResource : radarrBlocklistResource), 'date'));
  });

  r.get(`${v3}/diskspace`, (c) => c.json(diskSpace(world, app)));
  r.get(`${v3}/rootfolder`, (c) => c.json(rootFolders(app)));
  r.get(`${v3}/qualityprofile`, (c) => c.json(qualityProfiles(app)));
  r.get(`${v3}/qualityprofile/:id{[0-9]+}`, (c) => {
    const p = qualityProfiles(app).find((x) => x.id === Number(c.req.param('id')));
    return p ? c.json(p) : notFound(c);
  });
  r.get(`${v3}/remotepathmapping`, (c) => c.json(remotePathMappingResources(world.arrLists[app])));
  r.get(`${v3}/qualitydefinition`, (c) => c.json(qualityDefinitionResources(app, world.arrLists[app])));
  r.get(`${v3}/indexer`, (c) => c.json(indexerResources(app, world.arrLists[app])));
  const clients = () => downloadClients(world, app, new URL(opts.sab().url), opts.sab().apiKey);
  r.get(`${v3}/downloadclient`, (c) => c.json(clients()));
  r.get(`${v3}/downloadclient/:id{[0-9]+}`, (c) => (c.req.param('id') === '1' ? c.json(clients()[0]) : notFound(c)));
  r.put(`${v3}/downloadclient/:id{[0-9]+}`, async (c) => {
    if (c.req.param('id') !== '1') return notFound(c);
    const body = await readJson(c);
    if (!body) return c.json({ message: 'Request body is not valid JSON' }, 400);
    const target = world.arrClients[app];
    for (const k of ['enable', 'removeCompletedDownloads', 'removeFailedDownloads'] as const) {
      if (typeof body[k] === 'boolean') target[k] = body[k] as boolean;
    }
    if (typeof body.priority === 'number') target.priority = body.priority;
    return c.json(clients()[0], 202);
  });

  const configKind = (c: Context): ConfigKind | undefined => {
    const k = c.req.param('kind') as ConfigKind;
    return CONFIG_KINDS.includes(k) ? k : undefined;
  };
  const getConfig = (c: Context) => {
    const kind = configKind(c);
    return kind ? c.json(world.arrConfigs[app][kind]) : notFound(c);
  };
  r.get(`${v3}/config/:kind`, getConfig);
  r.get(`${v3}/config/:kind/:id{[0-9]+}`, getConfig);
  r.put(`${v3}/config/:kind/:id{[0-9]+}`, async (c) => {
    const kind = configKind(c);
    if (!kind) return notFound(c);
    const body = await readJson(c);
    if (!body) return c.json({ message: 'Request body is not valid JSON' }, 400);
    const current = world.arrConfigs[app][kind];
    // Only known keys with the same JSON type are taken, like the real model binder.
    for (const [k, v] of Object.entries(body)) {
      if (k !== 'id' && k in current && (typeof v === typeof current[k] || current[k] === null)) current[k] = v;
    }
    return c.json(current, 202);
  });

  if (app === 'sonarr') addSonarrRoutes(r, world);
  else addRadarrRoutes(r, world);
  r.notFound((c) => c.json({ message: 'NotFound', description: null }, 404));
  return r;
}
