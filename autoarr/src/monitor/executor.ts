// Carries out what the rules decided, behind the safety switches: ignore, protected items, automatic recovery
// off, dry run, the hourly removal cap (R23, R26). Each action is recorded as pending (table + activity log)
// before it runs and as done/failed after, and the item's recovery is saved before the first call, so a restart
// in the middle neither repeats a search nor loses the record.
import type { ActivityLog } from '../activity/activity-log.js';
import type { RuntimeValues } from '../core/runtime.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import type { MonitorSettings } from '../settings/settings.js';
import { noSearchReason } from './decide.js';
import type { Decision, ItemState, MonitorEventName } from './model.js';
import { searchFor, type ArrPortEntry, type MonitorPorts } from './ports.js';
import { backoffMs } from './recovery-rules.js';
import type { ActionKind, MonitorStore } from './store.js';
import { strikeIntervalMs } from './strikes.js';

export type ActionDecision = Extract<Decision, { kind: 'recover' | 'search_again' | 'sab_retry' | 'cleanup' }>;

export interface ExecDeps {
  store: MonitorStore;
  activity: ActivityLog;
  log: Logger;
  runtime: () => Readonly<RuntimeValues>;
  settings: MonitorSettings;
  now: () => number;
}

export interface ExecResult {
  ok: boolean;
  message: string;
  events: Array<{ event: MonitorEventName; id: string; reason: string }>;
}

/** Thrown into a call still running when AutoArr stops: its action row stays pending and is settled at start. */
class StoppedError extends Error {
  constructor() {
    super('AutoArr is stopping');
  }
}

const STOPPED_MESSAGE = 'AutoArr stopped before the app answered; it checks what happened when it starts again';

/** At most one automatic removal per *arr instance in this time (landscape.md R23). */
export const INSTANCE_COOLDOWN_MS = 120_000;

const errText = (err: unknown) => redactText(err instanceof Error ? err.message : String(err));

export class Executor {
  /** The last "not acting because …" note per item, so a blocked recovery is logged once, not every poll. */
  private readonly gateNotes = new Map<string, string>();
  private readonly coolUntil = new Map<string, number>();
  /** Last automatic removal per *arr instance, for the per-instance cooldown (R23). */
  private readonly lastRemoval = new Map<string, number>();
  /** Rejecters of the calls in flight, so stop() never waits for a hung app. */
  private readonly inFlight = new Set<(err: Error) => void>();
  private aborted = false;
  stopping = false;

  constructor(private readonly d: ExecDeps) {}

  /** Stops waiting for every call in flight; their action rows stay pending (settled at the next start). */
  abortAll(): void {
    this.stopping = true;
    this.aborted = true;
    for (const reject of this.inFlight) reject(new StoppedError());
    this.inFlight.clear();
  }

  private abortable<T>(p: Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(new StoppedError());
    let reject!: (err: Error) => void;
    const stop = new Promise<never>((_, r) => (reject = r));
    this.inFlight.add(reject);
    return Promise.race([p, stop]).finally(() => this.inFlight.delete(reject));
  }

  describe(dec: ActionDecision | { kind: 'remove'; blocklist: boolean }, item: ItemState, ports: MonitorPorts): string {
    const arr = ports.arrs.find((a) => a.instanceId === item.instanceId);
    const what = item.media.label ?? item.title;
    switch (dec.kind) {
      case 'recover':
        return `${item.queueIds.length ? `remove ${item.title} from ${arr?.name ?? 'the *arr'}'s queue and the download client, blocklist it, then ` : ''}search ${arr?.name ?? 'the *arr'} for ${what}`;
      case 'search_again':
        return `search ${arr?.name ?? 'the *arr'} again for ${what}`;
      case 'sab_retry':
        return `retry ${item.title} in SABnzbd`;
      case 'cleanup':
        return `delete the failed job ${item.title} and its files from SABnzbd's history`;
      case 'remove':
        return `remove ${item.title}${dec.blocklist ? ' and blocklist it' : ''}`;
    }
  }

  /** Null when the action may run; otherwise why not (and the note is logged once). */
  private async gate(
    dec: ActionDecision,
    item: ItemState,
    ports: MonitorPorts,
    manual: boolean,
  ): Promise<string | null> {
    const now = this.d.now();
    const rt = this.d.runtime();
    let why: string | null = null;
    let dry = false;
    if (!manual && item.ignored) why = 'it is ignored';
    else if (!manual && item.hold) why = item.hold;
    else if (!manual && (this.coolUntil.get(item.id) ?? 0) > now) return 'cooling down after a failed attempt';
    else if (!manual && !rt.autoRecovery) why = 'automatic recovery is switched off';
    else if (rt.dryRun) {
      why = 'dry run is on';
      dry = true;
    } else if (!manual && dec.kind === 'recover' && item.queueIds.length) {
      const n = await this.d.store.removalsSince(now - 3_600_000);
      const last = this.lastRemoval.get(item.instanceId);
      if (n >= this.d.settings.maxRemovalsPerHour)
        why = `the limit of ${this.d.settings.maxRemovalsPerHour} removals per hour is reached (${n} in the last hour)`;
      else if (last !== undefined && now - last < INSTANCE_COOLDOWN_MS)
        why = `${ports.arrs.find((a) => a.instanceId === item.instanceId)?.name ?? item.instanceId} had a removal less than ${INSTANCE_COOLDOWN_MS / 60_000} min ago (cooldown)`;
    }
    if (!why) {
      this.gateNotes.delete(item.id);
      return null;
    }
    const what = this.describe(dec, item, ports);
    const key = `${dec.kind}:${why}`;
    if (this.gateNotes.get(item.id) !== key) {
      this.gateNotes.set(item.id, key);
      await this.d.activity.add({
        kind: 'detect',
        action: dry ? 'dry_run' : 'skipped',
        message: dry
          ? `[dry run] Would ${what} (${dec.reason})`
          : `Not acting on ${item.title}: ${why}. It would ${what}.`,
        downloadId: item.id,
        instanceId: item.instanceId,
        title: item.title,
        evidence: { decision: dec.kind, reason: dec.reason, strikes: item.strikes },
        dryRun: dry,
      });
    }
    return why;
  }

  private async step(
    item: ItemState,
    kind: ActionKind,
    what: string,
    why: string,
    payload: Record<string, unknown>,
    fn: () => Promise<unknown>,
  ): Promise<{ ok: boolean; error?: string; stopped?: boolean }> {
    const base = { downloadId: item.id, instanceId: item.instanceId, title: item.title };
    const actionId = await this.d.store.beginAction({
      downloadId: item.id,
      instanceId: item.instanceId,
      kind,
      payload,
    });
    await this.d.activity.add({
      ...base,
      kind: 'action',
      action: kind,
      message: `Starting: ${what} — ${why}`,
      evidence: payload,
    });
    try {
      const value = await this.abortable(fn());
      const result = { ...(typeof value === 'string' ? { detail: value } : {}) };
      await this.d.store.finishAction(actionId, 'done', result);
      await this.d.activity.add({
        ...base,
        kind: 'result',
        action: kind,
        message: `Done: ${what}`,
        evidence: { ...payload, ...result },
      });
      // The process log carries every action too, for people who read the add-on log rather than the activity page.
      this.d.log.info(`Done: ${what} (why: ${why})`, { downloadId: item.id, instanceId: item.instanceId });
      return { ok: true };
    } catch (err) {
      if (err instanceof StoppedError) {
        // Not failed: it may or may not have reached the app. The pending row is settled at the next start.
        await this.d.activity.add({
          ...base,
          kind: 'result',
          action: `${kind}_stopped`,
          message: `Stopped waiting: ${what} — ${STOPPED_MESSAGE}`,
          evidence: payload,
        });
        this.d.log.info(`Stopped waiting: ${what} — ${STOPPED_MESSAGE}`, {
          downloadId: item.id,
          instanceId: item.instanceId,
        });
        return { ok: false, error: STOPPED_MESSAGE, stopped: true };
      }
      const error = errText(err);
      await this.d.store.finishAction(actionId, 'failed', { error });
      await this.d.activity.add({
        ...base,
        kind: 'result',
        action: `${kind}_failed`,
        message: `Could not ${what}: ${error}`,
        evidence: { ...payload, error },
      });
      this.d.log.warn(`Could not ${what} (why: ${why}): ${error}`, {
        downloadId: item.id,
        instanceId: item.instanceId,
      });
      return { ok: false, error };
    }
  }

  async run(dec: ActionDecision, item: ItemState, ports: MonitorPorts, manual = false): Promise<ExecResult> {
    const none: ExecResult = { ok: false, message: '', events: [] };
    if (this.stopping) return { ...none, message: 'AutoArr is stopping' };
    const blocked = await this.gate(dec, item, ports, manual);
    if (blocked) return { ...none, message: `Not done: ${blocked}. It would ${this.describe(dec, item, ports)}.` };
    const what = this.describe(dec, item, ports);
    const now = this.d.now();
    const sab = ports.sabs.find((s) => s.instanceId === (item.sabInstanceId ?? item.instanceId));

    if (dec.kind === 'cleanup') {
      if (!sab) return { ...none, message: 'Its SABnzbd is not configured' };
      item.cleaned = true;
      await this.d.store.saveOne(item);
      const r = await this.step(item, 'cleanup', what, dec.reason, { nzoId: item.id }, () =>
        sab.client.deleteHistory(item.id, { deleteFiles: true }),
      );
      return { ok: r.ok, message: r.ok ? `Done: ${what}` : `Failed: ${r.error}`, events: [] };
    }

    if (dec.kind === 'sab_retry') {
      if (!sab) return { ...none, message: 'Its SABnzbd is not configured' };
      item.sabRetried = true;
      item.recovery = {
        mode: 'sab_retry',
        phase: 'watching',
        attempts: 1,
        startedAt: now,
        lastAttemptAt: now,
        nextAttemptAt: now,
        reason: dec.reason,
        oldDownloadIds: [item.id],
      };
      item.state = 'recovering';
      await this.d.store.saveOne(item);
      let newId = item.id;
      const r = await this.step(item, 'sab_retry', what, dec.reason, { nzoId: item.id }, async () => {
        newId = await sab.client.retry(item.id);
        return newId === item.id ? undefined : `new job ${newId}`;
      });
      if (!r.ok) {
        item.state = 'failed';
        item.recovery = { ...item.recovery, phase: 'gave_up' };
        return {
          ok: false,
          message: `Failed: ${r.error}`,
          events: [{ event: 'download.gave_up', id: item.id, reason: `SABnzbd could not retry it: ${r.error}` }],
        };
      }
      if (newId !== item.id) item.recovery.newDownloadId = newId;
      return {
        ok: true,
        message: `Done: ${what}`,
        events: [{ event: 'download.recovering', id: item.id, reason: `Retrying ${item.title} in SABnzbd once` }],
      };
    }

    const arr = ports.arrs.find((a) => a.instanceId === (item.recovery?.arrInstanceId ?? item.instanceId));
    if (!arr) return { ...none, message: `No Sonarr/Radarr instance "${item.instanceId}" is configured` };

    if (dec.kind === 'search_again') {
      const rec = item.recovery;
      if (!rec) return { ...none, message: 'No recovery is running for it' };
      rec.attempts++;
      rec.lastAttemptAt = now;
      rec.nextAttemptAt = now + backoffMs(this.d.settings, rec.attempts);
      await this.d.store.saveOne(item);
      const r = await this.search(
        item,
        arr,
        `${what} (search ${rec.attempts} of ${this.d.settings.maxRecoveryAttempts})`,
        dec.reason,
      );
      return { ok: r.ok, message: r.ok ? `Done: ${what}` : `Failed: ${r.error}`, events: [] };
    }

    // recover: never remove what no search could follow (issue 17.1), not even when a person asks for a retry.
    const noSearch = noSearchReason(item, ports.arrs);
    if (noSearch) return { ...none, message: `Not done: ${noSearch}` };
    // Write ahead, then remove (when it is still queued) and search.
    const before = { state: item.state, recovery: item.recovery };
    item.recovery = {
      mode: 'arr',
      arrInstanceId: arr.instanceId,
      arrApp: arr.app,
      phase: 'watching',
      attempts: 1,
      startedAt: now,
      lastAttemptAt: now,
      nextAttemptAt: now + backoffMs(this.d.settings, 1),
      reason: dec.reason,
      oldDownloadIds: [item.id],
    };
    item.state = 'recovering';
    await this.d.store.saveOne(item);
    const queueId = item.queueIds[0];
    if (queueId !== undefined) {
      if (!manual) this.lastRemoval.set(arr.instanceId, now);
      const removeWhat = `remove ${item.title} from ${arr.name}'s queue and the download client, and blocklist it`;
      const r = await this.step(
        item,
        'remove',
        removeWhat,
        dec.reason,
        { queueId, removeFromClient: true, blocklist: true },
        () => arr.client.removeFromQueue(queueId, { removeFromClient: true, blocklist: true, skipRedownload: true }),
      );
      if (r.stopped) return { ...none, message: r.error ?? STOPPED_MESSAGE };
      if (!r.ok) {
        item.state = before.state;
        item.recovery = before.recovery;
        await this.d.store.saveOne(item);
        this.coolUntil.set(item.id, now + strikeIntervalMs(this.d.settings));
        return { ...none, message: `Failed: ${r.error}` };
      }
    }
    // A removal is always followed by its search, even while stopping (a removed download with no search is worse);
    // if that search hangs, stop() gives up on it and the next start sends it (see reconcile.ts).
    const r = await this.search(item, arr, `search ${arr.name} for ${item.media.label ?? item.title}`, dec.reason);
    if (r.stopped) return { ...none, message: r.error ?? STOPPED_MESSAGE };
    if (
      item.failMessage &&
      item.sabInstanceId &&
      queueId === undefined &&
      this.d.settings.cleanupFailedJobs &&
      !item.cleaned &&
      sab
    ) {
      await this.run({ kind: 'cleanup', id: item.id, reason: 'a replacement search was started' }, item, ports, manual);
    }
    return {
      ok: r.ok,
      message: r.ok ? `Done: ${what}` : `Removed, but the search failed: ${r.error}; AutoArr tries again later`,
      events: [{ event: 'download.recovering', id: item.id, reason: `${dec.reason}: ${what}` }],
    };
  }

  private search(item: ItemState, arr: ArrPortEntry, what: string, why: string) {
    return this.step(item, 'search', what, why, { media: item.media }, () => searchFor(arr, item.media));
  }

  /**
   * The search of a recovery that was interrupted before it reached the *arr, sent now (after a restart). It is the
   * same attempt, so the count does not change; the wait for a new grab starts now.
   */
  async resumeSearch(item: ItemState, arr: ArrPortEntry, why: string): Promise<{ ok: boolean; error?: string }> {
    const rec = item.recovery;
    const now = this.d.now();
    if (rec) {
      rec.lastAttemptAt = now;
      rec.nextAttemptAt = now + backoffMs(this.d.settings, rec.attempts);
    }
    await this.d.store.saveOne(item);
    return this.search(item, arr, `search ${arr.name} for ${item.media.label ?? item.title}`, why);
  }

  /** download.remove: a person removes it (optionally blocklisting); never automatic. */
  async remove(item: ItemState, ports: MonitorPorts, blocklist: boolean): Promise<ExecResult> {
    const what = this.describe({ kind: 'remove', blocklist }, item, ports);
    if (this.d.runtime().dryRun) {
      await this.d.activity.add({
        kind: 'detect',
        action: 'dry_run',
        message: `[dry run] Would ${what}`,
        downloadId: item.id,
        instanceId: item.instanceId,
        title: item.title,
        dryRun: true,
      });
      return { ok: false, message: `Not done: dry run is on. It would ${what}.`, events: [] };
    }
    const arr = ports.arrs.find((a) => a.instanceId === item.instanceId);
    const queueId = item.queueIds[0];
    if (arr && queueId !== undefined) {
      const r = await this.step(item, 'delete', what, 'asked by a person', { queueId, blocklist }, () =>
        arr.client.removeFromQueue(queueId, { removeFromClient: true, blocklist, skipRedownload: true }),
      );
      if (r.ok) markRemoved(item, `Removed from ${arr.name}'s queue by a person${blocklist ? ' and blocklisted' : ''}`);
      return { ok: r.ok, message: r.ok ? `Done: ${what}` : `Failed: ${r.error}`, events: [] };
    }
    const sab = ports.sabs.find((s) => s.instanceId === (item.sabInstanceId ?? item.instanceId));
    if (!sab)
      return { ok: false, message: `Nothing to remove it from: ${item.instanceId} is not configured`, events: [] };
    const inHistory = item.state === 'failed' || item.state === 'completed' || item.state === 'post_processing';
    const r = await this.step(item, 'delete', what, 'asked by a person', { nzoId: item.id }, () =>
      inHistory
        ? sab.client.deleteHistory(item.id, { deleteFiles: true })
        : sab.client.deleteJob(item.id, { deleteFiles: true }),
    );
    if (r.ok) markRemoved(item, `Removed from ${sab.name} by a person`);
    return { ok: r.ok, message: r.ok ? `Done: ${what}` : `Failed: ${r.error}`, events: [] };
  }
}

/** A person's removal: the item is shown as removed (not completed) until it drops out of the view. */
function markRemoved(item: ItemState, explanation: string): void {
  item.state = 'removed';
  item.speedBps = 0;
  item.explanation = explanation;
}
