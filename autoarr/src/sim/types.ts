// Public types of the simulated stack (see team-notes "Simulated stack" contract).
import type { SabWaitingStatus, SimWorld } from './world/world.js';

export type SimApp = 'sabnzbd' | 'sonarr' | 'radarr' | 'plex';
export const SIM_APPS: readonly SimApp[] = ['sabnzbd', 'sonarr', 'radarr', 'plex'];

/**
 * ok = normal; down = connection refused; html = a 200 login page; slow = never answers; bad_key = rejects every key;
 * truncated = does the work but cuts the JSON answer in half (a proxy dropping the connection); huge = answers every
 * request with an endless JSON body (HUGE_BODY_BYTES, streamed) instead of doing the work.
 */
export type AppMode = 'ok' | 'down' | 'html' | 'slow' | 'bad_key' | 'truncated' | 'huge';
export const APP_MODES: readonly AppMode[] = ['ok', 'down', 'html', 'slow', 'bad_key', 'truncated', 'huge'];

export interface RecordedRequest {
  app: SimApp;
  method: string;
  path: string;
  /** Query parameters with keys and tokens replaced by "REDACTED". */
  query: Record<string, string>;
  status: number;
  /** Parsed JSON request body of writes (secrets redacted). */
  body?: unknown;
  /** Sim time (epoch ms) when the request arrived. */
  at: number;
}

export interface AppEndpoint {
  url: string;
  apiKey: string;
}

export interface SimControl {
  /** Sim epoch ms. */
  now(): number;
  /** Moves sim time forward and progresses downloads, post-processing, imports, searches. */
  advance(ms: number): void;
  /** Sim-seconds per real second; 0 stops the real-time driver (manual clock). */
  setSpeed(speed: number): void;
  speed(): number;
  setScenario(name: string): void;
  scenario(): string;
  scenarios(): string[];
  setAppMode(app: SimApp, mode: AppMode): Promise<void>;
  /**
   * The *arr handles a download that failed in SABnzbd itself (downloadFailed history, blocklist, out of the queue,
   * SABnzbd's row removed if Remove Failed, a search if Redownload Failed) instead of leaving it failedPending.
   * Applies to the current world, until the next scenario (the `arr_handles_failures` scenario switches it on).
   */
  setArrHandlesFailures(app: 'sonarr' | 'radarr', on: boolean): void;
  appMode(app: SimApp): AppMode;
  /** The status word SABnzbd shows for unpaused jobs waiting behind the active one (kept across scenarios). */
  setSabWaitingStatus(status: SabWaitingStatus): void;
  sabWaitingStatus(): SabWaitingStatus;
  requests(filter?: { app?: SimApp }): RecordedRequest[];
  /** Non-GET requests and SABnzbd write modes. */
  writes(filter?: { app?: SimApp }): RecordedRequest[];
  /**
   * Calls `listener` as each request is recorded: its work is done but its answer not yet sent, so a test can act
   * in between (e.g. kill the client that sent it). Returns the function that stops listening.
   */
  onRequest(listener: (r: RecordedRequest) => void): () => void;
  clearRecords(): void;
  /** Read access to the simulated data for asserts. Do not mutate. */
  readonly state: SimWorld;
}

export interface SimStack {
  apps: Record<SimApp, AppEndpoint>;
  control: SimControl;
  /** URL of the HTTP control server (POST /scenario, /advance, /mode; GET /requests, /writes). */
  controlUrl: string;
  stop(): Promise<void>;
}

export interface SimOptions {
  /** Sim-seconds per real second; 0 = manual clock (default 0). */
  speed?: number;
  scenario?: string;
  /** Sim epoch ms at start (default: now, rounded to the second). */
  startTime?: number;
  seed?: number;
  /** Fixed ports (default 0 = OS-assigned). */
  ports?: Partial<Record<SimApp | 'control', number>>;
  /** Keys the apps accept (default: derived from the seed). */
  keys?: Partial<Record<SimApp, string>>;
  /** SABnzbd url_base (default "/sabnzbd"; "" serves /api). */
  sabUrlBase?: string;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** App modes from the very first request (e.g. start with Sonarr down or SABnzbd rejecting the key). */
  modes?: Partial<Record<SimApp, AppMode>>;
  /**
   * Status word of waiting (not yet started, unpaused) SABnzbd jobs: `Queued` (default) or `Downloading`, as some
   * servers report it. A scenario may choose its own; this option then wins.
   */
  sabWaitingStatus?: SabWaitingStatus;
  /**
   * Misbehaving text (hostile.ts): release names with an indexer apikey=, *arr messages quoting the caller's key,
   * series/movie titles that try to forge lines. Applied after the scenario.
   */
  hostileText?: boolean;
}
