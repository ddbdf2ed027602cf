// SABnzbd types as AutoArr uses them: camelCase, real numbers and booleans (the wire sends strings and 0/1).
// Typed by hand from ../shared/contracts/sabnzbd-api.md (SABnzbd has no OpenAPI spec). Wire → these in parse.ts.

/** Queue slot status; SABnzbd may add more, so any string is accepted. */
export type SabQueueStatus =
  'Downloading' | 'Queued' | 'Paused' | 'Propagating' | 'Checking' | 'Fetching' | 'Grabbing' | (string & {});

export type SabHistoryStatus =
  | 'Completed'
  | 'Failed'
  | 'Queued'
  | 'QuickCheck'
  | 'Verifying'
  | 'Repairing'
  | 'Fetching'
  | 'Extracting'
  | 'Moving'
  | 'Running'
  | (string & {});

export type SabPriorityName = 'Force' | 'High' | 'Normal' | 'Low' | 'Repair' | (string & {});

export interface SabQueueSlot {
  nzoId: string;
  filename: string;
  status: SabQueueStatus;
  /** "tv"; "*" is the Default category. */
  category: string;
  priority: SabPriorityName;
  sizeBytes: number;
  bytesLeft: number;
  /** 0..100 */
  percentage: number;
  timeLeftSeconds: number;
  /** "DUPLICATE", "ENCRYPTED", "PROPAGATING 5 min", … */
  labels: string[];
  index: number;
  /** Unix seconds. */
  addedAt: number;
  /** Average article age in days, when known. */
  avgAgeDays?: number;
  missingBytes: number;
  /** "10/30" while Direct Unpack runs. */
  directUnpack?: string;
}

export interface SabQueue {
  paused: boolean;
  /** "Downloading" | "Paused" | "Idle". */
  status: string;
  speedBps: number;
  /** Percent of bandwidth_max. */
  speedLimitPercent: number;
  /** Absolute limit in bytes/s when one is set. */
  speedLimitBps?: number;
  sizeLeftBytes: number;
  timeLeftSeconds: number;
  /** Free space in the download (incomplete) folder. */
  diskFreeBytes: number;
  /** Free space in the complete folder. */
  completeDiskFreeBytes: number;
  diskTotalBytes: number;
  /** Jobs matching the request (for paging). */
  noOfSlots: number;
  /** All jobs in the queue. */
  noOfSlotsTotal: number;
  /** Seconds left on a timed pause. */
  pausedInt?: number;
  haveWarnings: number;
  version: string;
  slots: SabQueueSlot[];
}

export interface SabStage {
  name: string;
  actions: string[];
}

export interface SabHistorySlot {
  nzoId: string;
  name: string;
  nzbName: string;
  status: SabHistoryStatus;
  /** "" on success; e.g. "Aborted, cannot be completed - https://sabnzbd.org/not-complete". */
  failMessage: string;
  category: string;
  bytes: number;
  /** Unix seconds (0 while still in post-processing on some versions). */
  completedAt: number;
  addedAt: number;
  /** Final path; empty for most failures. */
  storage: string;
  /** Temporary (incomplete) path. */
  path: string;
  /** Seconds. */
  downloadTime: number;
  postProcessTime: number;
  /** Current post-processing action ("Unpacking 7/41") while in post-processing. */
  postProcessing?: string;
  /** A failed job that SABnzbd can retry. */
  retry: boolean;
  stageLog: SabStage[];
  url: string;
}

export interface SabHistory {
  noOfSlots: number;
  slots: SabHistorySlot[];
  /** Change counter; pass back as `since` to get `unchanged: true` when nothing changed. */
  lastHistoryUpdate?: number;
  /** True when SABnzbd answered `{"history": false}` because nothing changed since `since`. */
  unchanged: boolean;
}

export interface SabQueueOptions {
  start?: number;
  /** Jobs to return; 0 or absent = all. */
  limit?: number;
}

export interface SabHistoryOptions {
  start?: number;
  /** Items to return (default 100; SABnzbd itself would default to its history_limit, usually 10). */
  limit?: number;
  failedOnly?: boolean;
  category?: string;
  nzoIds?: string[];
  /** last_history_update from an earlier answer. */
  since?: number;
}

export interface SabWarning {
  /** "WARNING" | "ERROR" | … */
  type: string;
  text: string;
  /** Unix seconds. */
  time: number;
  origin: string;
}

export interface SabServerStatus {
  name: string;
  active: boolean;
  activeConnections: number;
  totalConnections: number;
  error: string;
  warning: string;
  priority: number;
  optional: boolean;
  speedBps: number;
}

export interface SabFullStatus {
  version: string;
  paused: boolean;
  pausedAll: boolean;
  pausedInt?: number;
  uptime: string;
  downloadDir: string;
  /** The resolved complete folder (what Sonarr/Radarr read). */
  completeDir: string;
  diskFreeBytes: number;
  completeDiskFreeBytes: number;
  speedLimitPercent: number;
  haveWarnings: number;
  newRelease?: string;
  urlBase: string;
  /** Orphaned job folders in the incomplete folder. */
  orphanedFolders: string[];
  warnings: SabWarning[];
  servers: SabServerStatus[];
}

/** Input priorities (§5): -100 Default (category), -2 Paused, -1 Low, 0 Normal, 1 High, 2 Force. */
export type SabPriority = -100 | -2 | -1 | 0 | 1 | 2;

export interface SabAddUrlOptions {
  name?: string;
  category?: string;
  priority?: SabPriority;
}

export interface SabDeleteOptions {
  deleteFiles: boolean;
}

/** Values a config keyword may be set to; booleans become 0/1, lists comma-joined. */
export type SabConfigValue = string | number | boolean | string[];

/** get_config output with secrets dropped: section → keyword → value, or a list for servers/categories/… */
export type SabConfig = Record<string, Record<string, unknown> | Array<Record<string, unknown>>>;
