// The simulated data: one library shared by Sonarr/Radarr/Plex and one list of downloads shared by the
// *arr queues and SABnzbd, so a grab shows up everywhere with the same id.
export type ArrApp = 'sonarr' | 'radarr';

export interface QualityDef {
  id: number;
  name: string;
  /** Sonarr source names (web, bluray…) and Radarr's (webdl, bluray…) differ; both are kept. */
  sonarrSource: string;
  radarrSource: string;
  resolution: number;
}

export interface SimSeries {
  id: number;
  title: string;
  sortTitle: string;
  year: number;
  tvdbId: number;
  tmdbId: number;
  tvMazeId: number;
  imdbId: string;
  network: string;
  status: 'continuing' | 'ended';
  overview: string;
  genres: string[];
  runtime: number;
  certification: string;
  titleSlug: string;
  path: string;
  added: number;
  qualityProfileId: number;
  plexRatingKey: number;
  /** Tag ids (SIM_TAGS in catalog.ts). */
  tags?: number[];
}

export interface SimEpisode {
  id: number;
  seriesId: number;
  seasonNumber: number;
  episodeNumber: number;
  title: string;
  airDateUtc: number;
  runtime: number;
  monitored: boolean;
  tvdbId: number;
  file?: SimFile;
  lastSearchTime?: number;
  grabDate?: number;
}

export interface SimMovie {
  id: number;
  title: string;
  originalTitle: string;
  sortTitle: string;
  year: number;
  tmdbId: number;
  imdbId: string;
  overview: string;
  runtime: number;
  studio: string;
  genres: string[];
  certification: string;
  titleSlug: string;
  folderName: string;
  path: string;
  added: number;
  inCinemas: number;
  digitalRelease: number;
  physicalRelease: number;
  monitored: boolean;
  qualityProfileId: number;
  file?: SimFile;
  lastSearchTime?: number;
  /** Tag ids (SIM_TAGS in catalog.ts). */
  tags?: number[];
}

export interface SimFile {
  id: number;
  relativePath: string;
  path: string;
  size: number;
  quality: QualityDef;
  releaseGroup: string;
  sceneName: string;
  dateAdded: number;
}

/** What a release will do once grabbed. */
export type Behaviour = 'normal' | 'stall' | 'fail' | 'import_blocked' | 'import_pending';

export type SabPhase = 'queued' | 'pp' | 'completed' | 'failed' | 'gone';
export type ArrPhase = 'tracking' | 'importing' | 'blocked' | 'failed_pending' | 'imported' | 'removed';

export interface SimDownload {
  nzoId: string;
  /** The *arr that grabbed it; undefined for a job added to SABnzbd by hand. */
  app?: ArrApp;
  /**
   * In the *arr's download category but matched to no series/episode or movie (an "unknown" queue item, listed
   * only with includeUnknownSeriesItems / includeUnknownMovieItems; its seriesId/episodeId/movieId are null).
   */
  unknown?: boolean;
  arrQueueId: number;
  title: string;
  category: string;
  indexer: string;
  quality: QualityDef;
  releaseGroup: string;
  seriesId?: number;
  episodeIds: number[];
  movieId?: number;
  sizeBytes: number;
  bytesLeft: number;
  addedAt: number;
  behaviour: Behaviour;
  /** Fraction done at which a stall/fail behaviour kicks in. */
  triggerFraction: number;
  sab: SabPhase;
  jobPaused: boolean;
  priority: number;
  /** Sim ms of the last byte received (for time-left and tests). */
  lastProgressAt: number;
  downloadStartedAt?: number;
  downloadEndedAt?: number;
  ppStartedAt?: number;
  completedAt?: number;
  failMessage: string;
  /** SABnzbd history row removed (history delete) while the job had finished. */
  historyDeleted: boolean;
  arr: ArrPhase;
  importAt?: number;
  blockMessage?: { state: 'importBlocked' | 'importPending'; text: string };
}

export interface HistoryRecord {
  id: number;
  app: ArrApp;
  eventType: string;
  date: number;
  downloadId: string | null;
  sourceTitle: string;
  seriesId?: number;
  episodeId?: number;
  movieId?: number;
  quality: QualityDef;
  data: Record<string, string | null>;
}

export interface BlocklistRecord {
  id: number;
  app: ArrApp;
  sourceTitle: string;
  date: number;
  seriesId?: number;
  episodeIds: number[];
  movieId?: number;
  quality: QualityDef;
  indexer: string;
  message: string;
}

export interface CommandRecord {
  id: number;
  app: ArrApp;
  name: string;
  body: Record<string, unknown>;
  status: 'queued' | 'started' | 'completed' | 'failed';
  queued: number;
  started?: number;
  ended?: number;
  message?: string;
  trigger: 'manual' | 'scheduled';
}

export interface PlexItem {
  ratingKey: number;
  sectionId: number;
  type: 'movie' | 'episode';
  title: string;
  addedAt: number;
  movieId?: number;
  episodeId?: number;
}

export interface HealthIssue {
  source: string;
  type: 'notice' | 'warning' | 'error';
  message: string;
  wikiUrl: string;
}

export const QUALITIES: Record<string, QualityDef> = {
  'WEBDL-720p': { id: 5, name: 'WEBDL-720p', sonarrSource: 'web', radarrSource: 'webdl', resolution: 720 },
  'WEBDL-1080p': { id: 3, name: 'WEBDL-1080p', sonarrSource: 'web', radarrSource: 'webdl', resolution: 1080 },
  'Bluray-1080p': { id: 7, name: 'Bluray-1080p', sonarrSource: 'bluray', radarrSource: 'bluray', resolution: 1080 },
  'WEBDL-2160p': { id: 18, name: 'WEBDL-2160p', sonarrSource: 'web', radarrSource: 'webdl', resolution: 2160 },
};
