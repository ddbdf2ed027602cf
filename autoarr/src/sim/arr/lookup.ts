// GET /series/lookup and /movie/lookup: library items and the simulated metadata source, most popular first.
// Items already in the library carry their id; the others have none, as in the real apps.
import type { SimMovie, SimSeries } from '../world/model.js';
import {
  META_MOVIES,
  META_OVERVIEWS,
  META_SERIES,
  lookupMatches,
  type MetaMovie,
  type MetaSeries,
} from '../world/metadata.js';
import { slug } from '../world/catalog.js';
import type { SimWorld } from '../world/world.js';
import { movieResource } from './radarr-resources.js';
import { seriesResource } from './sonarr-resources.js';

const LIBRARY_POPULARITY = 87.4;

export function lookupMovies(world: SimWorld, rawTerm: string): Record<string, unknown>[] {
  const term = rawTerm.trim();
  const byId = /^(tmdb|imdb):(.+)$/i.exec(term);
  const libHit = (m: SimMovie) =>
    byId
      ? (byId[1]!.toLowerCase() === 'tmdb' ? String(m.tmdbId) : m.imdbId) === byId[2]
      : lookupMatches(term, [m.title, m.originalTitle]);
  const metaHit = (m: MetaMovie) =>
    byId
      ? byId[1]!.toLowerCase() === 'tmdb' && String(m.tmdbId) === byId[2]
      : lookupMatches(term, [m.title, m.originalTitle, ...(m.alternateTitles ?? [])]);
  const inLibrary = new Set(world.movies.map((m) => m.tmdbId));
  const hits: Array<{ popularity: number; body: Record<string, unknown> }> = [
    ...world.movies.filter(libHit).map((m) => ({ popularity: LIBRARY_POPULARITY, body: movieResource(world, m) })),
    ...META_MOVIES.filter((m) => !inLibrary.has(m.tmdbId) && metaHit(m)).map((m) => ({
      popularity: m.popularity,
      body: metaMovieResource(world, m),
    })),
  ];
  return hits.sort((a, b) => b.popularity - a.popularity).map((h) => h.body);
}

export function lookupSeries(world: SimWorld, rawTerm: string): Record<string, unknown>[] {
  const term = rawTerm.trim();
  const tvdb = /^tvdb:(\d+)$/i.exec(term)?.[1];
  const libHit = (s: SimSeries) => (tvdb ? String(s.tvdbId) === tvdb : lookupMatches(term, [s.title]));
  const metaHit = (s: MetaSeries) =>
    tvdb ? String(s.tvdbId) === tvdb : lookupMatches(term, [s.title, ...(s.alternateTitles ?? [])]);
  const inLibrary = new Set(world.series.map((s) => s.tvdbId));
  const hits: Array<{ popularity: number; body: Record<string, unknown> }> = [
    ...world.series.filter(libHit).map((s) => ({ popularity: LIBRARY_POPULARITY, body: seriesResource(world, s) })),
    ...META_SERIES.filter((s) => !inLibrary.has(s.tvdbId) && metaHit(s)).map((s) => ({
      popularity: s.popularity,
      body: metaSeriesResource(s),
    })),
  ];
  return hits.sort((a, b) => b.popularity - a.popularity).map((h) => h.body);
}

function metaMovieResource(world: SimWorld, m: MetaMovie): Record<string, unknown> {
  const released = Date.UTC(m.year, 5, 1);
  const folderName = `${m.title.replace(/:/g, '')} (${m.year})`;
  const sim: SimMovie = {
    id: 0,
    title: m.title,
    originalTitle: m.originalTitle ?? m.title,
    sortTitle: m.title.toLowerCase(),
    year: m.year,
    tmdbId: m.tmdbId,
    imdbId: '',
    overview: META_OVERVIEWS[`${m.title}|${m.year}`] ?? '',
    runtime: 0,
    studio: '',
    genres: [],
    certification: '',
    titleSlug: `${slug(m.title)}-${m.tmdbId}`,
    folderName,
    path: '',
    added: 0,
    inCinemas: released,
    digitalRelease: released + 60 * 86_400_000,
    physicalRelease: released + 120 * 86_400_000,
    monitored: false,
    qualityProfileId: 0,
  };
  const body = movieResource(world, sim);
  delete body.id;
  delete body.path;
  delete body.rootFolderPath;
  body.folderName = folderName;
  body.added = '0001-01-01T00:00:00Z';
  body.popularity = m.popularity;
  body.alternateTitles = (m.alternateTitles ?? []).map((title) => ({ sourceType: 'tmdb', title }));
  return body;
}

function metaSeriesResource(s: MetaSeries): Record<string, unknown> {
  const seasons = Array.from({ length: s.seasons }, (_, i) => ({ seasonNumber: i + 1, monitored: false }));
  return {
    title: s.title,
    alternateTitles: (s.alternateTitles ?? []).map((title) => ({ title, seasonNumber: -1 })),
    sortTitle: s.title.toLowerCase().replace(/^the /, ''),
    status: s.ended ? 'ended' : 'continuing',
    ended: s.ended,
    overview: META_OVERVIEWS[`${s.title}|${s.year}`] ?? '',
    network: '',
    images: [],
    seasons,
    year: s.year,
    qualityProfileId: 0,
    seasonFolder: false,
    monitored: false,
    monitorNewItems: 'all',
    useSceneNumbering: false,
    runtime: 45,
    tvdbId: s.tvdbId,
    tvRageId: 0,
    tvMazeId: 0,
    tmdbId: 0,
    firstAired: new Date(Date.UTC(s.year, 0, 15)).toISOString(),
    seriesType: 'standard',
    cleanTitle: s.title.toLowerCase().replace(/[^a-z0-9]/g, ''),
    titleSlug: slug(s.title),
    folder: s.title.replace(/[:()]/g, '').trim(),
    genres: [],
    tags: [],
    added: '0001-01-01T00:00:00Z',
    ratings: { votes: Math.round(s.popularity * 1000), value: 8 },
    statistics: {
      seasonCount: s.seasons,
      episodeFileCount: 0,
      episodeCount: 0,
      totalEpisodeCount: 0,
      sizeOnDisk: 0,
      releaseGroups: [],
      percentOfEpisodes: 0,
    },
    languageProfileId: 0,
  };
}
