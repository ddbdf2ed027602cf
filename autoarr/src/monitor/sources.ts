// Reads one poll from every app. An app that fails is marked with its error (the outage guard needs that) and
// never fails the poll. SABnzbd history uses its change counter and *arr history is read incrementally, so big
// histories cost nothing on a quiet tick.
import { redactText } from '../log/redact.js';
import type { ArrGrab, ArrObs, SabHistoryObs, SabObs, Snapshot } from './model.js';
import { grabFrom, radarrRecord, sabHistory, sabObs, sonarrRecord } from './normalize.js';
import type { ArrPortEntry, MonitorPorts } from './ports.js';

/** Newest SABnzbd history jobs read per poll; new failures always land at the top. */
export const SAB_HISTORY_LIMIT = 100;
const GRAB_PAGE_SIZE = 100;
const GRAB_MAX_PAGES = 5;
const GRAB_KEEP_MS = 7 * 24 * 3_600_000;

const message = (err: unknown): string => redactText(err instanceof Error ? err.message : String(err));

export class SnapshotReader {
  private readonly sabHistory = new Map<string, { update?: number; slots: SabHistoryObs[] }>();
  private readonly grabs = new Map<string, ArrGrab>();
  private readonly lastGrabId = new Map<string, number>();
  private readonly lastGrabRead = new Map<string, number>();
  private readonly lookedUp = new Set<string>();

  constructor(private readonly grabRefreshMs: number) {}

  async read(ports: MonitorPorts, now: number): Promise<Snapshot> {
    const [sabs, arrs] = await Promise.all([
      Promise.all(ports.sabs.map((s) => this.readSab(s, now))),
      Promise.all(ports.arrs.map((a) => this.readArr(a))),
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
      return sabObs(s.instanceId, s.name, queue, slots);
    } catch (err) {
      return {
        instanceId: s.instanceId,
        name: s.name,
        error: message(err),
        paused: false,
        speedBps: 0,
        queue: [],
        history: [],
      };
    }
  }

  private async readArr(a: ArrPortEntry): Promise<ArrObs> {
    try {
      const records =
        a.app === 'sonarr'
          ? (await a.client.queueAll()).records.map(sonarrRecord)
          : (await a.client.queueAll()).records.map(radarrRecord);
      return { instanceId: a.instanceId, app: a.app, name: a.name, records };
    } catch (err) {
      return { instanceId: a.instanceId, app: a.app, name: a.name, error: message(err), records: [] };
    }
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
