// Sonarr v3 resources (SeriesResource, EpisodeResource, QueueResource …) built from the simulated library.
import type { BlocklistRecord, HistoryRecord, SimDownload, SimEpisode, SimFile, SimSeries } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import { ENGLISH, iso, qualityModel, queueCommon } from './common.js';

export function seriesImages(s: SimSeries): Record<string, unknown>[] {
  return ['banner', 'poster', 'fanart'].map((coverType) => ({
    coverType,
    url: `/MediaCover/${s.id}/${coverType}.jpg?lastWrite=638712345678900000`,
    remoteUrl: `https://artworks.thetvdb.com/banners/${coverType}s/${s.tvdbId}-1.jpg`,
  }));
}

export function seriesResource(world: SimWorld, s: SimSeries): Record<string, unknown> {
  const eps = world.episodes.filter((e) => e.seriesId === s.id);
  const now = world.now();
  const aired = eps.filter((e) => e.airDateUtc <= now);
  const future = eps.filter((e) => e.airDateUtc > now).sort((a, b) => a.airDateUtc - b.airDateUtc);
  const seasons = [...new Set(eps.map((e) => e.seasonNumber))].sort((a, b) => a - b);
  const stats = (list: SimEpisode[]) => {
    const withFile = list.filter((e) => e.file);
    const counted = list.filter((e) => e.monitored && (e.airDateUtc <= now || e.file));
    return {
      episodeFileCount: withFile.length,
      episodeCount: counted.length,
      totalEpisodeCount: list.length,
      sizeOnDisk: withFile.reduce((n, e) => n + (e.file?.size ?? 0), 0),
      releaseGroups: [...new Set(withFile.map((e) => e.file!.releaseGroup))],
      percentOfEpisodes: counted.length ? (withFile.length / counted.length) * 100 : 0,
    };
  };
  const last = aired.sort((a, b) => b.airDateUtc - a.airDateUtc)[0];
  const { percentOfEpisodes, ...rest } = stats(eps);
  return {
    title: s.title,
    alternateTitles: [],
    sortTitle: s.sortTitle,
    status: s.status,
    ended: s.status === 'ended',
    overview: s.overview,
    nextAiring: future[0] ? iso(future[0].airDateUtc) : null,
    previousAiring: last ? iso(last.airDateUtc) : null,
    network: s.network,
    airTime: '21:00',
    images: seriesImages(s),
    originalLanguage: ENGLISH,
    seasons: seasons.map((n) => {
      const list = eps.filter((e) => e.seasonNumber === n);
      const next = list.filter((e) => e.airDateUtc > now).sort((a, b) => a.airDateUtc - b.airDateUtc)[0];
      const prev = list.filter((e) => e.airDateUtc <= now).sort((a, b) => b.airDateUtc - a.airDateUtc)[0];
      return {
        seasonNumber: n,
        monitored: true,
        statistics: {
          nextAiring: next ? iso(next.airDateUtc) : null,
          previousAiring: prev ? iso(prev.airDateUtc) : null,
          ...stats(list),
        },
      };
    }),
    year: s.year,
    path: s.path,
    qualityProfileId: s.qualityProfileId,
    seasonFolder: true,
    monitored: true,
    monitorNewItems: 'all',
    useSceneNumbering: false,
    runtime: s.runtime,
    tvdbId: s.tvdbId,
    tvRageId: 0,
    tvMazeId: s.tvMazeId,
    tmdbId: s.tmdbId,
    firstAired: eps.length ? iso(Math.min(...eps.map((e) => e.airDateUtc))) : null,
    lastAired: last ? iso(last.airDateUtc) : null,
    seriesType: 'standard',
    cleanTitle: s.title.toLowerCase().replace(/[^a-z0-9]/g, ''),
    imdbId: s.imdbId,
    titleSlug: s.titleSlug,
    rootFolderPath: '/tv/',
    certification: s.certification,
    genres: s.genres,
    tags: s.tags ?? [],
    added: iso(s.added),
    ratings: { votes: 48_211, value: 8.6 },
    statistics: { seasonCount: seasons.length, ...rest, percentOfEpisodes },
    languageProfileId: 1,
    id: s.id,
  };
}

export function episodeFileResource(world: SimWorld, e: SimEpisode, f: SimFile): Record<string, unknown> {
  return {
    seriesId: e.seriesId,
    seasonNumber: e.seasonNumber,
    relativePath: f.relativePath,
    path: f.path,
    size: f.size,
    dateAdded: iso(f.dateAdded),
    sceneName: f.sceneName,
    releaseGroup: f.releaseGroup,
    languages: [ENGLISH],
    quality: qualityModel('sonarr', f.quality),
    customFormats: [],
    customFormatScore: 0,
    indexerFlags: 0,
    releaseType: 'singleEpisode',
    mediaInfo: {
      audioBitrate: 640_000,
      audioChannels: 5.1,
      audioCodec: 'EAC3',
      audioLanguages: 'eng',
      audioStreamCount: 1,
      videoBitDepth: 8,
      videoBitrate: 0,
      videoCodec: 'h264',
      videoFps: 23.976,
      videoDynamicRange: '',
      videoDynamicRangeType: '',
      resolution: '1920x1080',
      runTime: `${world.seriesById(e.seriesId)?.runtime ?? 45}:12`,
      scanType: 'Progressive',
      subtitles: 'eng',
      id: 0,
    },
    qualityCutoffNotMet: f.quality.id !== 7,
    id: f.id,
  };
}

export interface EpisodeIncludes {
  series?: boolean;
  file?: boolean;
}

export function episodeResource(world: SimWorld, e: SimEpisode, inc: EpisodeIncludes = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    seriesId: e.seriesId,
    tvdbId: e.tvdbId,
    episodeFileId: e.file?.id ?? 0,
    seasonNumber: e.seasonNumber,
    episodeNumber: e.episodeNumber,
    title: e.title,
    airDate: iso(e.airDateUtc).slice(0, 10),
    airDateUtc: iso(e.airDateUtc),
    lastSearchTime: e.lastSearchTime ? iso(e.lastSearchTime) : null,
    runtime: e.runtime,
    overview: `${e.title}.`,
    hasFile: !!e.file,
    monitored: e.monitored,
    unverifiedSceneNumbering: false,
    grabDate: e.grabDate ? iso(e.grabDate) : null,
    id: e.id,
  };
  if (e.seasonNumber === 1 && e.episodeNumber === 1) out.finaleType = null;
  if (inc.file && e.file) out.episodeFile = episodeFileResource(world, e, e.file);
  if (inc.series) {
    const s = world.seriesById(e.seriesId);
    if (s) out.series = seriesResource(world, s);
  }
  return out;
}

export function sonarrQueueResource(
  world: SimWorld,
  d: SimDownload,
  inc: { series?: boolean; episode?: boolean },
): Record<string, unknown> {
  const ep = world.episodeById(d.episodeIds[0]);
  const out: Record<string, unknown> = {
    seriesId: d.seriesId ?? null,
    episodeId: ep?.id ?? null,
    seasonNumber: ep?.seasonNumber ?? null,
    ...queueCommon(world, 'sonarr', d),
    episodeHasFile: !!ep?.file,
  };
  const s = world.seriesById(d.seriesId);
  if (inc.series && s) out.series = seriesResource(world, s);
  if (inc.episode && ep) out.episode = episodeResource(world, ep);
  return out;
}

export function sonarrHistoryResource(
  world: SimWorld,
  h: HistoryRecord,
  inc: { series?: boolean; episode?: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    episodeId: h.episodeId ?? 0,
    seriesId: h.seriesId ?? 0,
    sourceTitle: h.sourceTitle,
    languages: [ENGLISH],
    quality: qualityModel('sonarr', h.quality),
    customFormats: [],
    customFormatScore: 0,
    qualityCutoffNotMet: h.quality.id !== 7,
    date: iso(h.date),
    downloadId: h.downloadId,
    eventType: h.eventType,
    data: h.data,
    id: h.id,
  };
  const ep = world.episodeById(h.episodeId);
  if (inc.episode && ep) out.episode = episodeResource(world, ep);
  const s = world.seriesById(h.seriesId);
  if (inc.series && s) out.series = seriesResource(world, s);
  return out;
}

export function sonarrBlocklistResource(b: BlocklistRecord): Record<string, unknown> {
  return {
    seriesId: b.seriesId ?? 0,
    episodeIds: b.episodeIds,
    sourceTitle: b.sourceTitle,
    languages: [ENGLISH],
    quality: qualityModel('sonarr', b.quality),
    customFormats: [],
    date: iso(b.date),
    protocol: 'usenet',
    indexer: b.indexer,
    message: b.message,
    id: b.id,
  };
}
