// Pure rules for failed downloads and for watching a recovery (landscape.md R12, R13, R19, R22).
import { recordMessages } from './classify.js';
import { transition } from './decide.js';
import { formatDuration } from './explain.js';
import { mediaOf, sameMedia, type Observed } from './join.js';
import { arrFailedIt, followArrFailure } from './outcome-rules.js';
import type { Decision, ItemState, RuleSettings, Snapshot } from './model.js';
import { strikeIntervalMs } from './strikes.js';

/** How long to wait for a new grab after the n-th search, doubling each time. */
export function backoffMs(s: RuleSettings, attempts: number): number {
  return Math.max(s.pollIntervalMs * 3, s.stallMinutes * 60_000) * 2 ** Math.max(0, attempts - 1);
}

function arrName(snap: Snapshot, instanceId: string | undefined): string {
  return snap.arrs.find((a) => a.instanceId === instanceId)?.name ?? 'The *arr';
}

/** A newer grab by the same *arr for the same episode or movie, other than the given download ids. */
export function findNewGrab(
  item: ItemState,
  snap: Snapshot,
  instanceId: string,
  old: string[],
  since: number,
): string | undefined {
  const arr = snap.arrs.find((a) => a.instanceId === instanceId && !a.error);
  if (arr) {
    for (const r of arr.records) {
      if (r.downloadId && !old.includes(r.downloadId) && sameMedia(item.media, mediaOf(arr.app, [r])))
        return r.downloadId;
    }
  }
  for (const g of snap.grabs.values()) {
    if (
      g.instanceId === instanceId &&
      g.grabbedAt >= since &&
      !old.includes(g.downloadId) &&
      sameMedia(item.media, g.media)
    )
      return g.downloadId;
  }
  return undefined;
}

export function handleFailed(
  item: ItemState,
  before: ItemState | undefined,
  obs: Observed,
  snap: Snapshot,
  s: RuleSettings,
  d: Decision[],
): void {
  const now = snap.now;
  const r = obs.records[0];
  // SABnzbd failed it, or (after SABnzbd finished it) the *arr did: its history has the message (issue 17.3).
  const sabFailed = obs.hist?.status.toLowerCase() === 'failed';
  const msg =
    (sabFailed ? obs.hist?.failMessage : '') ||
    (r ? recordMessages(r).join('; ') : '') ||
    snap.outcomes?.get(item.id)?.message ||
    'no reason given';
  const who =
    obs.hist && (sabFailed || !arrFailedIt(item, snap)) ? (obs.sab?.name ?? 'SABnzbd') : arrName(snap, item.instanceId);
  item.failMessage = msg;
  item.speedBps = 0;
  const rec = item.recovery;

  // An untracked job AutoArr retried once failed again: report it and stop (R12 residue). SABnzbd may give the
  // retried job a new nzo_id; that job inherits sabRetried.
  const again =
    rec?.mode === 'sab_retry' && rec.phase === 'watching' && (obs.hist?.completedAt ?? 0) >= rec.lastAttemptAt;
  if (again || (item.sabRetried && !rec)) {
    item.recovery = {
      ...(rec ?? {
        mode: 'sab_retry',
        attempts: 1,
        startedAt: now,
        lastAttemptAt: now,
        nextAttemptAt: now,
        reason: 'failed again',
        oldDownloadIds: [],
      }),
      phase: 'gave_up',
    };
    item.state = 'failed';
    item.explanation = `${who} failed it again after one retry ("${msg}") — no *arr tracks it, so a person has to look`;
    d.push({ kind: 'event', event: 'download.gave_up', id: item.id, reason: item.explanation });
    return;
  }
  if (rec?.phase === 'gave_up') return;
  if (before?.state !== 'failed' || item.failedAt === undefined) item.failedAt = now;
  transition(item, before, 'failed', d, `${who} failed it: "${msg}"`);
  const waited = now - item.failedAt;
  const grace = strikeIntervalMs(s);

  if (item.app === 'sabnzbd') {
    if (item.sabRetried) return;
    if (item.ignored || item.hold) {
      item.explanation = `${who} failed it: "${msg}" — ${item.ignored ? 'ignored' : item.hold}, so AutoArr only reports it`;
      return;
    }
    item.explanation = `${who} failed it: "${msg}" — no *arr tracks it; AutoArr retries it once${waited < grace ? ` in ${formatDuration(grace - waited)}` : ''}`;
    if (waited >= grace) d.push({ kind: 'sab_retry', id: item.id, reason: `failed: ${msg}` });
    return;
  }

  // The *arr already failed it itself (removed from its queue, blocklisted): never removed or blocklisted again.
  if (arrFailedIt(item, snap)) {
    item.arrOutcome = 'failed';
    followArrFailure(item, snap, s, d, obs.hist !== undefined);
    return;
  }
  const arr = arrName(snap, item.instanceId);
  const regrab = findNewGrab(item, snap, item.instanceId, [item.id], item.failedAt - 60_000);
  if (regrab) {
    item.explanation = `${who} failed it ("${msg}"); ${arr} already grabbed another release`;
    if (obs.hist && s.cleanupFailedJobs && !item.cleaned && !item.ignored && !item.hold)
      d.push({ kind: 'cleanup', id: item.id, reason: `${arr} already replaced it` });
    return;
  }
  if (item.ignored || item.hold) {
    item.explanation = `${who} failed it: "${msg}" — ${item.ignored ? 'ignored' : item.hold}, so AutoArr only reports it`;
    return;
  }
  if (item.media.kind === 'unknown') {
    item.explanation = `${who} failed it: "${msg}" — AutoArr cannot tell which episode or movie it was for, so a person has to search`;
    return;
  }
  if (waited < grace) {
    item.explanation = `${who} failed it: "${msg}" — giving ${arr} ${formatDuration(grace - waited)} to search again itself`;
    return;
  }
  item.explanation = `${who} failed it: "${msg}" and ${arr} did not search again — removing it and searching`;
  d.push({
    kind: 'recover',
    id: item.id,
    reason: `failed: ${msg}`,
    evidence: { failMessage: msg, failedAt: new Date(item.failedAt).toISOString() },
  });
}

/** Follows a recovery: a new grab means recovered; no grab by the deadline means search again or give up. */
export function watchRecovery(
  item: ItemState,
  snap: Snapshot,
  s: RuleSettings,
  d: Decision[],
  items: ReadonlyMap<string, ItemState>,
): void {
  const rec = item.recovery;
  if (!rec || rec.phase !== 'watching') return;
  const now = snap.now;
  if (rec.mode === 'sab_retry') {
    const retried = rec.newDownloadId ? items.get(rec.newDownloadId) : item;
    if (retried && retried !== item && retried.recovery?.phase === 'gave_up') {
      rec.phase = 'gave_up';
      item.goneAt = now;
      item.explanation = `Retried as ${retried.id}, which failed again`;
    } else if (retried?.state === 'completed') {
      if (retried !== item) item.state = 'completed';
      item.goneAt = now;
      rec.phase = 'recovered';
      item.explanation = 'Completed after AutoArr retried it';
      d.push({ kind: 'event', event: 'download.recovered', id: item.id, reason: item.explanation });
    }
    return;
  }
  const instanceId = rec.arrInstanceId ?? item.instanceId;
  const arr = snap.arrs.find((a) => a.instanceId === instanceId);
  if (!arr || arr.error) return;
  const grab = findNewGrab(item, snap, instanceId, rec.oldDownloadIds, rec.lastAttemptAt - 1000);
  if (grab) {
    rec.phase = 'recovered';
    rec.newDownloadId = grab;
    item.state = 'replaced';
    item.goneAt = now;
    item.explanation = `Replaced: ${arr.name} grabbed a new release after ${rec.attempts} search${rec.attempts > 1 ? 'es' : ''}`;
    d.push({ kind: 'event', event: 'download.recovered', id: item.id, reason: item.explanation });
    return;
  }
  if (now < rec.nextAttemptAt) {
    item.explanation = `${rec.removed === false ? `${arr.name} had already removed and blocklisted it; AutoArr searched` : 'Removed and searched'} (${rec.reason}); waiting for ${arr.name} to grab a new release — search ${rec.attempts} of ${s.maxRecoveryAttempts}`;
    return;
  }
  if (rec.attempts < s.maxRecoveryAttempts) {
    d.push({
      kind: 'search_again',
      id: item.id,
      reason: `no new release after ${formatDuration(now - rec.lastAttemptAt)}`,
    });
    return;
  }
  rec.phase = 'gave_up';
  item.state = 'failed';
  item.goneAt = now;
  item.explanation = `Gave up: ${rec.attempts} searches found no new release for ${item.media.label ?? item.title} — a person has to look`;
  d.push({ kind: 'event', event: 'download.gave_up', id: item.id, reason: item.explanation });
}
