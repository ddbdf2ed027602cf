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

// ---- Web UI: live updates, settings, access token (owner: web engineer) ----

/** Events the UI receives on /api/events (Server-Sent Events), named like the bus events. */
export type LiveEventName =
  | 'downloads.updated'
  | 'activity.added'
  | 'app.health_changed'
  | 'audit.completed'
  | 'settings.changed';

/** Thresholds the person can tune at run time (Settings page); the add-on options give the start values. */
export interface MonitorThresholds {
  stallMinutes: number;
  maxStrikes: number;
  strikeWindowHours: number;
  maxRemovalsPerHour: number;
  minQueueAgeMinutes: number;
  maxRecoveryAttempts: number;
}

export interface OptionValue {
  /** The option as the person sees it in the add-on configuration (or its environment variable). */
  key: string;
  value: string | number | boolean | string[];
  /** "addon" options come from Home Assistant's configuration tab; "env" from the container environment. */
  source: 'addon' | 'env' | 'default';
}

export interface SettingsResponse {
  mode: 'addon' | 'container' | 'demo';
  runtime: { autoRecovery: boolean; dryRun: boolean };
  thresholds: MonitorThresholds;
  /** The limits each threshold accepts. */
  thresholdLimits: Record<keyof MonitorThresholds, { min: number; max: number }>;
  /** Read-only option values (no secrets). */
  options: OptionValue[];
}

export interface SettingsUpdate {
  autoRecovery?: boolean;
  dryRun?: boolean;
  thresholds?: Partial<MonitorThresholds>;
}

export interface AccessTokenResponse {
  token: string;
  /** "option": set by AUTOARR_API_TOKEN / api_token and cannot be rotated here. */
  source: 'generated' | 'option';
  mode: 'addon' | 'container' | 'demo';
  /** Paths of the MCP endpoints relative to AutoArr's base URL. */
  mcp: { streamableHttp: string; sse: string; perApp: string[] };
  /** The URL Home Assistant Core uses to reach the add-on on its internal network (add-on only). */
  internalBaseUrl?: string;
  port: number;
  readOnly: boolean;
}

/** Total download speed sampled over the last 30 minutes (Overview sparkline). */
export interface SpeedHistory {
  intervalSeconds: number;
  /** Oldest first: [epoch ms, bytes per second]. */
  points: Array<[number, number]>;
}

/** Stack metrics polled every 30 s per app instance (bus event `app.metrics`, MQTT entities, UI). */
export interface SabnzbdMetrics {
  kind: 'sabnzbd';
  /** SABnzbd's own status word: Downloading, Paused, Idle … */
  status: string;
  paused: boolean;
  speedBps: number;
  speedLimitPercent: number;
  sizeLeftBytes: number;
  queueCount: number;
  timeLeftSeconds: number;
  diskFreeBytes: number;
  warnings: string[];
}

export interface ArrMetrics {
  kind: 'sonarr' | 'radarr';
  queueCount: number;
  missingCount: number;
  healthIssues: Array<{ type: string; source?: string; message: string }>;
  /** Free bytes on the disk holding the root folders (the smallest when there are several). */
  diskFreeBytes?: number;
}

export interface PlexMetrics {
  kind: 'plex';
  sessions: number;
  libraries: number;
}

export type AppMetrics = SabnzbdMetrics | ArrMetrics | PlexMetrics;

export interface AppMetricsEvent {
  instanceId: string;
  app: AppKind;
  metrics: AppMetrics;
  /** ISO time of the poll. */
  at: string;
}
