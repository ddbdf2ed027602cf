// What became of an *arr download once it left the queue, read from the *arr's own history (issue 17.3): imported
// (downloadFolderImported), failed and handled by the *arr itself (downloadFailed: it removed and blocklisted the
// release), or neither — taken out by a person or another program. A failure the *arr handled is never removed or
// blocklisted again by AutoArr; when the *arr grabs nothing new in time, AutoArr only searches.
import { transition } from './decide.js';
import { formatDuration, mediaName } from './explain.js';
import type { Decision, ItemState, RuleSettings, Snapshot } from './model.js';
import { findNewGrab } from './recovery-rules.js';
import { strikeIntervalMs } from './strikes.js';

/** Set by AutoArr or a person's removal: nothing left to learn. ("completed" is not: an import can still fail.) */
const SETTLED = new Set(['removed', 'replaced']);

function arrName(item: ItemState, snap: Snapshot): string {
  return snap.arrs.find((a) => a.instanceId === item.instanceId)?.name ?? (item.app === 'radarr' ? 'Radarr' : 'Sonarr');
}

/** True when the *arr's history says it failed this download itself (not through a removal AutoArr made). */
export function arrFailedIt(item: ItemState, snap: Snapshot): boolean {
  return !item.recovery && snap.outcomes?.get(item.id)?.kind === 'failed';
}

/** "Imported by Sonarr" when the *arr's history has the import, else undefined. */
export function importedBy(item: ItemState, snap: Snapshot): string | undefined {
  return snap.outcomes?.get(item.id)?.kind === 'imported' ? `Imported by ${arrName(item, snap)}` : undefined;
}

/**
 * A download that is no longer in any queue (no outage, no recovery being watched): what it became, from the
 * *arr's history. Returns false when that history could not be read yet: the item is then kept as it was and
 * asked about again at the next poll (for at most one strike interval).
 */
export function leftQueue(item: ItemState, before: ItemState, snap: Snapshot, s: RuleSettings, d: Decision[]): boolean {
  const now = snap.now;
  const isArr = item.app === 'sonarr' || item.app === 'radarr';
  if (!isArr || item.recovery || SETTLED.has(item.state)) {
    item.goneAt = now;
    return true;
  }
  const arr = arrName(item, snap);
  const outcome = snap.outcomes?.get(item.id);
  // Downloaded, and no word from the *arr: left as completed, as before (it is not known to be anything else).
  if (!outcome && item.state === 'completed') {
    item.goneAt = now;
    return true;
  }
  if (!outcome) {
    const unread = snap.historyUnread?.has(item.instanceId) === true;
    if (unread && now - item.lastSeen < strikeIntervalMs(s)) return false;
    item.goneAt = now;
    item.state = 'removed';
    item.speedBps = 0;
    item.queueIds = [];
    item.explanation = unread
      ? `It left ${arr}'s queue, and ${arr}'s history could not be read, so AutoArr cannot tell whether it was imported, failed or removed; it does nothing`
      : `It left ${arr}'s queue, and ${arr}'s history has no import or failure for it: removed by a person or another program. AutoArr made no search`;
    d.push({
      kind: 'note',
      id: item.id,
      instanceId: item.instanceId,
      action: 'left_queue',
      message: `${mediaName(item)}: ${item.explanation}`,
      evidence: { previousState: before.state, historyRead: !unread },
    });
    return true;
  }
  item.goneAt = now;
  item.queueIds = [];
  item.speedBps = 0;
  item.arrOutcome = outcome.kind;
  if (outcome.kind === 'imported') {
    item.progress = 100;
    item.bytesLeft = 0;
    transition(item, before, 'completed', d, `${mediaName(item)} finished and ${arr} imported it`);
    item.explanation = importedBy(item, snap) ?? '';
    return true;
  }
  const msg = outcome.message ?? item.failMessage ?? 'no reason given';
  item.failMessage = msg;
  if (before.state !== 'failed' || item.failedAt === undefined) item.failedAt = now;
  // Out of every queue, SABnzbd's history included: nothing is left for AutoArr to clean up.
  item.cleaned = true;
  transition(item, before, 'failed', d, `${arr} marked it failed ("${msg}"), removed it and blocklisted it`);
  return true;
}

/**
 * A failure the *arr handled itself (it removed and blocklisted the release): if the *arr grabbed another release,
 * AutoArr does nothing (it only deletes a failed job SABnzbd still lists, R13); otherwise, after one strike interval,
 * it asks for a search-only recovery. `inSab`: SABnzbd's history still lists the failed job.
 */
export function followArrFailure(
  item: ItemState,
  snap: Snapshot,
  s: RuleSettings,
  d: Decision[],
  inSab: boolean,
): void {
  const now = snap.now;
  const arr = arrName(item, snap);
  const failedAt = item.failedAt ?? now;
  const done = `${arr} marked it failed ("${item.failMessage ?? 'no reason given'}"), removed it from its queue and blocklisted it`;
  item.speedBps = 0;
  item.queueIds = [];
  const regrab = findNewGrab(item, snap, item.instanceId, [item.id], failedAt - 60_000);
  if (regrab) {
    const cleanup = inSab && s.cleanupFailedJobs && !item.cleaned && !item.ignored && !item.hold;
    if (!inSab) item.state = 'replaced';
    item.explanation = `${done}; ${arr} already grabbed another release${cleanup ? ', so AutoArr only deletes the failed job from SABnzbd' : ' — AutoArr did nothing'}`;
    if (cleanup) d.push({ kind: 'cleanup', id: item.id, reason: `${arr} already replaced it` });
    return;
  }
  if (item.ignored || item.hold) {
    item.explanation = `${done} — ${item.ignored ? 'ignored' : item.hold}, so AutoArr only reports it`;
    return;
  }
  if (item.media.kind === 'unknown') {
    item.explanation = `${done} — AutoArr cannot tell which episode or movie it was for, so a person has to search`;
    return;
  }
  const grace = strikeIntervalMs(s);
  if (now - failedAt < grace) {
    item.explanation = `${done}; giving ${arr} ${formatDuration(grace - (now - failedAt))} to grab another release itself`;
    return;
  }
  item.explanation = `${done}, and grabbed nothing new in ${formatDuration(now - failedAt)} — a search is due (AutoArr never removes or blocklists it again)`;
  d.push({
    kind: 'recover',
    id: item.id,
    reason: `${arr} failed it ("${item.failMessage ?? 'no reason given'}") and grabbed nothing new`,
    evidence: { failMessage: item.failMessage, failedAt: new Date(failedAt).toISOString(), handledBy: arr },
    handledBy: arr,
  });
}
