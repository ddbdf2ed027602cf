// Words → meaning: SABnzbd status words, *arr queue states and import messages (landscape.md R11, R14–R17).
import type { DownloadState } from '../shared/types.js';
import type { ArrRecordObs } from './model.js';

const SAB_QUEUED = new Set(['queued', 'grabbing', 'fetching', 'propagating']);
const SAB_POST = new Set(['checking', 'quickcheck', 'verifying', 'repairing', 'extracting', 'moving', 'running']);

/** Maps a SABnzbd queue job's status word to a download state. Only "Downloading" jobs are ever judged (R10). */
export function sabQueueState(status: string): DownloadState {
  const s = status.toLowerCase();
  if (s === 'downloading') return 'downloading';
  if (s === 'paused') return 'paused';
  if (SAB_QUEUED.has(s)) return 'queued';
  if (SAB_POST.has(s)) return 'post_processing';
  return 'queued';
}

/** Maps a SABnzbd history job's status word to a download state. */
export function sabHistoryState(status: string): DownloadState {
  const s = status.toLowerCase();
  if (s === 'completed') return 'completed';
  if (s === 'failed') return 'failed';
  return 'post_processing';
}

// Recommended lists from Cleanuparr's queue-cleaner docs (landscape.md §2.2), plus decluttarr's defaults.
/** Import messages that a new release is likely to fix. */
export const RETRYABLE_IMPORT_PATTERNS = [
  'title mismatch',
  'not found in the grabbed release',
  'was unexpected considering',
  'no files found are eligible for import',
  'not imported or missing',
  'unable to parse',
  'invalid video file',
  'potentially dangerous file',
];

/** Problems of the environment (disk, paths): another release would fail the same way. */
export const ENVIRONMENT_IMPORT_PATTERNS = ['not enough free space', 'is not a valid local path', 'access to the path'];

/** Messages that mean "wait" or "a person decides": never removed (R15, R17). */
export const WAIT_IMPORT_PATTERNS = [
  'still being unpacked',
  'recently aired',
  'tba title',
  'already imported',
  'not an upgrade',
  'not a custom format upgrade',
  'sample',
  'thexem',
];

export type ImportClass =
  | { kind: 'retryable'; message: string }
  | { kind: 'environment'; message: string }
  | { kind: 'unpacking'; message: string }
  | { kind: 'tba'; message: string }
  | { kind: 'wait'; message: string }
  | { kind: 'manual'; message: string };

function firstMatch(messages: string[], patterns: string[]): string | undefined {
  const lowered = patterns.map((p) => p.toLowerCase()).filter(Boolean);
  return messages.find((m) => lowered.some((p) => m.toLowerCase().includes(p)));
}

/**
 * Classifies an import problem by its messages (R16). Waiting states and environment problems come first, so
 * a full disk is never "fixed" by deleting the download; then the person's ignore and include patterns, then
 * the built-in lists.
 */
export function classifyImport(
  messages: string[],
  extraRetryable: string[] = [],
  extraIgnored: string[] = [],
): ImportClass {
  const text = messages.length ? messages : ['The *arr gave no reason'];
  let m = firstMatch(text, ['still being unpacked']);
  if (m) return { kind: 'unpacking', message: m };
  m = firstMatch(text, ['tba title', 'recently aired']);
  if (m) return { kind: 'tba', message: m };
  m = firstMatch(text, ENVIRONMENT_IMPORT_PATTERNS);
  if (m) return { kind: 'environment', message: m };
  // The person's own lists win over the built-in ones (their ignore list over their include list).
  m = firstMatch(text, extraIgnored);
  if (m) return { kind: 'wait', message: m };
  m = firstMatch(text, extraRetryable);
  if (m) return { kind: 'retryable', message: m };
  m = firstMatch(text, WAIT_IMPORT_PATTERNS);
  if (m) return { kind: 'wait', message: m };
  m = firstMatch(text, RETRYABLE_IMPORT_PATTERNS);
  if (m) return { kind: 'retryable', message: m };
  return { kind: 'manual', message: text[0] ?? '' };
}

/** All the words an *arr record carries about its problem. */
export function recordMessages(r: ArrRecordObs): string[] {
  return [...(r.errorMessage ? [r.errorMessage] : []), ...r.messages];
}

export const TORRENT_STALL_PATTERNS = ['stalled with no connections', 'downloading metadata', 'is stalled'];

/** Torrent (and other non-SABnzbd) items are judged from the *arr's own status and messages. */
export function arrRecordState(r: ArrRecordObs): DownloadState {
  const st = r.status.toLowerCase();
  const ts = r.trackedState.toLowerCase();
  if (ts === 'importblocked' || (ts === 'importpending' && r.trackedStatus.toLowerCase() === 'warning'))
    return 'import_blocked';
  if (ts === 'importpending' || ts === 'importing') return 'import_pending';
  if (ts === 'imported') return 'completed';
  if (ts === 'failed' || ts === 'failedpending' || st === 'failed') return 'failed';
  if (st === 'completed') return 'import_pending';
  if (st === 'downloading' || st === 'warning') return 'downloading';
  if (st === 'paused') return 'paused';
  return 'queued';
}

/** A torrent the *arr says is stalled / stuck on metadata (R2, R18). */
export function torrentStallMessage(r: ArrRecordObs): string | undefined {
  return firstMatch(recordMessages(r), TORRENT_STALL_PATTERNS);
}
