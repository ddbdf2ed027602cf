// Reads one poll from every app. An app that fails is marked with its error (the outage guard needs that) and
// never fails the poll. SABnzbd history uses its change counter and *arr history is read incrementally, so big
// histories cost nothing on a quiet tick. *arr tag names change rarely, so they are read at most every 10 minutes
// (sooner, at most once a minute, when a series/movie carries a tag id not seen yet) and only when a queue item has tags.
import { AppError } from '../apps/common/errors.js';
import type { AppPolledEvent } from '../bus/events.js';
import { redactText } from '../log/redact.js';
import type { ArrGrab, ArrObs, SabHistoryObs, SabObs, Snapshot } from './model.js';
import { grabFrom, radarrRecord, sabHistory, sabObs, sonarrRecord, type TagNames } from './normalize.js';
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
    for (const [id, g] of this.grabs) if (now - g.grabbedAt > GRAB_KEEP_MS) this.grabs.delete(id);
    return { now, sabs, arrs, grabs: this.grabs };
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
      this.report({ instanceId: s.instanceId, paused: queue.paused });
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

  /** Reads new "grabbed" history records, newest first, until one already seen (at most a few pages). */
  private async readGrabs(a: ArrPortEntry, now: number, force: boolean): Promise<void> {
    const last = this.lastGrabRead.get(a.instanceId);
    if (!force && last !== undefined && now - last < this.grabRefreshMs) return;
    this.lastGrabRead.set(a.instanceId, now);
    const seen = this.lastGrabId.get(a.instanceId) ?? 0;
    let newest = seen;
    try {
      for (let page = 1; page <= GRAB_MAX_PAGES; page++) {
        const res = await a.client.history({ page, pageSize: GRAB_PAGE_SIZE, eventType: 'grabbed' });
        let reachedSeen = false;
        for (const h of res.records) {
          const id = h.id ?? 0;
          if (id <= seen) {
            reachedSeen = true;
            continue;
          }
          newest = Math.max(newest, id);
          const g = grabFrom(a.instanceId, a.app, h);
          if (!g) continue;
          const known = this.grabs.get(g.downloadId);
          // A season pack is one grab per episode with the same download id.
          if (known?.media.kind === 'episode' && g.media.kind === 'episode')
            known.media = {
              ...known.media,
              episodeIds: [...new Set([...(known.media.episodeIds ?? []), ...(g.media.episodeIds ?? [])])],
            };
          else this.grabs.set(g.downloadId, g);
        }
        if (reachedSeen || res.records.length < GRAB_PAGE_SIZE || seen === 0) break;
      }
      this.lastGrabId.set(a.instanceId, newest);
    } catch {
      // History is a hint; the queue read already reports the app's health.
    }
  }
}
