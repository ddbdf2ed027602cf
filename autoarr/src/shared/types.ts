// Payload types shared by the backend, the web UI and the dashboard cards, so the three never drift apart.
// Keep this file free of runtime imports: the web bundle imports it too. Domain constants live in domain.ts, event
// kinds in events.ts, MQTT payloads in mqtt.ts.
import type { AppKind, DownloadState } from './domain.js';

export type { ActivityKind, AppKind, DownloadState } from './domain.js';
export type { LiveEventName, LiveEvents } from './events.js';

/**
 * wrong_app: the URL answers as another app (a Sonarr URL that reaches Radarr); nothing is written to it.
 * degraded: the app answers but is not doing its job (SABnzbd paused itself for low disk space).
 */
export type AppState =
  'connected' | 'degraded' | 'unreachable' | 'auth_failed' | 'unsupported' | 'wrong_app' | 'disabled' | 'unknown';

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
  /** AutoArr's own problems (a part that could not start, a database that cannot be written); any makes it degraded. */
  problems?: HealthProblem[];
}

export interface HealthProblem {
  /** What has the problem: "monitor", "database", "home-assistant" … */
  source: string;
  /** What is wrong and what to do, for the person running AutoArr. */
  message: string;
}

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
  /** Why AutoArr will not act on it by itself (protected category/tag, or no search could follow a removal). */
  hold?: string;
  /** SABnzbd's or the *arr's failure message. */
  failMessage?: string;
  /** A recovery AutoArr started: searches so far, the limit, and how it ended. */
  recovery?: DownloadRecovery;
}

/**
 * GET /api/downloads/:id/explain and /api/audit/findings/:id/explain: why a download is where it is, or what a
 * finding means, in plain words. AutoArr's own text always; written by the LLM when one is set up and answered.
 */
export interface Explanation {
  about: 'download' | 'finding';
  id: string;
  /** What it is about: the download's name or the finding's title. */
  title: string;
  /** Plain text, paragraphs separated by a blank line. */
  text: string;
  /** rules: AutoArr's own explanation; llm: written by the LLM from the facts AutoArr sent it. */
  by: 'rules' | 'llm';
  /** The LLM that wrote it ("Claude (Anthropic)"), when by is llm. */
  writer?: string;
  /** Why the LLM did not write it (timeout, rate limit, refused key, down), when one is set up. */
  note?: string;
}

export interface DownloadRecovery {
  phase: 'watching' | 'recovered' | 'gave_up';
  attempts: number;
  maxAttempts: number;
  startedAt: string;
  nextAttemptAt?: string;
  /** The download id of the replacement the *arr grabbed. */
  newDownloadId?: string;
}

/** GET /api/downloads: one page (default 50, at most 500) of the filtered downloads, with counts per state. */
export interface DownloadPage extends Paged<Download> {
  /** How many downloads are in each state under the app/instance filters (the state filter aside). */
  byState: Partial<Record<DownloadState, number>>;
}

/** GET /api/downloads filters. */
export interface DownloadFilter {
  state?: DownloadState | DownloadState[];
  app?: AppKind;
  instanceId?: string;
}

export interface ActivityEntry {
  id: number;
  time: string;
  /** An ActivityKind (shared/domain.ts); stored rows are read back as text. */
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

/** GET /api/sabnzbd/status: one entry per SABnzbd instance (web UI, HA integration). */
export interface SabnzbdStatus {
  instanceId: string;
  name: string;
  /** False when SABnzbd could not be read just now; `problem` says why and what to do. */
  reachable: boolean;
  problem?: string;
  paused: boolean;
  /** Why the queue is paused: a timed pause, SABnzbd's own low-disk pause, or by hand / its scheduler. */
  pauseReason?: 'timed' | 'low_disk' | 'manual';
  /** The pause in words, e.g. "Paused for 30 more minutes (resumes by itself at 14:05)". */
  pauseText?: string;
  /** When a timed pause ends (ISO); SABnzbd resumes by itself then. */
  resumesAt?: string;
  /** SABnzbd's own status word: Downloading, Paused, Idle. */
  status: string;
  speedBps: number;
  /** Percent of SABnzbd's maximum line speed (100 = no limit). */
  speedLimitPercent: number;
  speedLimitBps?: number;
  queueCount: number;
  sizeLeftBytes: number;
  timeLeftSeconds: number;
  /** Free space in the download (incomplete) and complete folders. */
  diskFreeBytes: number;
  completeDiskFreeBytes: number;
  diskTotalBytes: number;
  /** SABnzbd's own warnings, newest first. */
  warnings: Array<{ time: string; type: string; text: string }>;
}

/** What a SABnzbd control (pause, resume, speed limit) did, with the status read right after it. */
export interface SabnzbdControlResult {
  ok: boolean;
  message: string;
  status?: SabnzbdStatus;
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

// ---- Configuration audit (owner: audit engineer) ----

export type AuditSeverity = 'critical' | 'warning' | 'info';

/** The outcome of one rule on one app instance. */
export type AuditCheckStatus = 'pass' | 'fail' | 'not_applicable' | 'unknown';

/** A rule of the catalogue as the UI shows it (no code). */
export interface AuditRuleInfo {
  id: string;
  app: AppKind;
  /** Row of the catalogue it implements: "S1", "N12", "P7", "health". */
  ref: string;
  title: string;
  severity: AuditSeverity;
  /** Where the person finds it: "Settings → Media Management → Use Hardlinks instead of Copy". */
  settingUi: string;
  /** The API's name: "copyUsingHardlinks (GET /api/v3/config/mediamanagement)". */
  settingApi: string;
  /** How AutoArr reads it. */
  read: string;
  /** What passes, in words. */
  expected: string;
  why: string;
  source: string;
  /** True when AutoArr can fix a failure itself (with a preview and a rollback). */
  fixable: boolean;
  /** True for rules that need a person's judgement (info level, never fixed automatically). */
  judgement: boolean;
}

export interface AuditFinding {
  /** Stable across runs for the same rule, instance and subject; used by the fix endpoint. */
  id: string;
  ruleId: string;
  ref: string;
  instanceId: string;
  instanceName: string;
  app: AppKind;
  severity: AuditSeverity;
  title: string;
  /** What exactly failed when a rule can fail several times (a sorter, a health check, a download client). */
  subject?: string;
  settingUi: string;
  settingApi: string;
  /** The value read (never a secret). */
  current: unknown;
  expected: string;
  why: string;
  source: string;
  /** Extra words about this failure. */
  detail?: string;
  /** A safe automatic fix exists for this finding. */
  fixable: boolean;
  /** New since the previous run. */
  drift: boolean;
}

export interface AuditCheckResult {
  ruleId: string;
  instanceId: string;
  status: AuditCheckStatus;
  /** Why a check could not be evaluated (unknown / not_applicable). */
  reason?: string;
}

export interface AuditInstanceScore {
  instanceId: string;
  name: string;
  app: AppKind;
  /** 0..100, weighted by severity; null when nothing could be read. */
  score: number | null;
  passed: number;
  failed: number;
  unknown: number;
  notApplicable: number;
  /** What could not be read and what to do (app down, wrong key). */
  errors: string[];
}

export interface AuditRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: 'schedule' | 'manual' | 'after_fix' | 'start';
  by: string;
  /** 0..100 over every instance that could be read; null when none could. */
  score: number | null;
  instances: AuditInstanceScore[];
  checks: AuditCheckResult[];
  findings: AuditFinding[];
  /** Findings new since the previous run. */
  driftCount: number;
}

/** GET /api/audit */
export interface AuditReport {
  run: AuditRun | null;
  rules: AuditRuleInfo[];
  /** When the next scheduled run is due (ISO). */
  nextRunAt?: string;
}

/** GET /api/audit/summary: what the Overview shows, without the whole report. */
export interface AuditSummary {
  /** When the last run finished (ISO); absent before the first run. */
  runAt?: string;
  /** 0..100; null when no run yet or no instance could be read. */
  score: number | null;
  findings: number;
  critical: number;
  warning: number;
  info: number;
  fixable: number;
  nextRunAt?: string;
}

export interface AuditChange {
  id: number;
  kind: 'fix' | 'rollback';
  at: string;
  by: string;
  findingId?: string;
  ruleId: string;
  title: string;
  instanceId: string;
  instanceName: string;
  app: AppKind;
  /** The setting as the person sees it. */
  setting: string;
  oldValue: unknown;
  newValue: unknown;
  /** For a rollback: the change it undid. */
  revertsChangeId?: number;
  /** For a fix: the rollback that undid it, if any. */
  rolledBackByChangeId?: number;
  /** A fix that has not been rolled back can be rolled back. */
  canRollback: boolean;
}

export interface AuditFixPreview {
  findingId: string;
  ruleId: string;
  title: string;
  instanceId: string;
  instanceName: string;
  app: AppKind;
  setting: string;
  settingApi: string;
  /** Read from the app just now. */
  current: unknown;
  proposed: unknown;
  /** What changes for the person when this is applied. */
  effect: string;
}

export interface AuditFixResult {
  ok: boolean;
  dryRun: boolean;
  findingId: string;
  /** What happened or, on failure, which app, what went wrong and what to do. */
  message: string;
  preview?: AuditFixPreview;
  change?: AuditChange;
}

export interface AuditFixAllResult {
  ok: boolean;
  dryRun: boolean;
  message: string;
  results: AuditFixResult[];
  /** The run made after the fixes (absent on a dry run or when nothing was fixed). */
  runId?: number;
}

export interface AuditRollbackResult {
  ok: boolean;
  changeId: number;
  message: string;
  change?: AuditChange;
}

/** GET /api/apps: each configured instance with its last status (never its key). */
export interface AppInfo extends AppStatus {
  /** The configured URL, with any credentials in it masked. */
  url: string;
  verifySsl: boolean;
}

/** GET /api/stats: the stack's last 24 hours, kept by AutoArr from its own events (zero before any happened). */
export interface StackStats {
  /** Downloads that failed in the last 24 hours. */
  failed24h: number;
  /** Downloads AutoArr recovered in the last 24 hours. */
  recoveries24h: number;
  /** The most recent recovery, however old; absent before the first. */
  lastRecovery?: RecoveryInfo;
  /** The last audit's score and number of findings; absent before the first audit. */
  audit?: { score?: number; findings?: number };
}

export interface RecoveryInfo {
  at: string;
  id: string;
  title: string;
  app: string;
  instance: string;
  reason: string;
}
