// One recorded step of an action: written as pending (actions table + activity log) before the app is called and
// settled as done/failed after, with a process-log line either way. Calls still running when AutoArr stops are
// given up (their row stays pending and reconcile.ts settles it at the next start).
import type { ActivityLog } from '../activity/activity-log.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import type { ItemState } from './model.js';
import type { ActionKind, MonitorStore } from './store.js';

/** Thrown into a call still running when AutoArr stops: its action row stays pending and is settled at start. */
class StoppedError extends Error {
  constructor() {
    super('AutoArr is stopping');
  }
}

export const STOPPED_MESSAGE = 'AutoArr stopped before the app answered; it checks what happened when it starts again';

export interface StepResult {
  ok: boolean;
  error?: string;
  stopped?: boolean;
}

const errText = (err: unknown) => redactText(err instanceof Error ? err.message : String(err));

export class ActionSteps {
  /** Rejecters of the calls in flight, so stop() never waits for a hung app. */
  private readonly inFlight = new Set<(err: Error) => void>();
  private aborted = false;

  constructor(private readonly d: { store: MonitorStore; activity: ActivityLog; log: Logger }) {}

  /** Stops waiting for every call in flight; their action rows stay pending (settled at the next start). */
  abortAll(): void {
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

  async step(
    item: ItemState,
    kind: ActionKind,
    what: string,
    why: string,
    payload: Record<string, unknown>,
    fn: () => Promise<unknown>,
  ): Promise<StepResult> {
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
}
