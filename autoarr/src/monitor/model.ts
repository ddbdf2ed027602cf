// The monitor's own small input and state types. The app clients' types map onto the observation types
// (normalize.ts), so the rules below never depend on how a client spells a field.
import type { DownloadEventName } from '../shared/events.js';
import type { AppKind, DownloadMedia, DownloadState } from '../shared/types.js';

/** One job in SABnzbd's queue, as the rules need it. */
export interface SabJobObs {
  nzoId: string;
  name: string;
  /** SABnzbd's own status word: Downloading, Queued, Paused, Grabbing, Fetching, Propagating, Checking … */
  status: string;
  category: string;
  sizeBytes: number;
  bytesLeft: number;
  labels: string[];
  index: number;
  timeLeftSeconds: number;
}

/** One job in SABnzbd's history. */
export interface SabHistoryObs {
  nzoId: string;
  name: string;
  /** Completed, Failed, Extracting, Verifying, Repairing, Moving, Running, Queued … */
  status: string;
  failMessage: string;
  category: string;
  bytes: number;
  /** Epoch ms. */
  completedAt: number;
}

export interface SabObs {
  instanceId: string;
  name: string;
  /** Set when SABnzbd did not answer: nothing from it is judged this poll (outage guard). */
  error?: string;
  /** What kind of failure `error` is (the app client's AppError kind: unreachable, timeout, auth, bad_response…). */
  errorKind?: string;
  paused: boolean;
  /** Why SABnzbd as a whole is paused, in words (low disk, quota, by a person). */
  pauseReason?: string;
  speedBps: number;
  diskFreeBytes?: number;
  queue: SabJobObs[];
  history: SabHistoryObs[];
}

/** One Sonarr/Radarr queue record. */
export interface ArrRecordObs {
  queueId: number;
  downloadId?: string;
  title: string;
  /** queued | paused | downloading | completed | failed | warning | delay | downloadClientUnavailable … */
  status: string;
  trackedStatus: string;
  trackedState: string;
  messages: string[];
  errorMessage?: string;
  sizeBytes: number;
  bytesLeft: number;
  protocol: 'usenet' | 'torrent' | 'unknown';
  downloadClient?: string;
  seriesId?: number;
  episodeId?: number;
  movieId?: number;
  /** "The Bear S03E02". */
  label?: string;
  /** Epoch ms when the *arr grabbed it. */
  addedAt?: number;
  tags: string[];
}

export interface ArrObs {
  instanceId: string;
  app: 'sonarr' | 'radarr';
  name: string;
  error?: string;
  errorKind?: string;
  records: ArrRecordObs[];
}

/** A grab or failure an *arr recorded in its history, indexed by download id. */
export interface ArrGrab {
  instanceId: string;
  app: 'sonarr' | 'radarr';
  downloadId: string;
  media: DownloadMedia;
  title: string;
  /** Epoch ms. */
  grabbedAt: number;
  failedAt?: number;
}

/** What an *arr's history says became of a download: imported, or marked failed (and blocklisted) by the *arr. */
export interface ArrOutcome {
  instanceId: string;
  downloadId: string;
  kind: 'imported' | 'failed';
  /** Epoch ms of the history record. */
  at: number;
  message?: string;
}

/** Everything one poll saw. */
export interface Snapshot {
  now: number;
  sabs: SabObs[];
  arrs: ArrObs[];
  /** *arr history grabs, newest last (fetched incrementally, see history.ts). */
  grabs: ReadonlyMap<string, ArrGrab>;
  /** *arr history outcomes by download id (downloadFolderImported / downloadFailed); absent when not read. */
  outcomes?: ReadonlyMap<string, ArrOutcome>;
  /** *arr instances whose history could not be read at the last try (what became of a download is unknown). */
  historyUnread?: ReadonlySet<string>;
}

/** A recovery in progress or finished, kept after the queue item is gone. */
export interface RecoveryState {
  /** remove + search (an *arr tracks it) or retry (a SABnzbd job no *arr tracks). */
  mode: 'arr' | 'sab_retry';
  arrInstanceId?: string;
  arrApp?: 'sonarr' | 'radarr';
  phase: 'watching' | 'recovered' | 'gave_up';
  attempts: number;
  startedAt: number;
  lastAttemptAt: number;
  nextAttemptAt: number;
  reason: string;
  /** Download ids that do not count as the new grab (the removed one). */
  oldDownloadIds: string[];
  newDownloadId?: string;
  /** False when AutoArr only searched (the *arr had already removed and blocklisted it); undefined = removed. */
  removed?: boolean;
}

/** What the monitor remembers about one download between polls and across restarts. */
export interface ItemState {
  id: string;
  instanceId: string;
  app: AppKind;
  sabInstanceId?: string;
  title: string;
  media: DownloadMedia;
  protocol: 'usenet' | 'torrent' | 'unknown';
  downloadClient?: string;
  category?: string;
  tags: string[];
  queueIds: number[];
  state: DownloadState;
  progress: number;
  sizeBytes: number;
  bytesLeft: number;
  speedBps: number;
  etaSeconds?: number;
  firstSeen: number;
  lastSeen: number;
  /** When the *arr grabbed it (for the minimum queue age), else firstSeen. */
  addedAt: number;
  lastProgressAt?: number;
  /** Start of the current no-progress period that counts towards strikes. */
  stallSince: number;
  /** Bytes left when progress was last counted (reset only on ≥ minProgressBytes). */
  refBytesLeft: number;
  /** Bytes left and time at the previous poll, for the speed between polls. */
  prevBytesLeft?: number;
  prevPollAt?: number;
  strikes: number;
  lastStrikeAt?: number;
  strikeReason?: string;
  explanation: string;
  ignored: boolean;
  /** Why it may not be removed automatically (protected category/tag, needs a person). */
  hold?: string;
  failMessage?: string;
  failedAt?: number;
  /** A failed SABnzbd job's leftovers were deleted. */
  cleaned?: boolean;
  sabRetried?: boolean;
  recovery?: RecoveryState;
  /** Set when it left every queue; the state is pruned after a while. */
  goneAt?: number;
  /** How many times a release with this title came back after AutoArr blocklisted it. */
  returns?: number;
  /** Bytes left of its SABnzbd queue job at the last poll that saw the job (whose turn it is, turns.ts). */
  jobBytesLeft?: number;
  /** Since when SABnzbd should have been serving it without a break (it was "due"). */
  dueSince?: number;
  /**
   * Grabbed as the replacement of a download that was removed or failed, and not yet given its turn (it has
   * received no data and was never the job SABnzbd should serve for a full stall period): never removed until then.
   */
  replacement?: boolean;
  /** What the *arr's history says became of it once it left the queue (issue 17.3): imported, or failed by the *arr. */
  arrOutcome?: 'imported' | 'failed';
}

/** The download events the monitor emits (every download.* event of the bus map). */
export type MonitorEventName = DownloadEventName;

/** What the pure evaluation asks the monitor to do; the executor applies the safety switches. */
export type Decision =
  | { kind: 'event'; event: MonitorEventName; id: string; reason: string }
  | {
      kind: 'note';
      id?: string;
      instanceId: string;
      action: string;
      message: string;
      evidence: Record<string, unknown>;
    }
  | {
      kind: 'recover';
      id: string;
      reason: string;
      evidence: Record<string, unknown>;
      /** The *arr (by name) already removed and blocklisted it: AutoArr only searches (issue 17.3). */
      handledBy?: string;
    }
  | { kind: 'search_again'; id: string; reason: string }
  | { kind: 'sab_retry'; id: string; reason: string }
  | { kind: 'cleanup'; id: string; reason: string };

/** The settings the rules read (a subset of MonitorSettings, so tests stay small). */
export interface RuleSettings {
  pollIntervalMs: number;
  stallMinutes: number;
  maxStrikes: number;
  strikeWindowHours: number;
  minProgressBytes: number;
  minQueueAgeMinutes: number;
  maxRecoveryAttempts: number;
  cleanupFailedJobs: boolean;
  protectedCategories: string[];
  protectedTags: string[];
  failedImportPatterns: string[];
  ignoredImportPatterns: string[];
}
