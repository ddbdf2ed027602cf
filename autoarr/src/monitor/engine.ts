// The monitor's rules as one pure function: (previous state, this poll's observations, settings) →
// (new state, decisions). No I/O here, so every rule is a plain unit test.
import type { DownloadState } from '../shared/types.js';
import { arrRecordState, sabHistoryState, sabQueueState, torrentStallMessage } from './classify.js';
import { formatBytes, formatDuration, formatSpeed, mediaName, strikeText } from './explain.js';
import { joinSnapshot, type Observed } from './join.js';
import type { Decision, ItemState, RuleSettings, Snapshot } from './model.js';
import { noSearchReason, recoveryHint, requestRecovery, transition } from './decide.js';
import { judgeImport } from './import-rules.js';
import { sameMedia } from './join.js';
import { arrFailedIt, followArrFailure, importedBy, leftQueue } from './outcome-rules.js';
import { holdForOutage, outageReason } from './outage.js';
import { handleFailed, watchRecovery } from './recovery-rules.js';
import { forgetOldStrikes, holdClock, runByteClock, strikeIntervalMs } from './strikes.js';
import { sabTurns, type Turn } from './turns.js';

export interface EvalResult {
  items: Map<string, ItemState>;
  decisions: Decision[];
}

/** How long finished items stay in the view. */
export const KEEP_FINISHED_MS = 3_600_000;
export const KEEP_GAVE_UP_MS = 24 * 3_600_000;

export function evaluate(prev: ReadonlyMap<string, ItemState>, snap: Snapshot, s: RuleSettings): EvalResult {
  const now = snap.now;
  const decisions: Decision[] = [];
  const items = new Map<string, ItemState>();
  const observed = joinSnapshot(snap, (id) => prev.has(id), now - s.strikeWindowHours * 3_600_000);
  const turns = queueTurns(prev, snap);

  for (const obs of observed.values()) {
    const before = prev.get(obs.id);
    const item = merge(before, obs, now);
    if (!before && item.app !== 'sabnzbd') noteReturn(item, prev, decisions);
    if (!before && [...prev.values()].some((p) => p.recovery?.newDownloadId === item.id)) item.sabRetried = true;
    if (!before && isReplacement(item, prev)) item.replacement = true;
    judge(item, before, obs, snap, s, decisions, obs.job ? turns.get(obs.job.nzoId) : undefined);
    if (obs.job) item.jobBytesLeft = obs.job.bytesLeft;
    else delete item.jobBytesLeft;
    noteNoSearch(item, before, snap, decisions);
    if (item.returns)
      item.explanation += ` — this release came back ${item.returns} time(s) after AutoArr blocklisted it`;
    items.set(item.id, item);
  }

  for (const [id, old] of prev) {
    if (items.has(id)) continue;
    const item: ItemState = { ...old, tags: [...old.tags], queueIds: [...old.queueIds] };
    delete item.jobBytesLeft;
    delete item.dueSince;
    // Not listed while an app it depends on is unavailable: not known to be gone, so kept as it was (finished
    // items stay finished).
    const outage = item.goneAt === undefined ? outageReason(item, undefined, snap) : undefined;
    if (outage) {
      holdForOutage(item, outage, now, decisions);
      items.set(id, item);
      continue;
    }
    if (item.recovery?.phase === 'watching') {
      items.set(id, item);
      continue;
    }
    // Just left every queue: the *arr's history says what it became (imported, failed by the *arr, removed).
    if (item.goneAt === undefined && !leftQueue(item, old, snap, s, decisions)) {
      items.set(id, item);
      continue;
    }
    if (item.arrOutcome === 'failed' && item.state === 'failed' && !item.recovery)
      followArrFailure(item, snap, s, decisions, false);
    const keep = item.recovery?.phase === 'gave_up' ? KEEP_GAVE_UP_MS : KEEP_FINISHED_MS;
    const finished =
      item.state === 'completed' ||
      item.state === 'removed' ||
      item.state === 'replaced' ||
      item.recovery !== undefined ||
      item.state === 'failed';
    if (finished && now - (item.goneAt ?? now) < keep) items.set(id, item);
  }

  for (const item of items.values()) {
    if (item.recovery?.phase === 'watching') watchRecovery(item, snap, s, decisions, items);
  }
  return { items, decisions };
}

/** Whose turn it is in each SABnzbd queue (turns.ts), from this poll and the bytes left each job had at the last. */
function queueTurns(prev: ReadonlyMap<string, ItemState>, snap: Snapshot): Map<string, Turn> {
  const out = new Map<string, Turn>();
  for (const sab of snap.sabs) {
    if (sab.error) continue;
    const jobs = sab.queue.map((j) => {
      const prevBytesLeft = prev.get(j.nzoId)?.jobBytesLeft;
      return prevBytesLeft === undefined ? j : { ...j, prevBytesLeft };
    });
    for (const [id, t] of sabTurns(jobs, sab.speedBps)) out.set(id, t);
  }
  return out;
}

/** A new grab for what AutoArr recovered or what failed: the replacement, not removed before it had its turn. */
function isReplacement(item: ItemState, prev: ReadonlyMap<string, ItemState>): boolean {
  if (item.app === 'sabnzbd' || item.media.kind === 'unknown') return false;
  for (const p of prev.values()) {
    if (p.recovery?.newDownloadId === item.id) return true;
    if (p.id === item.id || p.instanceId !== item.instanceId) continue;
    if ((p.recovery || p.state === 'failed') && sameMedia(p.media, item.media)) return true;
  }
  return false;
}

/** Says once, when it stalls or fails, why a download that no search could follow is left alone (issue 17.1). */
function noteNoSearch(item: ItemState, before: ItemState | undefined, snap: Snapshot, d: Decision[]): void {
  if (item.state !== 'stalled' && item.state !== 'failed') return;
  if (before?.state === item.state || item.ignored) return;
  const why = noSearchReason(item, snap.arrs);
  if (!why || item.hold !== why) return;
  d.push({
    kind: 'note',
    id: item.id,
    instanceId: item.instanceId,
    action: 'not_searchable',
    message: `${mediaName(item)} is ${item.state === 'failed' ? 'failed' : 'stalled'} but left alone: ${why}`,
    evidence: { media: item.media, state: item.state },
  });
}

/** A release AutoArr removed and blocklisted shows up again (R22): the blocklist is not sticking. */
function noteReturn(item: ItemState, prev: ReadonlyMap<string, ItemState>, d: Decision[]): void {
  const title = item.title.toLowerCase();
  for (const old of prev.values()) {
    if (!old.recovery || old.instanceId !== item.instanceId || old.title.toLowerCase() !== title) continue;
    item.returns = (old.returns ?? 0) + 1;
    d.push({
      kind: 'note',
      id: item.id,
      instanceId: item.instanceId,
      action: 'recurring',
      message:
        `The release ${item.title} came back after AutoArr removed and blocklisted it (${item.returns} time(s)). ` +
        'The indexer re-lists it under a new id: for torrents turn on "Reject Blocklisted Torrent Hashes While Grabbing"; ' +
        'for Usenet consider blocking the release group or indexer.',
      evidence: { previousId: old.id, returns: item.returns },
    });
    return;
  }
}

function merge(before: ItemState | undefined, obs: Observed, now: number): ItemState {
  const r = obs.records[0];
  const sizeBytes = obs.job?.sizeBytes ?? r?.sizeBytes ?? obs.hist?.bytes ?? before?.sizeBytes ?? 0;
  const bytesLeft = obs.job?.bytesLeft ?? (r ? r.bytesLeft : obs.hist ? 0 : (before?.bytesLeft ?? 0));
  // A job the *arr no longer lists keeps the *arr it belonged to (its queue can drop a failed job first).
  const keepOwner = before && obs.app === 'sabnzbd' && before.app !== 'sabnzbd';
  const base: ItemState = before
    ? { ...before, tags: [...before.tags], queueIds: [...before.queueIds] }
    : {
        id: obs.id,
        instanceId: obs.instanceId,
        app: obs.app,
        title: obs.title,
        media: obs.media,
        protocol: 'unknown',
        tags: [],
        queueIds: [],
        state: 'queued',
        progress: 0,
        sizeBytes,
        bytesLeft,
        speedBps: 0,
        firstSeen: now,
        lastSeen: now,
        addedAt: r?.addedAt ?? now,
        stallSince: now,
        refBytesLeft: bytesLeft,
        strikes: 0,
        explanation: '',
        ignored: false,
      };
  if (!keepOwner) {
    base.instanceId = obs.instanceId;
    base.app = obs.app;
    if (obs.media.kind !== 'unknown') base.media = obs.media;
  }
  base.title = obs.title || base.title;
  base.protocol = obs.sab ? 'usenet' : (r?.protocol ?? base.protocol);
  base.downloadClient = r?.downloadClient ?? (obs.sab ? obs.sab.name : base.downloadClient);
  if (obs.sab) base.sabInstanceId = obs.sab.instanceId;
  base.category = obs.job?.category ?? obs.hist?.category ?? base.category;
  base.tags = [...new Set([...(obs.job?.labels ?? []), ...obs.records.flatMap((x) => x.tags)])];
  base.queueIds = obs.records.map((x) => x.queueId);
  base.sizeBytes = sizeBytes;
  base.bytesLeft = bytesLeft;
  base.progress = sizeBytes > 0 ? Math.round(((sizeBytes - bytesLeft) / sizeBytes) * 1000) / 10 : 0;
  base.etaSeconds = obs.job?.timeLeftSeconds;
  base.lastSeen = now;
  delete base.goneAt;
  return base;
}

function protectedReason(item: ItemState, s: RuleSettings): string | undefined {
  const cat = item.category?.toLowerCase();
  if (cat && s.protectedCategories.some((c) => c.toLowerCase() === cat))
    return `category "${item.category}" is protected`;
  const tag = item.tags.find((t) => s.protectedTags.some((p) => p.toLowerCase() === t.toLowerCase()));
  return tag ? `tag "${tag}" is protected` : undefined;
}

function judge(
  item: ItemState,
  before: ItemState | undefined,
  obs: Observed,
  snap: Snapshot,
  s: RuleSettings,
  d: Decision[],
  turn?: Turn,
): void {
  const now = snap.now;
  const forgot = forgetOldStrikes(item, now, s);
  if (forgot)
    d.push({
      kind: 'note',
      id: item.id,
      instanceId: item.instanceId,
      action: 'strikes_forgotten',
      message: `${forgot} old strike(s) on ${mediaName(item)} expired after ${s.strikeWindowHours} h without a new one`,
      evidence: { strikes: forgot },
    });
  // Protected items, and items no search could follow (issue 17.1), are reported, never removed automatically.
  item.hold = protectedReason(item, s) ?? noSearchReason(item, snap.arrs);
  const recovering = item.recovery?.phase === 'watching';
  const r = obs.records[0];
  const arrName = obs.arr?.name ?? item.downloadClient ?? 'The *arr';
  const max = s.maxStrikes;

  // Outage guard (R5, issue 17.2): an app the judgement depends on is unavailable, or the *arr says so.
  const outage = outageReason(item, r, snap);
  if (outage) {
    holdForOutage(item, outage, now, d);
    return;
  }
  if (turn?.kind === 'due') item.dueSince ??= now;
  else delete item.dueSince;
  // A replacement had its turn once it received data or SABnzbd should have served it for a full stall period.
  if (
    item.replacement &&
    (turn?.kind === 'receiving' || (item.dueSince !== undefined && now - item.dueSince >= s.stallMinutes * 60_000))
  )
    delete item.replacement;

  // State from the most specific source: the *arr's import/failure view, then SABnzbd, then the *arr's status.
  const arrState = r ? arrRecordState(r) : undefined;
  let state: DownloadState;
  if (arrState && ['import_blocked', 'import_pending', 'failed', 'completed'].includes(arrState)) state = arrState;
  else if (obs.job) state = sabQueueState(obs.job.status);
  else if (obs.hist) state = sabHistoryState(obs.hist.status);
  else state = arrState ?? 'queued';
  if (obs.hist && sabHistoryState(obs.hist.status) === 'failed') state = 'failed';
  // SABnzbd finished it, but the *arr then failed it (a failed import it blocklisted): failed, not completed.
  if (!r && arrFailedIt(item, snap)) state = 'failed';
  if (recovering && item.recovery?.mode === 'arr') state = 'recovering';

  if (state === 'failed') {
    if (!recovering || item.recovery?.mode === 'sab_retry') handleFailed(item, before, obs, snap, s, d);
    return;
  }
  if (recovering && item.recovery?.mode === 'arr') return;

  // SABnzbd-wide pause (R11): a health problem, never a strike on its jobs.
  if (obs.job && obs.sab?.paused && (state === 'downloading' || state === 'queued' || state === 'paused')) {
    holdClock(item, now);
    transition(item, before, 'paused', d, '');
    item.explanation = `${obs.sab.name} is paused${obs.sab.pauseReason ? ` (${obs.sab.pauseReason})` : ''} — a problem with SABnzbd, not with this download, so no strikes`;
    return;
  }

  if (state === 'import_blocked') return judgeImport(item, before, obs, s, d, arrName);

  if (state === 'downloading' || state === 'stalled') {
    // Complete but still moving (R14).
    if (item.sizeBytes > 0 && item.bytesLeft === 0) {
      holdClock(item, now);
      transition(item, before, 'post_processing', d, '');
      item.explanation = 'All data is here; the files are being moved';
      return;
    }
    // A job behind the one SABnzbd is serving is waiting, whatever its status word says (issue 16.1).
    if (turn?.kind === 'waiting') {
      holdClock(item, now);
      item.speedBps = 0;
      transition(item, before, 'queued', d, '');
      item.explanation = `Waiting behind ${turn.behind} (position ${turn.position}) — ${obs.sab?.name ?? 'SABnzbd'} ${
        turn.othersMoving
          ? 'is downloading another job; waiting jobs are never judged'
          : 'is receiving nothing at the moment, and only the job it should be serving is judged'
      }`;
      return;
    }
    // First poll of this job in the queue: nothing to compare yet, so the clock starts now.
    if (turn?.kind === 'baseline') holdClock(item, now);
    const stallMsg = !obs.job && r ? torrentStallMessage(r) : undefined;
    const clock = runByteClock(item, item.bytesLeft, now, s, stallMsg !== undefined);
    const noProgressFor = formatDuration(now - (item.lastProgressAt ?? item.stallSince));
    const ctxText =
      obs.job && obs.sab
        ? obs.sab.speedBps > 0
          ? ` while SABnzbd downloaded other jobs at ${formatSpeed(obs.sab.speedBps)}`
          : ' (SABnzbd is receiving nothing at all)'
        : stallMsg
          ? ` — ${arrName} says "${stallMsg}"`
          : '';
    if (clock.kind === 'progress' && clock.hadStrikes > 0)
      d.push({
        kind: 'note',
        id: item.id,
        instanceId: item.instanceId,
        action: 'strikes_reset',
        message: `${mediaName(item)} is moving again; ${clock.hadStrikes} strike(s) cleared`,
        evidence: { bytesLeft: item.bytesLeft, minProgressBytes: s.minProgressBytes },
      });
    // The strike that makes it stalled is told once, by the "stalled" entry (it names the strike), not twice.
    const stallsNow = item.strikes >= max && !(item.replacement && obs.job) && before?.state !== 'stalled';
    if (clock.kind === 'strike')
      item.strikeReason = stallMsg ? `stalled: ${stallMsg}` : `no progress for ${noProgressFor}`;
    if (clock.kind === 'strike' && !stallsNow) {
      d.push({
        kind: 'note',
        id: item.id,
        instanceId: item.instanceId,
        action: 'strike',
        message: `No progress on ${mediaName(item)} for ${noProgressFor}${ctxText} — ${strikeText(item.strikes, max)}`,
        evidence: {
          strikes: item.strikes,
          maxStrikes: max,
          bytesLeft: item.bytesLeft,
          refBytesLeft: item.refBytesLeft,
          sabSpeedBps: obs.sab?.speedBps,
          message: stallMsg,
        },
      });
    }
    if (item.strikes >= max && item.replacement && obs.job) {
      transition(item, before, 'downloading', d, '');
      item.explanation = `No progress for ${noProgressFor}${ctxText} — ${strikeText(item.strikes, max)}; not removed before ${obs.sab?.name ?? 'SABnzbd'} has given it a turn: it is the replacement grabbed for an earlier download`;
      return;
    }
    if (item.strikes >= max) {
      transition(
        item,
        before,
        'stalled',
        d,
        `No progress for ${noProgressFor}${ctxText} — ${strikeText(item.strikes, max)}`,
      );
      item.explanation = `No progress for ${noProgressFor}${ctxText} — ${strikeText(item.strikes, max)}; ${recoveryHint(item)}`;
      requestRecovery(item, d, `stalled: no progress for ${noProgressFor}`);
      return;
    }
    transition(item, before, 'downloading', d, '');
    const measuring = item.lastProgressAt === undefined && now - item.stallSince < s.pollIntervalMs;
    item.explanation =
      item.strikes > 0
        ? `No progress for ${noProgressFor}${ctxText} — ${strikeText(item.strikes, max)}`
        : item.speedBps > 0 || (item.lastProgressAt !== undefined && now - item.lastProgressAt < s.pollIntervalMs * 2)
          ? `Downloading at ${formatSpeed(item.speedBps)}, ${formatBytes(item.bytesLeft)} left`
          : measuring
            ? `Downloading, ${formatBytes(item.bytesLeft)} left — measuring speed`
            : `No progress for ${noProgressFor}${ctxText} — no strike yet (one every ${formatDuration(strikeIntervalMs(s))} without progress)`;
    return;
  }

  holdClock(item, now);
  // The activity line names the download before the reason ("Dune (2021): completed"), so the reason does not repeat it.
  transition(item, before, state, d, state === 'completed' ? 'completed' : '');
  item.explanation =
    state === 'queued'
      ? obs.job
        ? `Waiting in ${obs.sab?.name ?? 'SABnzbd'}'s queue (position ${obs.job.index + 1}) — queued jobs are never judged by their ETA`
        : `Queued in ${arrName}`
      : state === 'paused'
        ? 'Paused by a person — not judged'
        : state === 'post_processing'
          ? `${obs.sab?.name ?? 'The download client'} is ${(obs.hist?.status ?? obs.job?.status ?? 'post-processing').toLowerCase()} it`
          : state === 'import_pending'
            ? `Waiting for ${arrName} to import it`
            : state === 'completed'
              ? (importedBy(item, snap) ?? 'Completed')
              : item.explanation;
}

export { strikeIntervalMs };
