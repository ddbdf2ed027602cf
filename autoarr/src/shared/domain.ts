// Domain constants, declared once for the backend, the web UI and the dashboard cards. Plain data only: the web
// bundles import this file at run time, so it must not import anything with side effects.

export const APP_KINDS = ['sabnzbd', 'sonarr', 'radarr', 'plex'] as const;
export type AppKind = (typeof APP_KINDS)[number];

/** Each app as people know it, for every message that names one. */
export const APP_LABEL: Record<AppKind, string> = {
  sabnzbd: 'SABnzbd',
  sonarr: 'Sonarr',
  radarr: 'Radarr',
  plex: 'Plex',
};

/**
 * Every state of a download in AutoArr's unified view. `removed`: taken out of the queue (by AutoArr, a person or the
 * *arr) with nothing grabbed in its place; `replaced`: taken out and a new release was grabbed for the same media.
 */
export const DOWNLOAD_STATES = [
  'queued',
  'downloading',
  'paused',
  'stalled',
  'post_processing',
  'import_pending',
  'import_blocked',
  'failed',
  'recovering',
  'completed',
  'removed',
  'replaced',
] as const;
export type DownloadState = (typeof DOWNLOAD_STATES)[number];

/** States that are a problem: the download will not finish or import by itself. */
export const PROBLEM_STATES = ['stalled', 'import_blocked', 'failed'] as const satisfies readonly DownloadState[];

export const isProblemState = (state: string): boolean => (PROBLEM_STATES as readonly string[]).includes(state);

/**
 * The one rule for "this download is a problem", used by the API, MCP, MQTT, the UI and the cards: a problem state
 * the person has not chosen to ignore.
 */
export const isProblem = (d: { state: string; ignored?: boolean }): boolean => isProblemState(d.state) && !d.ignored;

/** States a person should look at: the problems and the ones AutoArr is recovering. */
export const ATTENTION_STATES = [...PROBLEM_STATES, 'recovering'] as const satisfies readonly DownloadState[];

/** Activity log entry kinds: detect (noticed), action (done), result (how it went), audit, system. */
export const ACTIVITY_KINDS = ['detect', 'action', 'result', 'audit', 'system'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
