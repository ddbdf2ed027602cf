// Sonarr tools: series, episodes, searches, wanted/missing, calendar, plus the tools shared with Radarr.
import { z } from 'zod';
import type { EpisodeResource, SeriesResource } from '../../apps/sonarr/types.js';
import { UserError } from '../../core/errors.js';
import {
  UNTRUSTED_NOTE,
  actionOutput,
  countText,
  doneOf,
  instanceOutput,
  pageInfo,
  pageOf,
  pageOutput,
  pagingInput,
  untrustedLines,
  untrustedText,
} from '../common.js';
import { defineTool } from '../define.js';
import { arrSharedTools } from './arr-shared.js';
import { sonarr } from './pick.js';

const seriesItem = z.object({
  id: z.number().describe('Sonarr series id (0 when not in the library yet).'),
  title: z.string(),
  year: z.number().optional(),
  tvdbId: z.number().optional(),
  status: z.string().optional().describe('continuing, ended, upcoming.'),
  monitored: z.boolean(),
  episodeFileCount: z.number().optional(),
  episodeCount: z.number().optional(),
  sizeOnDiskBytes: z.number().optional(),
  nextAiring: z.string().optional(),
});

function mapSeries(s: SeriesResource): z.infer<typeof seriesItem> {
  const st = s.statistics;
  return {
    id: s.id ?? 0,
    title: untrustedText(s.title),
    ...(s.year ? { year: s.year } : {}),
    ...(s.tvdbId ? { tvdbId: s.tvdbId } : {}),
    ...(s.status ? { status: s.status } : {}),
    monitored: s.monitored ?? false,
    ...(st?.episodeFileCount !== undefined ? { episodeFileCount: st.episodeFileCount } : {}),
    ...(st?.episodeCount !== undefined ? { episodeCount: st.episodeCount } : {}),
    ...(st?.sizeOnDisk !== undefined ? { sizeOnDiskBytes: st.sizeOnDisk } : {}),
    ...(s.nextAiring ? { nextAiring: s.nextAiring } : {}),
  };
}

const episodeItem = z.object({
  episodeId: z.number(),
  seriesId: z.number(),
  seasonNumber: z.number(),
  episodeNumber: z.number(),
  title: z.string(),
  seriesTitle: z.string().optional(),
  airDateUtc: z.string().optional(),
  hasFile: z.boolean(),
  monitored: z.boolean(),
});

function mapEpisode(e: EpisodeResource): z.infer<typeof episodeItem> {
  return {
    episodeId: e.id ?? 0,
    seriesId: e.seriesId ?? 0,
    seasonNumber: e.seasonNumber ?? 0,
    episodeNumber: e.episodeNumber ?? 0,
    title: untrustedText(e.title),
    ...(e.series?.title ? { seriesTitle: untrustedText(e.series.title) } : {}),
    ...(e.airDateUtc ? { airDateUtc: e.airDateUtc } : {}),
    hasFile: e.hasFile ?? false,
    monitored: e.monitored ?? false,
  };
}
const epLabel = (e: z.infer<typeof episodeItem>) =>
  `${e.seriesTitle ?? `series ${e.seriesId}`} S${String(e.seasonNumber).padStart(2, '0')}E${String(e.episodeNumber).padStart(2, '0')}`;

const seriesId = { seriesId: z.number().int().min(1).describe('Sonarr series id from sonarr_list_series.') };
const commandOutput = { ...instanceOutput, ...actionOutput, commandId: z.number(), status: z.string() };

const listSeries = defineTool({
  name: 'sonarr_list_series',
  title: 'Sonarr series',
  description: 'The series in Sonarr by title, optionally filtered by a title fragment.',
  group: 'sonarr',
  effect: 'read',
  input: { ...pagingInput, query: z.string().optional().describe('Only series whose title contains this text.') },
  output: { ...instanceOutput, ...pageOutput, items: z.array(seriesItem) },
  async run({ page, pageSize, query }, env) {
    const { instance, client } = sonarr(env);
    const q = query?.toLowerCase();
    const all = (await client.series())
      .filter((s) => !q || (s.title ?? '').toLowerCase().includes(q))
      .sort((a, b) => (a.sortTitle ?? a.title ?? '').localeCompare(b.sortTitle ?? b.title ?? ''));
    const p = pageOf(all, page, pageSize);
    return {
      data: { instance, ...p, items: p.items.map(mapSeries) },
      summary: `Sonarr (${instance}): ${countText(p.items.length, p.total, 'series')}.`,
    };
  },
});

const getSeries = defineTool({
  name: 'sonarr_get_series',
  title: 'Sonarr series details',
  description: 'One series with its seasons, episode counts, quality profile and folder.',
  group: 'sonarr',
  effect: 'read',
  input: seriesId,
  output: {
    ...instanceOutput,
    series: seriesItem.extend({
      qualityProfileId: z.number().optional(),
      path: z.string().optional(),
      seasons: z.array(
        z.object({
          seasonNumber: z.number(),
          monitored: z.boolean(),
          episodeFileCount: z.number(),
          episodeCount: z.number(),
        }),
      ),
      untrusted: z.object({ overview: z.string() }).describe(UNTRUSTED_NOTE),
    }),
  },
  notFound: ({ seriesId }, instance) =>
    `Sonarr (${instance}) has no series with id ${seriesId}; sonarr_list_series lists the valid ids.`,
  async run({ seriesId }, env) {
    const { instance, client } = sonarr(env);
    const s = await client.seriesById(seriesId);
    const seasons = (s.seasons ?? []).map((x) => ({
      seasonNumber: x.seasonNumber ?? 0,
      monitored: x.monitored ?? false,
      episodeFileCount: x.statistics?.episodeFileCount ?? 0,
      episodeCount: x.statistics?.episodeCount ?? 0,
    }));
    const series = {
      ...mapSeries(s),
      ...(s.qualityProfileId ? { qualityProfileId: s.qualityProfileId } : {}),
      ...(s.path ? { path: s.path } : {}),
      seasons,
      untrusted: { overview: untrustedText(s.overview) },
    };
    return {
      data: { instance, series },
      summary: `Sonarr series ${seriesId} (title below): ${seasons.length} season(s), ${series.episodeFileCount ?? 0}/${series.episodeCount ?? 0} episodes on disk, ${series.monitored ? 'monitored' : 'not monitored'}.`,
      untrusted: untrustedLines([series.title]),
    };
  },
});

const lookupSeries = defineTool({
  name: 'sonarr_lookup_series',
  title: 'Find a series to add',
  description: 'Finds a series on TheTVDB by name or "tvdb:<id>"; id 0 means not in Sonarr yet.',
  group: 'sonarr',
  effect: 'read',
  openWorld: true,
  input: { term: z.string().min(1).describe('Series name, e.g. "The Bear", or "tvdb:403245".') },
  output: {
    ...instanceOutput,
    items: z.array(seriesItem.extend({ untrusted: z.object({ overview: z.string() }).describe(UNTRUSTED_NOTE) })),
  },
  async run({ term }, env) {
    const { instance, client } = sonarr(env);
    const items = (await client.lookupSeries(term))
      .slice(0, 10)
      .map((s) => ({ ...mapSeries(s), untrusted: { overview: untrustedText(s.overview) } }));
    return {
      data: { instance, items },
      summary: `${items.length} match(es) for the search term, listed below with year, tvdb id and whether each is in the library.`,
      untrusted: untrustedLines([
        `search term: ${term}`,
        ...items.map((s) => `${s.title} (${s.year ?? '?'}, tvdb ${s.tvdbId ?? '?'}${s.id ? ', in library' : ''})`),
      ]),
    };
  },
});

const addSeries = defineTool({
  name: 'sonarr_add_series',
  title: 'Add a series to Sonarr',
  description: 'Adds a series by TVDB id and searches for it; profile and folder default to the first ones.',
  group: 'sonarr',
  effect: 'write',
  openWorld: true,
  input: {
    tvdbId: z.number().int().min(1).describe('TheTVDB id from sonarr_lookup_series.'),
    qualityProfileId: z.number().int().optional().describe('From sonarr_get_quality_profiles.'),
    rootFolderPath: z.string().optional().describe('From sonarr_get_root_folders.'),
    monitor: z
      .enum(['all', 'future', 'missing', 'existing', 'firstSeason', 'lastSeason', 'pilot', 'none'])
      .default('all')
      .describe('Which episodes to monitor.'),
    searchForMissing: z.boolean().default(true).describe('Search for the monitored missing episodes right away.'),
  },
  output: { ...instanceOutput, ...actionOutput, series: seriesItem },
  async run({ tvdbId, qualityProfileId, rootFolderPath, monitor, searchForMissing }, env) {
    const { instance, client } = sonarr(env);
    const found = (await client.lookupSeries(`tvdb:${tvdbId}`))[0];
    if (!found) throw new UserError('not_found', `Sonarr (${instance}) found no series with TVDB id ${tvdbId}`, 404);
    if (found.id) throw new UserError('conflict', `${found.title} is already in Sonarr (series id ${found.id})`, 409);
    const profile = qualityProfileId ?? (await client.qualityProfiles())[0]?.id;
    const root = rootFolderPath ?? (await client.rootFolders())[0]?.path ?? undefined;
    if (!profile || !root)
      throw new UserError(
        'not_configured',
        `Sonarr (${instance}) has no quality profile or root folder to add to`,
        409,
      );
    const added = await client.addSeries({
      ...found,
      qualityProfileId: profile,
      rootFolderPath: root,
      monitored: monitor !== 'none',
      seasonFolder: true,
      addOptions: { monitor, searchForMissingEpisodes: searchForMissing },
    });
    const d = doneOf(`added ${added.title ?? found.title} to Sonarr${searchForMissing ? ' and started a search' : ''}`);
    return { ...d, data: { ...d.data, instance, series: mapSeries(added) } };
  },
});

const getEpisodes = defineTool({
  name: 'sonarr_get_episodes',
  title: 'Episodes of a series',
  description: 'The episodes of one series, optionally one season or only missing ones.',
  group: 'sonarr',
  effect: 'read',
  input: {
    ...seriesId,
    ...pagingInput,
    seasonNumber: z.number().int().min(0).optional().describe('Only this season (0 = specials).'),
    missingOnly: z.boolean().default(false).describe('Only monitored episodes that aired and have no file.'),
  },
  output: { ...instanceOutput, ...pageOutput, items: z.array(episodeItem) },
  async run({ seriesId, page, pageSize, seasonNumber, missingOnly }, env) {
    const { instance, client } = sonarr(env);
    const now = env.deps.ctx.now().toISOString();
    const all = (await client.episodes(seriesId))
      .filter((e) => seasonNumber === undefined || e.seasonNumber === seasonNumber)
      .filter((e) => !missingOnly || (e.monitored && !e.hasFile && !!e.airDateUtc && e.airDateUtc < now))
      .sort((a, b) => (a.seasonNumber ?? 0) - (b.seasonNumber ?? 0) || (a.episodeNumber ?? 0) - (b.episodeNumber ?? 0));
    const p = pageOf(all, page, pageSize);
    const items = p.items.map(mapEpisode);
    return {
      data: { instance, ...p, items },
      summary: `Series ${seriesId}: ${countText(items.length, p.total, 'episodes')}, ${items.filter((e) => e.hasFile).length} on disk on this page.`,
    };
  },
});

async function command(
  env: Parameters<typeof sonarr>[0],
  action: string,
  run: (c: ReturnType<typeof sonarr>['client']) => Promise<{ id?: number; status?: string | null }>,
) {
  const { instance, client } = sonarr(env);
  const cmd = await run(client);
  const d = doneOf(action);
  return { ...d, data: { ...d.data, instance, commandId: cmd.id ?? 0, status: cmd.status ?? 'queued' } };
}

const searchEpisodes = defineTool({
  name: 'sonarr_search_episodes',
  title: 'Search for episodes',
  description: 'Makes Sonarr search its indexers for episodes and grab the best release.',
  group: 'sonarr',
  effect: 'write',
  openWorld: true,
  input: {
    episodeIds: z
      .array(z.number().int().min(1))
      .min(1)
      .max(100)
      .describe('Episode ids from sonarr_get_episodes or sonarr_get_wanted_missing.'),
  },
  output: commandOutput,
  run: ({ episodeIds }, env) =>
    command(env, `started a search for ${episodeIds.length} episode(s)`, (c) =>
      c.command('EpisodeSearch', { episodeIds }),
    ),
});

const searchSeries = defineTool({
  name: 'sonarr_search_series',
  title: 'Search for a whole series',
  description: 'Makes Sonarr search for every monitored missing episode of one series.',
  group: 'sonarr',
  effect: 'write',
  openWorld: true,
  input: seriesId,
  output: commandOutput,
  run: ({ seriesId }, env) =>
    command(env, `started a search for series ${seriesId}`, (c) => c.command('SeriesSearch', { seriesId })),
});

const wantedMissing = defineTool({
  name: 'sonarr_get_wanted_missing',
  title: 'Missing episodes',
  description: 'Monitored episodes that aired but are not on disk, newest first.',
  group: 'sonarr',
  effect: 'read',
  input: { ...pagingInput },
  output: { ...instanceOutput, ...pageOutput, items: z.array(episodeItem) },
  async run({ page, pageSize }, env) {
    const { instance, client } = sonarr(env);
    const w = await client.wantedMissing({ page, pageSize });
    const items = w.records.slice(0, pageSize).map(mapEpisode);
    return {
      data: { instance, ...pageInfo(page, pageSize, w.totalRecords, items.length), items },
      summary: `Sonarr (${instance}): ${countText(items.length, w.totalRecords, 'missing episodes')}${items.length ? '; the first ones are listed below' : ''}.`,
      untrusted: untrustedLines(items.slice(0, 3).map(epLabel)),
    };
  },
});

const calendar = defineTool({
  name: 'sonarr_get_calendar',
  title: 'Upcoming episodes',
  description: 'Episodes airing in the coming (or past) days, with whether each is on disk.',
  group: 'sonarr',
  effect: 'read',
  input: {
    days: z.number().int().min(1).max(60).default(7).describe('How many days ahead.'),
    pastDays: z.number().int().min(0).max(30).default(0).describe('How many days back.'),
  },
  output: { ...instanceOutput, items: z.array(episodeItem), total: z.number().int() },
  async run({ days, pastDays }, env) {
    const { instance, client } = sonarr(env);
    const now = env.deps.ctx.now().getTime();
    const all = await client.calendar(new Date(now - pastDays * 86_400_000), new Date(now + days * 86_400_000));
    const items = all.slice(0, 200).map(mapEpisode);
    return {
      data: { instance, items, total: all.length },
      summary: `Sonarr (${instance}): ${all.length} episode(s) airing between ${pastDays} day(s) ago and ${days} day(s) ahead.`,
    };
  },
});

export const sonarrTools = [
  listSeries,
  getSeries,
  lookupSeries,
  addSeries,
  getEpisodes,
  searchEpisodes,
  searchSeries,
  ...arrSharedTools({ app: 'sonarr', label: 'Sonarr', item: 'episode', pick: sonarr }),
  wantedMissing,
  calendar,
];
