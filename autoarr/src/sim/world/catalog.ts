// The seed library: a few series and movies with files, some missing episodes/movies to grab, unicode titles.
// Air dates are relative to the sim start so "recently aired" and the calendar always make sense.
import { QUALITIES, type SimEpisode, type SimFile, type SimMovie, type SimSeries } from './model.js';

const DAY = 86_400_000;

/** Tags both *arr apps know (GET /api/v3/tag); "keep" lets tests protect a download by tag. */
export const SIM_TAGS: ReadonlyArray<{ id: number; label: string }> = [
  { id: 1, label: 'keep' },
  { id: 2, label: '4k' },
];

interface SeriesSeed {
  title: string;
  year: number;
  tvdbId: number;
  tmdbId: number;
  tvMazeId: number;
  imdbId: string;
  network: string;
  status: 'continuing' | 'ended';
  genres: string[];
  runtime: number;
  certification: string;
  overview: string;
  /** Episodes per season. */
  seasons: number[];
  /** Days before the sim start when the last season's first episode aired. */
  lastSeasonStartedDaysAgo: number;
  /** Episodes of the last season that have a file. */
  lastSeasonFiles: number;
  titles?: Record<string, string>;
}

const SERIES: SeriesSeed[] = [
  {
    title: 'Severance',
    year: 2022,
    tvdbId: 371980,
    tmdbId: 95396,
    tvMazeId: 44933,
    imdbId: 'tt11280740',
    network: 'Apple TV+',
    status: 'continuing',
    genres: ['Drama', 'Mystery', 'Science Fiction'],
    runtime: 50,
    certification: 'TV-MA',
    overview:
      'Mark leads a team of office workers whose memories have been surgically divided between work and personal lives.',
    seasons: [9, 10],
    lastSeasonStartedDaysAgo: 35,
    lastSeasonFiles: 4,
    titles: { '2x5': 'Trojan’s Horse', '2x6': 'Attila', '2x7': 'Chikhai Bardo' },
  },
  {
    title: 'The Bear',
    year: 2022,
    tvdbId: 403245,
    tmdbId: 136315,
    tvMazeId: 61174,
    imdbId: 'tt14452776',
    network: 'FX',
    status: 'continuing',
    genres: ['Comedy', 'Drama'],
    runtime: 34,
    certification: 'TV-MA',
    overview: 'A young chef from the fine-dining world returns to Chicago to run his family’s sandwich shop.',
    seasons: [8, 10],
    lastSeasonStartedDaysAgo: 14,
    lastSeasonFiles: 1,
    titles: { '2x2': 'Next', '2x3': 'Doors' },
  },
  {
    title: 'Shōgun',
    year: 2024,
    tvdbId: 431492,
    tmdbId: 126308,
    tvMazeId: 58014,
    imdbId: 'tt2788316',
    network: 'FX',
    status: 'continuing',
    genres: ['Adventure', 'Drama', 'History'],
    runtime: 59,
    certification: 'TV-MA',
    overview: 'In Japan in the year 1600, a mysterious European ship is found marooned in a nearby fishing village.',
    seasons: [10],
    lastSeasonStartedDaysAgo: 400,
    lastSeasonFiles: 10,
  },
  {
    title: 'Slow Horses',
    year: 2022,
    tvdbId: 397271,
    tmdbId: 95480,
    tvMazeId: 46470,
    imdbId: 'tt5875444',
    network: 'Apple TV+',
    status: 'continuing',
    genres: ['Drama', 'Thriller'],
    runtime: 48,
    certification: 'TV-MA',
    overview: 'A dysfunctional team of MI5 agents — and their obnoxious boss — serve in a dumping ground department.',
    seasons: [6, 6],
    lastSeasonStartedDaysAgo: 10,
    lastSeasonFiles: 0,
    titles: { '2x2': 'TBA' },
  },
];

interface MovieSeed {
  title: string;
  originalTitle?: string;
  year: number;
  tmdbId: number;
  imdbId: string;
  studio: string;
  runtime: number;
  genres: string[];
  certification: string;
  overview: string;
  hasFile: boolean;
  tags?: number[];
}

const MOVIES: MovieSeed[] = [
  {
    title: 'Dune: Part Two',
    year: 2024,
    tmdbId: 693134,
    imdbId: 'tt15239678',
    studio: 'Legendary Pictures',
    runtime: 167,
    genres: ['Science Fiction', 'Adventure'],
    certification: 'PG-13',
    overview: 'Paul Atreides unites with Chani and the Fremen while on a path of revenge.',
    hasFile: true,
  },
  {
    title: 'Oppenheimer',
    tags: [1],
    year: 2023,
    tmdbId: 872585,
    imdbId: 'tt15398776',
    studio: 'Universal Pictures',
    runtime: 181,
    genres: ['Drama', 'History'],
    certification: 'R',
    overview: 'The story of J. Robert Oppenheimer’s role in the development of the atomic bomb.',
    hasFile: false,
  },
  {
    title: 'Amélie',
    originalTitle: 'Le Fabuleux Destin d’Amélie Poulain',
    year: 2001,
    tmdbId: 194,
    imdbId: 'tt0211915',
    studio: 'Claudie Ossard Productions',
    runtime: 122,
    genres: ['Comedy', 'Romance'],
    certification: 'R',
    overview: 'Amélie decides to change the lives of those around her for the better.',
    hasFile: true,
  },
  {
    title: 'Past Lives',
    year: 2023,
    tmdbId: 666277,
    imdbId: 'tt13238346',
    studio: 'A24',
    runtime: 106,
    genres: ['Drama', 'Romance'],
    certification: 'PG-13',
    overview: 'Two childhood friends are reunited for one fateful week in New York.',
    hasFile: false,
  },
  {
    title: 'Spirited Away',
    originalTitle: '千と千尋の神隠し',
    year: 2001,
    tmdbId: 129,
    imdbId: 'tt0245429',
    studio: 'Studio Ghibli',
    runtime: 125,
    genres: ['Animation', 'Family', 'Fantasy'],
    certification: 'PG',
    overview: 'A young girl wanders into a world ruled by gods, witches and spirits.',
    hasFile: true,
  },
  {
    title: 'Perfect Days',
    year: 2023,
    tmdbId: 976893,
    imdbId: 'tt27503384',
    studio: 'Master Mind',
    runtime: 124,
    genres: ['Drama'],
    certification: 'PG',
    overview: 'Hirayama cleans public toilets in Tokyo and finds beauty in his everyday routine.',
    hasFile: false,
  },
];

export function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "Shōgun" → "Shogun", "Dune: Part Two" → "Dune.Part.Two" (scene-style release names). */
export function sceneName(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

export interface Catalog {
  series: SimSeries[];
  episodes: SimEpisode[];
  movies: SimMovie[];
  nextFileId: number;
}

export function buildCatalog(start: number): Catalog {
  const series: SimSeries[] = [];
  const episodes: SimEpisode[] = [];
  const movies: SimMovie[] = [];
  let fileId = 1;
  let episodeId = 1;
  const file = (relativePath: string, root: string, size: number, q: string, added: number): SimFile => ({
    id: fileId++,
    relativePath,
    path: `${root}/${relativePath}`,
    size,
    quality: QUALITIES[q]!,
    releaseGroup: 'NTb',
    sceneName: relativePath.replace(/\.mkv$/, ''),
    dateAdded: added,
  });

  SERIES.forEach((s, i) => {
    const id = i + 1;
    const path = `/tv/${s.title.replace(/:/g, '')} (${s.year})`;
    series.push({
      id,
      title: s.title,
      sortTitle: s.title.toLowerCase().replace(/^the /, ''),
      year: s.year,
      tvdbId: s.tvdbId,
      tmdbId: s.tmdbId,
      tvMazeId: s.tvMazeId,
      imdbId: s.imdbId,
      network: s.network,
      status: s.status,
      overview: s.overview,
      genres: s.genres,
      runtime: s.runtime,
      certification: s.certification,
      titleSlug: slug(s.title),
      path,
      added: start - 500 * DAY,
      qualityProfileId: 1,
      plexRatingKey: 1000 + id * 100,
    });
    const last = s.seasons.length;
    s.seasons.forEach((count, si) => {
      const season = si + 1;
      const seasonStart = start - (s.lastSeasonStartedDaysAgo + (last - season) * 365) * DAY;
      for (let e = 1; e <= count; e++) {
        const air = seasonStart + (e - 1) * 7 * DAY;
        const hasFile = season < last ? true : e <= s.lastSeasonFiles;
        const title = s.titles?.[`${season}x${e}`] ?? `Episode ${e}`;
        const code = `S${String(season).padStart(2, '0')}E${String(e).padStart(2, '0')}`;
        const rel = `Season ${season}/${sceneName(s.title)}.${code}.1080p.WEB-DL.mkv`;
        episodes.push({
          id: episodeId++,
          seriesId: id,
          seasonNumber: season,
          episodeNumber: e,
          title,
          airDateUtc: air,
          runtime: s.runtime,
          monitored: true,
          tvdbId: s.tvdbId * 10 + episodeId,
          file: hasFile ? file(rel, path, 2_100_000_000 + e * 37_000_000, 'WEBDL-1080p', air + DAY) : undefined,
        });
      }
    });
  });

  MOVIES.forEach((m, i) => {
    const id = i + 1;
    const folderName = `${m.title.replace(/:/g, '')} (${m.year})`;
    const path = `/movies/${folderName}`;
    const released = Date.UTC(m.year, 5, 1);
    movies.push({
      id,
      title: m.title,
      originalTitle: m.originalTitle ?? m.title,
      sortTitle: m.title.toLowerCase(),
      year: m.year,
      tmdbId: m.tmdbId,
      imdbId: m.imdbId,
      overview: m.overview,
      runtime: m.runtime,
      studio: m.studio,
      genres: m.genres,
      certification: m.certification,
      titleSlug: `${slug(m.title)}-${m.tmdbId}`,
      folderName,
      path,
      added: start - 200 * DAY,
      ...(m.tags ? { tags: [...m.tags] } : {}),
      inCinemas: released,
      digitalRelease: released + 60 * DAY,
      physicalRelease: released + 120 * DAY,
      monitored: true,
      qualityProfileId: 1,
      file: m.hasFile
        ? file(
            `${sceneName(m.title)}.${m.year}.1080p.BluRay.x264.mkv`,
            path,
            14_500_000_000,
            'Bluray-1080p',
            start - 100 * DAY,
          )
        : undefined,
    });
  });

  return { series, episodes, movies, nextFileId: fileId };
}
