// Radarr v3 resources (MovieResource, QueueResource, HistoryResource …) built from the simulated library.
import type { BlocklistRecord, HistoryRecord, SimDownload, SimFile, SimMovie } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import { ENGLISH, iso, qualityModel, queueCommon } from './common.js';

export function movieFileResource(m: SimMovie, f: SimFile): Record<string, unknown> {
  return {
    movieId: m.id,
    relativePath: f.relativePath,
    path: f.path,
    size: f.size,
    dateAdded: iso(f.dateAdded),
    sceneName: f.sceneName,
    releaseGroup: f.releaseGroup,
    edition: '',
    languages: [ENGLISH],
    quality: qualityModel('radarr', f.quality),
    customFormats: [],
    customFormatScore: 0,
    indexerFlags: 0,
    mediaInfo: {
      audioBitrate: 1_509_000,
      audioChannels: 5.1,
      audioCodec: 'DTS',
      audioLanguages: 'eng',
      audioStreamCount: 1,
      videoBitDepth: 8,
      videoBitrate: 0,
      videoCodec: 'x264',
      videoFps: 23.976,
      videoDynamicRange: '',
      videoDynamicRangeType: '',
      resolution: '1920x800',
      runTime: `${Math.floor(m.runtime / 60)}:${String(m.runtime % 60).padStart(2, '0')}:00`,
      scanType: 'Progressive',
      subtitles: 'eng',
      id: 0,
    },
    originalFilePath: `${f.sceneName}/${f.sceneName}.mkv`,
    qualityCutoffNotMet: f.quality.id !== 7,
    id: f.id,
  };
}

export function movieResource(world: SimWorld, m: SimMovie): Record<string, unknown> {
  const now = world.now();
  const rating = (votes: number, value: number, type: 'user' | 'critic') => ({ votes, value, type });
  const out: Record<string, unknown> = {
    title: m.title,
    originalTitle: m.originalTitle,
    originalLanguage: ENGLISH,
    alternateTitles: [],
    secondaryYearSourceId: 0,
    sortTitle: m.sortTitle,
    sizeOnDisk: m.file?.size ?? 0,
    status: 'released',
    overview: m.overview,
    inCinemas: iso(m.inCinemas),
    physicalRelease: iso(m.physicalRelease),
    digitalRelease: iso(m.digitalRelease),
    releaseDate: iso(m.digitalRelease),
    images: ['poster', 'fanart'].map((coverType) => ({
      coverType,
      url: `/MediaCover/${m.id}/${coverType}.jpg?lastWrite=638712345678900000`,
      remoteUrl: `https://image.tmdb.org/t/p/original/${m.tmdbId}-${coverType}.jpg`,
    })),
    website: '',
    year: m.year,
    youTubeTrailerId: '',
    studio: m.studio,
    path: m.path,
    qualityProfileId: m.qualityProfileId,
    hasFile: !!m.file,
    movieFileId: m.file?.id ?? 0,
    monitored: m.monitored,
    minimumAvailability: 'released',
    isAvailable: m.digitalRelease <= now,
    folderName: m.path,
    runtime: m.runtime,
    cleanTitle: m.title.toLowerCase().replace(/[^a-z0-9]/g, ''),
    imdbId: m.imdbId,
    tmdbId: m.tmdbId,
    titleSlug: m.titleSlug,
    rootFolderPath: '/movies',
    certification: m.certification,
    genres: m.genres,
    keywords: [],
    tags: m.tags ?? [],
    added: iso(m.added),
    ratings: {
      imdb: rating(912_345, 8.3, 'user'),
      tmdb: rating(10_234, 8.1, 'user'),
      rottenTomatoes: rating(0, 93, 'user'),
    },
    popularity: 87.4,
    lastSearchTime: m.lastSearchTime ? iso(m.lastSearchTime) : null,
    statistics: {
      movieFileCount: m.file ? 1 : 0,
      sizeOnDisk: m.file?.size ?? 0,
      releaseGroups: m.file ? [m.file.releaseGroup] : [],
    },
    id: m.id,
  };
  if (m.file) out.movieFile = movieFileResource(m, m.file);
  return out;
}

export function radarrQueueResource(
  world: SimWorld,
  d: SimDownload,
  inc: { movie?: boolean },
): Record<string, unknown> {
  const m = world.movieById(d.movieId);
  const out: Record<string, unknown> = { movieId: d.movieId ?? null, ...queueCommon(world, 'radarr', d) };
  if (inc.movie && m) out.movie = movieResource(world, m);
  return out;
}

export function radarrHistoryResource(
  world: SimWorld,
  h: HistoryRecord,
  inc: { movie?: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    movieId: h.movieId ?? 0,
    sourceTitle: h.sourceTitle,
    languages: [ENGLISH],
    quality: qualityModel('radarr', h.quality),
    customFormats: [],
    customFormatScore: 0,
    qualityCutoffNotMet: h.quality.id !== 7,
    date: iso(h.date),
    downloadId: h.downloadId,
    eventType: h.eventType,
    data: h.data,
    id: h.id,
  };
  const m = world.movieById(h.movieId);
  if (inc.movie && m) out.movie = movieResource(world, m);
  return out;
}

export function radarrBlocklistResource(b: BlocklistRecord): Record<string, unknown> {
  return {
    movieId: b.movieId ?? 0,
    sourceTitle: b.sourceTitle,
    languages: [ENGLISH],
    quality: qualityModel('radarr', b.quality),
    customFormats: [],
    date: iso(b.date),
    protocol: 'usenet',
    indexer: b.indexer,
    message: b.message,
    id: b.id,
  };
}
