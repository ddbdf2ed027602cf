// Carries out what the rules decided, behind the safety switches (safety-gate.ts). Each call to an app is a recorded
// step (action-steps.ts): pending before it runs, done/failed after. The item's recovery is saved before the first
// call, so a restart in the middle neither repeats a search nor loses the record.
import type { ActivityLog } from '../activity/activity-log.js';
import type { RuntimeValues } from '../core/runtime.js';
import type { Logger } from '../log/logger.js';
import type { MonitorSettings } from '../settings/settings.js';
import { ActionSteps, STOPPED_MESSAGE } from './action-steps.js';
import { noSearchReason } from './decide.js';
import type { ItemState, MonitorEventName } from './model.js';
import { searchFor, type ArrPortEntry, type MonitorPorts } from './ports.js';
import { backoffMs } from './recovery-rules.js';
import { describe, SafetyGate, type ActionDecision } from './safety-gate.js';
import type { MonitorStore } from './store.js';
import { strikeIntervalMs } from './strikes.js';

export { INSTANCE_COOLDOWN_MS, type ActionDecision } from './safety-gate.js';

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

export class Executor {
  private readonly gate: SafetyGate;
  private readonly steps: ActionSteps;
  stopping = false;

  constructor(private readonly d: ExecDeps) {
    this.gate = new SafetyGate(d);
    this.steps = new ActionSteps(d);
  }

  /** Stops waiting for every call in flight; their action rows stay pending (settled at the next start). */
  abortAll(): void {
    this.stopping = true;
    this.steps.abortAll();
  }

  async run(dec: ActionDecision, item: ItemState, ports: MonitorPorts, manual = false): Promise<ExecResult> {
    const none: ExecResult = { ok: false, message: '', events: [] };
    if (this.stopping) return { ...none, message: 'AutoArr is stopping' };
    const blocked = await this.gate.check(dec, item, ports, manual);
    if (blocked) return { ...none, message: `Not done: ${blocked}. It would ${describe(dec, item, ports)}.` };
    const what = describe(dec, item, ports);
    const now = this.d.now();
    const sab = ports.sabs.find((s) => s.instanceId === (item.sabInstanceId ?? item.instanceId));

    if (dec.kind === 'cleanup') {
      if (!sab) return { ...none, message: 'Its SABnzbd is not configured' };
      item.cleaned = true;
      await this.d.store.saveOne(item);
      const r = await this.steps.step(item, 'cleanup', what, dec.reason, { nzoId: item.id }, () =>
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
      const r = await this.steps.step(item, 'sab_retry', what, dec.reason, { nzoId: item.id }, async () => {
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
    // Write ahead, then remove (when it is still queued and the *arr did not already remove and blocklist it) and search.
    const handledBy = dec.handledBy ?? (item.arrOutcome === 'failed' ? arr.name : undefined);
    const queueId = handledBy ? undefined : item.queueIds[0];
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
      ...(handledBy ? { removed: false } : {}),
    };
    item.state = 'recovering';
    await this.d.store.saveOne(item);
    if (queueId !== undefined) {
      if (!manual) this.gate.removed(arr.instanceId, now);
      const removeWhat = `remove ${item.title} from ${arr.name}'s queue and the download client, and blocklist it`;
      const r = await this.steps.step(
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
        this.gate.coolDown(item.id, now + strikeIntervalMs(this.d.settings));
        return { ...none, message: `Failed: ${r.error}` };
      }
    }
    // A removal is always followed by its search, even while stopping (a removed download with no search is worse);
    // if that search hangs, stop() gives up on it and the next start sends it (see reconcile.ts).
    const label = item.media.label ?? item.title;
    const r = handledBy
      ? await this.search(
          item,
          arr,
          `search ${arr.name} again for ${label}`,
          `${handledBy} already removed and blocklisted it (${dec.reason})`,
        )
      : await this.search(item, arr, `search ${arr.name} for ${label}`, dec.reason);
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
    const failed = `${queueId === undefined ? 'The' : 'Removed, but the'} search failed: ${r.error}; AutoArr tries again later`;
    return {
      ok: r.ok,
      message: r.ok ? `Done: ${what}` : failed,
      events: [
        {
          event: 'download.recovering',
          id: item.id,
          reason: handledBy
            ? `${handledBy} already removed and blocklisted it; AutoArr ${r.ok ? 'searched again' : 'could not search again (it tries later)'} for ${label}`
            : `${dec.reason}: ${what}`,
        },
      ],
    };
  }

  private search(item: ItemState, arr: ArrPortEntry, what: string, why: string) {
    return this.steps.step(item, 'search', what, why, { media: item.media }, () => searchFor(arr, item.media));
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
    const what = describe({ kind: 'remove', blocklist }, item, ports);
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
      const r = await this.steps.step(item, 'delete', what, 'asked by a person', { queueId, blocklist }, () =>
        arr.client.removeFromQueue(queueId, { removeFromClient: true, blocklist, skipRedownload: true }),
      );
      if (r.ok) markRemoved(item, `Removed from ${arr.name}'s queue by a person${blocklist ? ' and blocklisted' : ''}`);
      return { ok: r.ok, message: r.ok ? `Done: ${what}` : `Failed: ${r.error}`, events: [] };
    }
    const sab = ports.sabs.find((s) => s.instanceId === (item.sabInstanceId ?? item.instanceId));
    if (!sab)
      return { ok: false, message: `Nothing to remove it from: ${item.instanceId} is not configured`, events: [] };
    const inHistory = item.state === 'failed' || item.state === 'completed' || item.state === 'post_processing';
    const r = await this.steps.step(item, 'delete', what, 'asked by a person', { nzoId: item.id }, () =>
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
