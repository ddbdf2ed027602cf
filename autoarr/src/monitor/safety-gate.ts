// The safety switches in front of every automatic action (R23, R26): ignore, protected items, automatic recovery
// off, dry run, a cooldown after a failed attempt, the hourly removal cap and the per-instance cooldown. A blocked
// action is written to the activity log once per reason, not at every poll.
import type { ActivityLog } from '../activity/activity-log.js';
import type { RuntimeValues } from '../core/runtime.js';
import type { MonitorSettings } from '../settings/settings.js';
import { mediaName } from './explain.js';
import type { Decision, ItemState } from './model.js';
import type { MonitorPorts } from './ports.js';
import type { MonitorStore } from './store.js';

export type ActionDecision = Extract<Decision, { kind: 'recover' | 'search_again' | 'sab_retry' | 'cleanup' }>;

/** At most one automatic removal per *arr instance in this time (landscape.md R23). */
export const INSTANCE_COOLDOWN_MS = 120_000;

/** What an action would do, in words (for the activity log, dry run and "not acting" notes). */
export function describe(
  dec: ActionDecision | { kind: 'remove'; blocklist: boolean },
  item: ItemState,
  ports: MonitorPorts,
): string {
  const arr = ports.arrs.find((a) => a.instanceId === item.instanceId);
  const what = item.media.label ?? item.title;
  switch (dec.kind) {
    case 'recover':
      if (dec.handledBy || item.arrOutcome === 'failed')
        return `search ${arr?.name ?? 'the *arr'} again for ${what} (${dec.handledBy ?? arr?.name ?? 'the *arr'} already removed and blocklisted it)`;
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

export interface GateDeps {
  store: MonitorStore;
  activity: ActivityLog;
  runtime: () => Readonly<RuntimeValues>;
  settings: MonitorSettings;
  now: () => number;
}

export class SafetyGate {
  /** The last "not acting because …" note per item, so a blocked recovery is logged once, not every poll. */
  private readonly notes = new Map<string, string>();
  private readonly coolUntil = new Map<string, number>();
  /** Last automatic removal per *arr instance, for the per-instance cooldown (R23). */
  private readonly lastRemoval = new Map<string, number>();

  constructor(private readonly d: GateDeps) {}

  /** An automatic removal was sent to this *arr instance now. */
  removed(instanceId: string, at: number): void {
    this.lastRemoval.set(instanceId, at);
  }

  /** A failed attempt: no automatic action on this item until `until`. */
  coolDown(id: string, until: number): void {
    this.coolUntil.set(id, until);
  }

  /** Null when the action may run; otherwise why not (and the note is logged once). */
  async check(dec: ActionDecision, item: ItemState, ports: MonitorPorts, manual: boolean): Promise<string | null> {
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
    } else if (!manual && dec.kind === 'recover' && item.queueIds.length && !dec.handledBy) {
      const n = await this.d.store.removalsSince(now - 3_600_000);
      const last = this.lastRemoval.get(item.instanceId);
      if (n >= this.d.settings.maxRemovalsPerHour)
        why = `the limit of ${this.d.settings.maxRemovalsPerHour} removals per hour is reached (${n} in the last hour)`;
      else if (last !== undefined && now - last < INSTANCE_COOLDOWN_MS)
        why = `${ports.arrs.find((a) => a.instanceId === item.instanceId)?.name ?? item.instanceId} had a removal less than ${INSTANCE_COOLDOWN_MS / 60_000} min ago (cooldown)`;
    }
    if (!why) {
      this.notes.delete(item.id);
      return null;
    }
    const what = describe(dec, item, ports);
    const key = `${dec.kind}:${why}`;
    if (this.notes.get(item.id) !== key) {
      this.notes.set(item.id, key);
      await this.d.activity.add({
        kind: 'detect',
        action: dry ? 'dry_run' : 'skipped',
        message: dry
          ? `[dry run] Would ${what} (${dec.reason})`
          : `Not acting on ${mediaName(item)}: ${why}. It would ${what}.`,
        downloadId: item.id,
        instanceId: item.instanceId,
        title: item.title,
        evidence: { decision: dec.kind, reason: dec.reason, strikes: item.strikes },
        dryRun: dry,
      });
    }
    return why;
  }
}
