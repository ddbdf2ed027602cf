// Radarr tools: movies, lookups, adding, searching, wanted/missing, calendar, plus the tools shared with Sonarr.
import { z } from 'zod';
import type { MovieResource } from '../../apps/radarr/types.js';
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
import { radarr } from './pick.js';

const movieItem = z.object({
  id: z.number().describe('Radarr movie id (0 when not in the library yet).'),
  title: z.string(),
  year: z.number().optional(),
  tmdbId: z.number().optional(),
  imdbId: z.string().optional(),
  status: z.string().optional().describe('announced, inCinemas, released, tba.'),
  monitored: z.boolean(),
  hasFile: z.boolean(),
  isAvailable: z.boolean().optional(),
  sizeOnDiskBytes: z.number().optional(),
});

function mapMovie(m: MovieResource): z.infer<typeof movieItem> {
  return {
    id: m.id ?? 0,
    title: untrustedText(m.title),
    ...(m.year ? { year: m.year } : {}),
    ...(m.tmdbId ? { tmdbId: m.tmdbId } : {}),
    ...(m.imdbId ? { imdbId: m.imdbId } : {}),
    ...(m.status ? { status: m.status } : {}),
    monitored: m.monitored ?? false,
    hasFile: m.hasFile ?? false,
    ...(m.isAvailable !== undefined ? { isAvailable: m.isAvailable } : {}),
    ...(typeof m.sizeOnDisk === 'number' ? { sizeOnDiskBytes: m.sizeOnDisk } : {}),
  };
}
const label = (m: z.infer<typeof movieItem>) => `${m.title} (${m.year ?? '?'})`;
const movieId = { movieId: z.number().int().min(1).describe('Radarr movie id from radarr_list_movies.') };

const listMovies = defineTool({
  name: 'radarr_list_movies',
  title: 'Radarr movies',
  description: 'The movies in Radarr by title, optionally filtered by a title fragment or to missing ones.',
  group: 'radarr',
  effect: 'read',
  input: {
    ...pagingInput,
    query: z.string().optional().describe('Only movies whose title contains this text.'),
    missingOnly: z.boolean().default(false).describe('Only monitored movies without a file.'),
  },
  output: { ...instanceOutput, ...pageOutput, items: z.array(movieItem) },
  async run({ page, pageSize, query, missingOnly }, env) {
    const { instance, client } = radarr(env);
    const q = query?.toLowerCase();
    const all = (await client.movies())
      .filter((m) => !q || (m.title ?? '').toLowerCase().includes(q))
      .filter((m) => !missingOnly || (m.monitored && !m.hasFile))
      .sort((a, b) => (a.sortTitle ?? a.title ?? '').localeCompare(b.sortTitle ?? b.title ?? ''));
    const p = pageOf(all, page, pageSize);
    return {
      data: { instance, ...p, items: p.items.map(mapMovie) },
      summary: `Radarr (${instance}): ${countText(p.items.length, p.total, 'movies')}.`,
    };
  },
});

const getMovie = defineTool({
  name: 'radarr_get_movie',
  title: 'Radarr movie details',
  description: 'One movie in Radarr: availability, file, quality profile and folder.',
  group: 'radarr',
  effect: 'read',
  input: movieId,
  output: {
    ...instanceOutput,
    movie: movieItem.extend({
      qualityProfileId: z.number().optional(),
      path: z.string().optional(),
      minimumAvailability: z.string().optional(),
      untrusted: z.object({ overview: z.string(), fileName: z.string() }).describe(UNTRUSTED_NOTE),
    }),
  },
  notFound: ({ movieId }, instance) =>
    `Radarr (${instance}) has no movie with id ${movieId}; radarr_list_movies lists the valid ids.`,
  async run({ movieId }, env) {
    const { instance, client } = radarr(env);
    const m = await client.movie(movieId);
    const movie = {
      ...mapMovie(m),
      ...(m.qualityProfileId ? { qualityProfileId: m.qualityProfileId } : {}),
      ...(m.path ? { path: m.path } : {}),
      ...(m.minimumAvailability ? { minimumAvailability: m.minimumAvailability } : {}),
      untrusted: { overview: untrustedText(m.overview), fileName: untrustedText(m.movieFile?.relativePath) },
    };
    return {
      data: { instance, movie },
      summary: `Radarr movie ${movieId} (title below): ${movie.hasFile ? 'on disk' : 'not on disk'}, ${movie.monitored ? 'monitored' : 'not monitored'}.`,
      untrusted: untrustedLines([label(movie)]),
    };
  },
});

const lookupMovie = defineTool({
  name: 'radarr_lookup_movie',
  title: 'Find a movie to add',
  description: 'Finds a movie on TMDb by name, "tmdb:<id>" or "imdb:<id>"; id 0 means not in Radarr yet.',
  group: 'radarr',
  effect: 'read',
  openWorld: true,
  input: { term: z.string().min(1).describe('Movie name, e.g. "Dune Part Two", or "tmdb:693134".') },
  output: {
    ...instanceOutput,
    items: z.array(movieItem.extend({ untrusted: z.object({ overview: z.string() }).describe(UNTRUSTED_NOTE) })),
  },
  async run({ term }, env) {
    const { instance, client } = radarr(env);
    const items = (await client.lookupMovie(term))
      .slice(0, 10)
      .map((m) => ({ ...mapMovie(m), untrusted: { overview: untrustedText(m.overview) } }));
    return {
      data: { instance, items },
      summary: `${items.length} match(es) for the search term, listed below with year, tmdb id and whether each is in the library.`,
      untrusted: untrustedLines([
        `search term: ${term}`,
        ...items.map((m) => `${label(m)}, tmdb ${m.tmdbId ?? '?'}${m.id ? ', in library' : ''}`),
      ]),
    };
  },
});

const addMovie = defineTool({
  name: 'radarr_add_movie',
  title: 'Add a movie to Radarr',
  description: 'Adds a movie by TMDb id and searches for it; profile and folder default to the first ones.',
  group: 'radarr',
  effect: 'write',
  openWorld: true,
  input: {
    tmdbId: z.number().int().min(1).describe('TMDb id from radarr_lookup_movie.'),
    qualityProfileId: z.number().int().optional().describe('From radarr_get_quality_profiles.'),
    rootFolderPath: z.string().optional().describe('From radarr_get_root_folders.'),
    minimumAvailability: z
      .enum(['announced', 'inCinemas', 'released'])
      .default('released')
      .describe('When Radarr may start grabbing releases.'),
    searchForMovie: z.boolean().default(true).describe('Search for the movie right away.'),
  },
  output: { ...instanceOutput, ...actionOutput, movie: movieItem },
  async run({ tmdbId, qualityProfileId, rootFolderPath, minimumAvailability, searchForMovie }, env) {
    const { instance, client } = radarr(env);
    const found = (await client.lookupMovie(`tmdb:${tmdbId}`))[0];
    if (!found) throw new UserError('not_found', `Radarr (${instance}) found no movie with TMDb id ${tmdbId}`, 404);
    if (found.id) throw new UserError('conflict', `${found.title} is already in Radarr (movie id ${found.id})`, 409);
    const profile = qualityProfileId ?? (await client.qualityProfiles())[0]?.id;
    const root = rootFolderPath ?? (await client.rootFolders())[0]?.path ?? undefined;
    if (!profile || !root)
      throw new UserError(
        'not_configured',
        `Radarr (${instance}) has no quality profile or root folder to add to`,
        409,
      );
    const added = await client.addMovie({
      ...found,
      qualityProfileId: profile,
      rootFolderPath: root,
      monitored: true,
      minimumAvailability,
      addOptions: { searchForMovie },
    });
    const d = doneOf(`added ${label(mapMovie(added))} to Radarr${searchForMovie ? ' and started a search' : ''}`);
    return { ...d, data: { ...d.data, instance, movie: mapMovie(added) } };
  },
});

const searchMovie = defineTool({
  name: 'radarr_search_movie',
  title: 'Search for movies',
  description: 'Makes Radarr search its indexers for movies and grab the best release.',
  group: 'radarr',
  effect: 'write',
  openWorld: true,
  input: {
    movieIds: z.array(z.number().int().min(1)).min(1).max(100).describe('Radarr movie ids from radarr_list_movies.'),
  },
  output: { ...instanceOutput, ...actionOutput, commandId: z.number(), status: z.string() },
  async run({ movieIds }, env) {
    const { instance, client } = radarr(env);
    const cmd = await client.command('MoviesSearch', { movieIds });
    const d = doneOf(`started a search for ${movieIds.length} movie(s)`);
    return { ...d, data: { ...d.data, instance, commandId: cmd.id ?? 0, status: cmd.status ?? 'queued' } };
  },
});

const wantedMissing = defineTool({
  name: 'radarr_get_wanted_missing',
  title: 'Missing movies',
  description: 'Monitored, available movies that are not on disk. Paged.',
  group: 'radarr',
  effect: 'read',
  input: { ...pagingInput },
  output: { ...instanceOutput, ...pageOutput, items: z.array(movieItem) },
  async run({ page, pageSize }, env) {
    const { instance, client } = radarr(env);
    const w = await client.wantedMissing({ page, pageSize });
    const items = w.records.slice(0, pageSize).map(mapMovie);
    return {
      data: { instance, ...pageInfo(page, pageSize, w.totalRecords, items.length), items },
      summary: `Radarr (${instance}): ${countText(items.length, w.totalRecords, 'missing movies')}${items.length ? '; the first ones are listed below' : ''}.`,
      untrusted: untrustedLines(items.slice(0, 3).map(label)),
    };
  },
});

const calendar = defineTool({
  name: 'radarr_get_calendar',
  title: 'Upcoming movie releases',
  description: 'Movies with a cinema, digital or physical release in the coming (or past) days.',
  group: 'radarr',
  effect: 'read',
  input: {
    days: z.number().int().min(1).max(120).default(30).describe('How many days ahead.'),
    pastDays: z.number().int().min(0).max(60).default(0).describe('How many days back.'),
  },
  output: {
    ...instanceOutput,
    items: z.array(
      movieItem.extend({
        inCinemas: z.string().optional(),
        digitalRelease: z.string().optional(),
        physicalRelease: z.string().optional(),
      }),
    ),
    total: z.number().int(),
  },
  async run({ days, pastDays }, env) {
    const { instance, client } = radarr(env);
    const now = env.deps.ctx.now().getTime();
    const all = await client.calendar(new Date(now - pastDays * 86_400_000), new Date(now + days * 86_400_000));
    const items = all.slice(0, 200).map((m) => ({
      ...mapMovie(m),
      ...(m.inCinemas ? { inCinemas: m.inCinemas } : {}),
      ...(m.digitalRelease ? { digitalRelease: m.digitalRelease } : {}),
      ...(m.physicalRelease ? { physicalRelease: m.physicalRelease } : {}),
    }));
    return {
      data: { instance, items, total: all.length },
      summary: `Radarr (${instance}): ${all.length} movie release(s) between ${pastDays} day(s) ago and ${days} day(s) ahead.`,
    };
  },
});

export const radarrTools = [
  listMovies,
  getMovie,
  lookupMovie,
  addMovie,
  searchMovie,
  ...arrSharedTools({ app: 'radarr', label: 'Radarr', item: 'movie', pick: radarr }),
  wantedMissing,
  calendar,
];
