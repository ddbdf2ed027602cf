// Release names, sizes and quality for a grab, so every attempt for the same episode/movie is a different
// release (a blocklisted one is never grabbed again).
import type { Rng } from '../rng.js';
import { sceneName } from './catalog.js';
import { QUALITIES, type QualityDef, type SimEpisode, type SimMovie, type SimSeries } from './model.js';

const GROUPS = ['NTb', 'FLUX', 'SuccessfulCrab', 'EDITH', 'playWEB', 'CAKES', 'KiNGS', 'MIXED', 'GRP', 'TOMMY'];
const MOVIE_GROUPS = ['FraMeSToR', 'SPHD', 'GECKOS', 'DON', 'BLOW', 'PiGNUS', 'SURCODE', 'KOGi', 'HiDt', 'TayTO'];

export interface Release {
  title: string;
  group: string;
  quality: QualityDef;
  sizeBytes: number;
  indexer: string;
}

const INDEXERS = ['NZBgeek (Prowlarr)', 'DrunkenSlug (Prowlarr)', 'NZBFinder (Prowlarr)'];

export function episodeRelease(series: SimSeries, ep: SimEpisode, attempt: number, rng: Rng): Release {
  const group = GROUPS[attempt % GROUPS.length]!;
  const code = `S${String(ep.seasonNumber).padStart(2, '0')}E${String(ep.episodeNumber).padStart(2, '0')}`;
  const web = attempt % 2 === 0 ? 'WEB-DL.DDP5.1.H.264' : 'WEB.h264';
  return {
    title: `${sceneName(series.title)}.${code}.1080p.${web}-${group}`,
    group,
    quality: QUALITIES['WEBDL-1080p']!,
    sizeBytes: rng.int(1_800, 3_400) * 1_048_576,
    indexer: INDEXERS[attempt % INDEXERS.length]!,
  };
}

export function movieRelease(movie: SimMovie, attempt: number, rng: Rng): Release {
  const group = MOVIE_GROUPS[attempt % MOVIE_GROUPS.length]!;
  return {
    title: `${sceneName(movie.title)}.${movie.year}.1080p.BluRay.x264-${group}`,
    group,
    quality: QUALITIES['Bluray-1080p']!,
    sizeBytes: rng.int(6_000, 12_000) * 1_048_576,
    indexer: INDEXERS[attempt % INDEXERS.length]!,
  };
}
