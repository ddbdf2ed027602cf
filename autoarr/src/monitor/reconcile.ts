// Settles the actions AutoArr was in the middle of when it stopped (a kill, a power cut, a stop during a hung call).
// Each is checked against the apps before anything else happens, and the activity says exactly what was found:
// - a removal: still in the queue → it never happened (no search, the attempt does not count, the rules judge the
//   download again); gone and on the *arr's blocklist → it happened, so the search is made now; gone without a
//   blocklist entry → it left the queue some other way, and AutoArr does not search.
// - a search: the *arr holds the command → it was sent, not repeated; a new release was grabbed → done; neither →
//   it never reached the *arr, so it is sent now (the same attempt, not a new one).
// An action whose *arr does not answer waits for the next poll; its download is not acted on meanwhile.
import type { ActivityLog } from '../activity/activity-log.js';
import type { Logger } from '../log/logger.js';
import type { Executor } from './executor.js';
import type { ItemState, Snapshot } from './model.js';
import type { ArrPortEntry, MonitorPorts } from './ports.js';
import { findNewGrab } from './recovery-rules.js';
import type { MonitorStore, PendingAction } from './store.js';

export interface ReconcileDeps {
  store: MonitorStore;
  activity: ActivityLog;
  log: Logger;
  exec: Executor;
}

/** Commands and blocklist entries from this long before the action was written still count as its own. */
const SLACK_MS = 60_000;
/** A search command without ids in its body queued this close to AutoArr's write-ahead is AutoArr's. */
const SAME_MS = 5_000;

const ids = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : typeof v === 'number' ? [v] : [];

/** Settles what it can; returns the actions that must wait for their app to answer. */
export async function reconcile(
  actions: PendingAction[],
  items: Map<string, ItemState>,
  snap: Snapshot,
  ports: MonitorPorts,
  d: ReconcileDeps,
): Promise<PendingAction[]> {
  const waiting: PendingAction[] = [];
  for (const a of actions) {
    const item = items.get(a.downloadId);
    const arr = ports.arrs.find((x) => x.instanceId === (item?.recovery?.arrInstanceId ?? a.instanceId));
    const obs = snap.arrs.find((x) => x.instanceId === arr?.instanceId);
    if (item && arr && (a.kind === 'remove' || a.kind === 'search')) {
      if (!obs || obs.error) {
        waiting.push(a);
        continue;
      }
      const settled =
        a.kind === 'remove' ? await settleRemoval(a, item, arr, snap, d) : await settleSearch(a, item, arr, snap, d);
      if (!settled) waiting.push(a);
      continue;
    }
    // SABnzbd retries, clean-ups and a person's removals: not repeated; the next polls show their outcome.
    const app = a.kind === 'delete' && arr ? arr.name : 'SABnzbd';
    await say(d, a, item, `${a.kind}_interrupted`, {
      message:
        `AutoArr stopped while it was running "${a.kind}" for ${item?.title ?? a.downloadId} and cannot tell whether ` +
        `${app} received it; it is not repeated — the next polls show what ${app} did`,
    });
  }
  return waiting;
}

async function say(
  d: ReconcileDeps,
  a: PendingAction,
  item: ItemState | undefined,
  action: string,
  o: { message: string; evidence?: Record<string, unknown> },
): Promise<void> {
  await d.activity.add({
    kind: 'result',
    action,
    message: o.message,
    downloadId: a.downloadId,
    instanceId: a.instanceId,
    ...(item ? { title: item.title } : {}),
    evidence: { ...a.payload, ...o.evidence },
  });
  d.log.info(o.message, { downloadId: a.downloadId, instanceId: a.instanceId });
}

async function settleRemoval(
  a: PendingAction,
  item: ItemState,
  arr: ArrPortEntry,
  snap: Snapshot,
  d: ReconcileDeps,
): Promise<boolean> {
  const queueId = typeof a.payload.queueId === 'number' ? a.payload.queueId : undefined;
  const inArr = snap.arrs
    .find((x) => x.instanceId === arr.instanceId)
    ?.records.some((r) => r.downloadId === item.id || (queueId !== undefined && r.queueId === queueId));
  const inSab = snap.sabs.some((s) => !s.error && s.queue.some((j) => j.nzoId === item.id));
  const what = `remove ${item.title} from ${arr.name}'s queue`;
  if (inArr || inSab) {
    await d.store.finishAction(a.id, 'not_done', { reconciled: 'still_queued' });
    delete item.recovery;
    await d.store.saveOne(item);
    await say(d, a, item, 'remove_not_done', {
      message:
        `AutoArr stopped before it could ${what}: it is still in ${inArr ? `${arr.name}'s queue` : "SABnzbd's queue"}, ` +
        'so nothing was removed and no search was made. This does not count as a recovery attempt; ' +
        'AutoArr judges the download again from this poll.',
    });
    return true;
  }
  let blocked: boolean | undefined;
  try {
    blocked = await onBlocklist(arr, item, a.createdAt);
  } catch {
    return false; // The blocklist could not be read; try again next poll.
  }
  if (blocked) {
    await d.store.finishAction(a.id, 'done', { reconciled: 'blocklisted' });
    await say(d, a, item, 'remove_confirmed', {
      message:
        `AutoArr stopped while it was told to ${what}; ${item.title} is no longer in the queue and ${arr.name}'s ` +
        'blocklist has it, so the removal went through. AutoArr makes the search that should follow now.',
    });
    await d.exec.resumeSearch(item, arr, 'the search after a removal interrupted by a restart');
    return true;
  }
  await d.store.finishAction(a.id, 'not_done', { reconciled: blocked === false ? 'not_blocklisted' : 'unknown' });
  delete item.recovery;
  item.state = 'removed';
  item.goneAt ??= snap.now;
  item.explanation =
    blocked === false
      ? `It left ${arr.name}'s queue, but not through AutoArr's removal (${arr.name} has no blocklist entry for it); AutoArr made no search`
      : `It left ${arr.name}'s queue while AutoArr was stopped; AutoArr cannot read ${arr.name}'s blocklist, so it made no search`;
  await d.store.saveOne(item);
  await say(d, a, item, 'remove_not_done', {
    message:
      `AutoArr stopped while it was told to ${what}. ${item.explanation}. ` +
      `If the ${item.media.kind === 'movie' ? 'movie' : 'episode'} is still missing, search for it in ${arr.name}.`,
  });
  return true;
}

/** True when the *arr blocklisted this release at or after the action; undefined when the port cannot tell. */
async function onBlocklist(arr: ArrPortEntry, item: ItemState, since: number): Promise<boolean | undefined> {
  if (!arr.client.blocklist) return undefined;
  const page = await arr.client.blocklist({ page: 1, pageSize: 50 });
  return page.records.some((b) => {
    const at = b.date ? Date.parse(b.date) : NaN;
    if (b.sourceTitle !== item.title || (Number.isFinite(at) && at < since - SLACK_MS)) return false;
    if (item.media.kind === 'movie') return 'movieId' in b && b.movieId === item.media.movieId;
    const want = new Set(item.media.episodeIds ?? []);
    return 'episodeIds' in b && ids(b.episodeIds).some((id) => want.has(id));
  });
}

async function settleSearch(
  a: PendingAction,
  item: ItemState,
  arr: ArrPortEntry,
  snap: Snapshot,
  d: ReconcileDeps,
): Promise<boolean> {
  const label = item.media.label ?? item.title;
  let cmd: { id?: number; status?: string } | undefined;
  if (arr.client.commands) {
    try {
      const want = item.media.kind === 'movie' ? [item.media.movieId] : (item.media.episodeIds ?? []);
      const name = arr.app === 'radarr' ? 'MoviesSearch' : 'EpisodeSearch';
      cmd = (await arr.client.commands()).find((c) => {
        const body = (c.body ?? {}) as Record<string, unknown>;
        const queued = c.queued ? Date.parse(c.queued) : NaN;
        // The API documents no ids in a command's body; when the app sends them anyway they must match, otherwise
        // the same search queued within seconds of AutoArr's write-ahead is taken as AutoArr's.
        const got = ids(arr.app === 'radarr' ? body.movieIds : body.episodeIds);
        const forIt = got.length ? got.some((id) => want.includes(id)) : Math.abs(queued - a.createdAt) <= SAME_MS;
        return c.name === name && forIt && !(queued < a.createdAt - SLACK_MS);
      });
    } catch {
      return false; // The command list could not be read; try again next poll.
    }
  }
  if (cmd) {
    await d.store.finishAction(a.id, 'done', { reconciled: 'sent', commandId: cmd.id });
    await say(d, a, item, 'search_confirmed', {
      message:
        `AutoArr stopped while it asked ${arr.name} to search for ${label}; ${arr.name} has that search ` +
        `(command ${cmd.id ?? '?'}, ${cmd.status ?? 'status unknown'}), so it is not sent again.`,
    });
    return true;
  }
  const grab = findNewGrab(item, snap, arr.instanceId, item.recovery?.oldDownloadIds ?? [item.id], a.createdAt);
  if (grab) {
    await d.store.finishAction(a.id, 'done', { reconciled: 'grabbed', newDownloadId: grab });
    await say(d, a, item, 'search_confirmed', {
      message: `AutoArr stopped while it asked ${arr.name} to search for ${label}; ${arr.name} has grabbed a new release since, so no search is sent.`,
    });
    return true;
  }
  await d.store.finishAction(a.id, 'not_done', { reconciled: 'not_sent' });
  await say(d, a, item, 'search_not_sent', {
    message:
      `AutoArr stopped before its search for ${label} reached ${arr.name} (${arr.name} has no such search and ` +
      'grabbed nothing new), so it sends the search now. This is the same recovery attempt, not a new one.',
  });
  await d.exec.resumeSearch(item, arr, 'a search interrupted by a restart');
  return true;
}
