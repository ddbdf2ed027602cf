// Payload types shared by the backend, the web UI and the dashboard cards, so the three never drift apart.
// Keep this file free of runtime imports: the web bundle imports it too.

export type AppKind = 'sabnzbd' | 'sonarr' | 'radarr' | 'plex';

export type AppState = 'connected' | 'unreachable' | 'auth_failed' | 'unsupported' | 'disabled' | 'unknown';

export interface AppStatus {
  id: string;
  app: AppKind;
  name: string;
  state: AppState;
  version?: string;
  /** What is wrong and what to do, when state is not connected. */
  message?: string;
  checkedAt?: string;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  version: string;
  apps: Record<string, Omit<AppStatus, 'id'>>;
  mqtt?: { state: 'connected' | 'disconnected' | 'disabled'; message?: string };
  homeAssistant?: { state: 'connected' | 'disconnected' | 'disabled'; message?: string };
}

export type DownloadState =
  | 'queued'
  | 'downloading'
  | 'paused'
  | 'stalled'
  | 'post_processing'
  | 'import_pending'
  | 'import_blocked'
  | 'failed'
  | 'recovering'
  | 'completed';

export interface DownloadMedia {
  kind: 'episode' | 'movie' | 'unknown';
  seriesId?: number;
  episodeIds?: number[];
  movieId?: number;
  /** "The Bear S03E02" or "Dune: Part Two (2024)". */
  label?: string;
}

export interface Download {
  /** Stable id: the SABnzbd nzo_id / *arr downloadId when there is one. */
  id: string;
  /** The *arr instance that tracks it, or the SABnzbd instance for untracked jobs. */
  instanceId: string;
  app: AppKind;
  downloadClientInstanceId?: string;
  title: string;
  media: DownloadMedia;
  protocol: 'usenet' | 'torrent' | 'unknown';
  downloadClient?: string;
  category?: string;
  state: DownloadState;
  progress: number; // 0..100
  sizeBytes: number;
  bytesLeft: number;
  speedBps: number;
  etaSeconds?: number;
  strikes: { count: number; max: number; reason?: string };
  firstSeen: string;
  lastProgress?: string;
  explanation: string;
  ignored: boolean;
  /** *arr queue record id, used to remove it from the queue. */
  queueId?: number;
}

export interface ActivityEntry {
  id: number;
  time: string;
  /** detect | action | result | audit | system */
  kind: string;
  action: string;
  downloadId?: string;
  instanceId?: string;
  title?: string;
  message: string;
  evidence?: Record<string, unknown>;
  dryRun?: boolean;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The JSON error shape of every API error. */
export interface ApiError {
  code: string;
  message: string;
  requestId?: string;
}
