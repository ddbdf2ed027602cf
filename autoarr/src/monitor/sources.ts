// Reads one poll from every app. An app that fails is marked with its error (the outage guard needs that) and
// never fails the poll. SABnzbd history uses its change counter and *arr history is read incrementally, so big
// histories cost nothing on a quiet tick. *arr tag names change rarely, so they are read at most every 10 minutes
// (sooner, at most once a minute, when a series/movie carries a tag id not seen yet) and only when a queue item has tags.
import { AppError } from '../apps/common/errors.js';
import type { AppPolledEvent } from '../bus/events.js';
import { redactText } from '../log/redact.js';
import type { ArrHistoryEventType } from '../apps/arr/common.js';
import type { ArrGrab, ArrObs, ArrOutcome, SabHistoryObs, SabObs, Snapshot } from './model.js';
import { grabFrom, outcomeFrom, radarrRecord, sabHistory, sabObs, sonarrRecord, type TagNames } from './normalize.js';
import type { ArrPortEntry, MonitorPorts } from './ports.js';

/** Newest SABnzbd history jobs read per poll; new failures always land at the top. */
export const SAB_HISTORY_LIMIT = 100;
const GRAB_PAGE_SIZE = 100;
const GRAB_MAX_PAGES = 5;
const GRAB_KEEP_MS = 7 * 24 * 3_600_000;
export const TAG_REFRESH_MS = 10 * 60_000;
const TAG_UNKNOWN_RETRY_MS = 60_000;

const message = (err: unknown): string => redactText(err instanceof Error ? err.message : String(err));
const failed = (instanceId: string, err: unknown): AppPolledEvent => ({
  instanceId,
  error: { kind: err instanceof AppError ? err.kind : 'other', message: message(err) },
});
/** The client's error kind (auth, bad_response…), so the outage guard can say what is wrong in words. */
const failure = (err: unknown): { error: string; errorKind?: string } =>
  err instanceof AppError ? { error: message(err), errorKind: err.kind } : { error: message(err) };

export class SnapshotReader {
  private readonly sabHistory = new Map<string, { update?: number; slots: SabHistoryObs[] }>();
  private readonly grabs = new Map<string, ArrGrab>();
  private readonly lastGrabId = new Map<string, number>();
  private readonly lastGrabRead = new Map<string, number>();
  private readonly lookedUp = new Set<string>();
  private readonly tagNames = new Map<string, { names: Map<number, string>; readAt: number }>();
  private readonly outcomes = new Map<string, ArrOutcome>();
  private readonly lastOutcomeRead = new Map<string, number>();
  /** Download ids each *arr queue listed at the last poll: one that left means its outcome is read now. */
  private readonly listedBefore = new Map<string, Set<string>>();
  /** *arr instances whose imports/failures could not be read at the last try. */
  private readonly historyUnread = new Set<string>();

  /** `report` hears each app's poll outcome (the monitor puts it on the bus for the app health feature). */
  constructor(
    private readonly grabRefreshMs: number,
    private readonly report: (outcome: AppPolledEvent) => void = () => undefined,
  ) {}

  async read(ports: MonitorPorts, now: number): Promise<Snapshot> {
    const [sabs, arrs] = await Promise.all([
      Promise.all(ports.sabs.map((s) => this.readSab(s, now))),
      Promise.all(ports.arrs.map((a) => this.readArr(a, now))),
    ]);
    // A failed job no *arr queue lists: read *arr history now, once per job, to learn who grabbed it.
    const listed = new Set(arrs.flatMap((a) => a.records.map((r) => r.downloadId)));
    const unknownFailed = sabs
      .flatMap((s) => s.history)
      .some(
        (h) => h.status === 'Failed' && !listed.has(h.nzoId) && !this.grabs.has(h.nzoId) && !this.lookedUp.has(h.nzoId),
      );
    for (const s of sabs) for (const h of s.history) if (h.status === 'Failed') this.lookedUp.add(h.nzoId);
    await Promise.all(ports.arrs.map((a, i) => (arrs[i]?.error ? undefined : this.readGrabs(a, now, unknownFailed))));
    await Promise.all(
      ports.arrs.map((a, i) => {
        const obs = arrs[i];
        if (!obs || obs.error) return undefined;
        const ids = new Set(obs.records.flatMap((r) => (r.downloadId ? [r.downloadId] : [])));
        const before = this.listedBefore.get(a.instanceId);
        this.listedBefore.set(a.instanceId, ids);
        return this.readOutcomes(a, now, before !== undefined && [...before].some((id) => !ids.has(id)));
      }),
    );
    for (const [id, g] of this.grabs) if (now - g.grabbedAt > GRAB_KEEP_MS) this.grabs.delete(id);
    for (const [id, o] of this.outcomes) if (now - o.at > GRAB_KEEP_MS) this.outcomes.delete(id);
    return { now, sabs, arrs, grabs: this.grabs, outcomes: this.outcomes, historyUnread: this.historyUnread };
  }

  private async readSab(s: MonitorPorts['sabs'][number], now: number): Promise<SabObs> {
    try {
      const cached = this.sabHistory.get(s.instanceId);
      const [queue, hist] = await Promise.all([
        s.client.queue({}),
        s.client.history({
          limit: SAB_HISTORY_LIMIT,
          ...(cached?.update !== undefined ? { since: cached.update } : {}),
        }),
      ]);
      let slots = cached?.slots ?? [];
      if (!hist.unchanged) {
        slots = hist.slots.map((h) => sabHistory(h, now));
        this.sabHistory.set(s.instanceId, { update: hist.lastHistoryUpdate, slots });
      }
      const { paused, status, speedBps, speedLimitPercent, sizeLeftBytes, timeLeftSeconds, diskFreeBytes } = queue;
      this.report({
        instanceId: s.instanceId,
        paused,
        // The figures only (not the slots): the stack metrics show them instead of polling SABnzbd themselves.
        queue: {
          paused,
          status,
          speedBps,
          speedLimitPercent,
          sizeLeftBytes,
          timeLeftSeconds,
          diskFreeBytes,
          noOfSlots: queue.noOfSlots,
        },
      });
      return sabObs(s.instanceId, s.name, queue, slots);
    } catch (err) {
      this.report(failed(s.instanceId, err));
      return {
        instanceId: s.instanceId,
        name: s.name,
        ...failure(err),
        paused: false,
        speedBps: 0,
        queue: [],
        history: [],
      };
    }
  }

  private async readArr(a: ArrPortEntry, now: number): Promise<ArrObs> {
    try {
      let records;
      if (a.app === 'sonarr') {
        const raw = (await a.client.queueAll()).records;
        const names = await this.tagsFor(
          a,
          raw.flatMap((r) => r.series?.tags ?? []),
          now,
        );
        records = raw.map((r) => sonarrRecord(r, names));
      } else {
        const raw = (await a.client.queueAll()).records;
        const names = await this.tagsFor(
          a,
          raw.flatMap((r) => r.movie?.tags ?? []),
          now,
        );
        records = raw.map((r) => radarrRecord(r, names));
      }
      this.report({ instanceId: a.instanceId });
      return { instanceId: a.instanceId, app: a.app, name: a.name, records };
    } catch (err) {
      this.report(failed(a.instanceId, err));
      return { instanceId: a.instanceId, app: a.app, name: a.name, ...failure(err), records: [] };
    }
  }

  /** Tag id → label for one *arr, from the cache unless it is stale; a failed read keeps the old names. */
  private async tagsFor(a: ArrPortEntry, ids: number[], now: number): Promise<TagNames> {
    const cached = this.tagNames.get(a.instanceId);
    if (!ids.length || !a.client.tags) return cached?.names ?? new Map();
    const age = cached ? now - cached.readAt : Infinity;
    const unknown = !cached || ids.some((id) => !cached.names.has(id));
    if (cached && age < TAG_REFRESH_MS && !(unknown && age >= TAG_UNKNOWN_RETRY_MS)) return cached.names;
    const entry = { names: cached?.names ?? new Map<number, string>(), readAt: now };
    this.tagNames.set(a.instanceId, entry);
    try {
      const names = new Map<number, string>();
      for (const t of await a.client.tags()) if (typeof t.id === 'number' && t.label) names.set(t.id, t.label);
      entry.names = names;
    } catch {
      // Tags only add protection hints; the queue read already reports the app's health.
    }
    return entry.names;
  }

  /**
   * Imports and failures the *arr recorded (downloadFolderImported, downloadFailed), read like the grabs: new
   * records only, at the grab cadence, and at once when a download left the *arr's queue since the last poll.
   */
  private async readOutcomes(a: ArrPortEntry, now: number, force: boolean): Promise<void> {
    const last = this.lastOutcomeRead.get(a.instanceId);
    if (!force && last !== undefined && now - last < this.grabRefreshMs) return;
    this.lastOutcomeRead.set(a.instanceId, now);
    let ok = true;
    for (const type of ['downloadFolderImported', 'downloadFailed'] as const) {
      ok =
        (await this.readNew(a, type, (h) => {
          const o = outcomeFrom(a.instanceId, h);
          if (o && !this.outcomes.has(o.downloadId)) this.outcomes.set(o.downloadId, o);
        })) && ok;
    }
    if (ok) this.historyUnread.delete(a.instanceId);
    else this.historyUnread.add(a.instanceId);
  }

  /** Reads new "grabbed" history records, newest first, until one already seen (at most a few pages). */
  private async readGrabs(a: ArrPortEntry, now: number, force: boolean): Promise<void> {
    const last = this.lastGrabRead.get(a.instanceId);
    if (!force && last !== undefined && now - last < this.grabRefreshMs) return;
    this.lastGrabRead.set(a.instanceId, now);
    await this.readNew(a, 'grabbed', (h) => {
      const g = grabFrom(a.instanceId, a.app, h);
      if (!g) return;
      const known = this.grabs.get(g.downloadId);
      // A season pack is one grab per episode with the same download id.
      if (known?.media.kind === 'episode' && g.media.kind === 'episode')
        known.media = {
          ...known.media,
          episodeIds: [...new Set([...(known.media.episodeIds ?? []), ...(g.media.episodeIds ?? [])])],
        };
      else this.grabs.set(g.downloadId, g);
    });
  }

  /** History records of one event type newer than the last one seen, newest first (at most a few pages). */
  private async readNew(
    a: ArrPortEntry,
    eventType: ArrHistoryEventType,
    take: (h: Parameters<typeof grabFrom>[2]) => void,
  ): Promise<boolean> {
    const key = `${a.instanceId}:${eventType}`;
    const seen = this.lastGrabId.get(key) ?? 0;
    let newest = seen;
    try {
      for (let page = 1; page <= GRAB_MAX_PAGES; page++) {
        const res = await a.client.history({ page, pageSize: GRAB_PAGE_SIZE, eventType });
        let reachedSeen = false;
        for (const h of res.records) {
          const id = h.id ?? 0;
          if (id <= seen) {
            reachedSeen = true;
            continue;
          }
          newest = Math.max(newest, id);
          take(h);
        }
        if (reachedSeen || res.records.length < GRAB_PAGE_SIZE || seen === 0) break;
      }
      this.lastGrabId.set(key, newest);
      return true;
    } catch {
      // History is a hint; the queue read already reports the app's health.
      return false;
    }
  }
}
