// The monitor's durable state in SQLite: items (strikes, recovery, ignore) and recovery actions. Only fields that
// matter after a restart are stored, and only rows that changed are written, so a 1 000-item queue costs a few
// writes per poll, not a thousand.
import type { Db } from '../db/database.js';
import type { ItemState } from './model.js';

/**
 * The fields that matter after a restart. Left out: what the next poll measures again (bytes left, speed,
 * explanation), and the strike clock, which restarts at the first poll after a restart anyway (a baseline, R6) —
 * storing it would rewrite every queued item on every poll.
 */
function durable(item: ItemState): string {
  const {
    lastSeen: _lastSeen,
    bytesLeft: _bytesLeft,
    progress: _progress,
    speedBps: _speedBps,
    etaSeconds: _etaSeconds,
    prevBytesLeft: _prevBytesLeft,
    prevPollAt: _prevPollAt,
    explanation: _explanation,
    stallSince: _stallSince,
    refBytesLeft: _refBytesLeft,
    jobBytesLeft: _jobBytesLeft,
    dueSince: _dueSince,
    ...kept
  } = item;
  return JSON.stringify(kept);
}

/** A cheap key over the durable fields; the JSON is only built when it changed. */
function quickKey(i: ItemState): string {
  const r = i.recovery;
  return [
    i.state,
    i.instanceId,
    i.app,
    i.sabInstanceId,
    i.title,
    i.media.kind,
    i.media.movieId,
    i.media.episodeIds?.join(','),
    i.media.label,
    i.protocol,
    i.downloadClient,
    i.category,
    i.tags.join(','),
    i.queueIds.join(','),
    i.addedAt,
    i.lastProgressAt,
    i.strikes,
    i.lastStrikeAt,
    i.strikeReason,
    i.ignored,
    i.hold,
    i.failMessage,
    i.failedAt,
    i.cleaned,
    i.sabRetried,
    i.goneAt,
    i.returns,
    i.replacement,
    i.arrOutcome,
    r
      ? `${r.phase}/${r.attempts}/${r.lastAttemptAt}/${r.nextAttemptAt}/${r.newDownloadId}/${r.oldDownloadIds.join(',')}`
      : '',
  ].join('|');
}

export type ActionKind = 'remove' | 'search' | 'sab_retry' | 'cleanup' | 'delete';

export interface PendingAction {
  id: number;
  downloadId: string;
  instanceId: string;
  kind: ActionKind;
  payload: Record<string, unknown>;
  /** Epoch ms when it was written ahead. */
  createdAt: number;
}

/**
 * An action row's status: pending (written ahead), done, failed, interrupted (AutoArr stopped during it, not yet
 * settled), not_done (settled after a restart: it never reached the app, so it counts for nothing).
 */
export type ActionStatus = 'pending' | 'done' | 'failed' | 'interrupted' | 'not_done';

export class MonitorStore {
  private readonly written = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async loadItems(): Promise<Map<string, ItemState>> {
    const rows = await this.db.selectFrom('monitor_item').selectAll().execute();
    const items = new Map<string, ItemState>();
    for (const r of rows) {
      const stored = JSON.parse(r.data) as ItemState;
      const item: ItemState = {
        ...stored,
        lastSeen: stored.lastSeen ?? stored.firstSeen,
        bytesLeft: 0,
        refBytesLeft: 0,
        stallSince: this.now(),
        progress: 0,
        speedBps: 0,
        explanation: 'Known from before the restart; waiting for the first poll',
      };
      items.set(r.id, item);
      this.written.set(r.id, r.data);
    }
    return items;
  }

  /** Writes the items that changed since the last save and deletes the ones no longer kept. */
  async save(items: ReadonlyMap<string, ItemState>): Promise<number> {
    const changed: Array<{ item: ItemState; data: string; key: string }> = [];
    for (const item of items.values()) {
      const key = quickKey(item);
      if (this.keys.get(item.id) === key) continue;
      const data = durable(item);
      if (this.written.get(item.id) !== data) changed.push({ item, data, key });
      else this.keys.set(item.id, key);
    }
    const gone = [...this.written.keys()].filter((id) => !items.has(id));
    if (!changed.length && !gone.length) return 0;
    const at = new Date(this.now()).toISOString();
    await this.db.transaction().execute(async (tx) => {
      for (const { item, data } of changed) {
        await tx
          .insertInto('monitor_item')
          .values({ id: item.id, instance_id: item.instanceId, state: item.state, data, updated_at: at })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({ instance_id: item.instanceId, state: item.state, data, updated_at: at }),
          )
          .execute();
      }
      if (gone.length) await tx.deleteFrom('monitor_item').where('id', 'in', gone).execute();
    });
    for (const { item, data, key } of changed) {
      this.written.set(item.id, data);
      this.keys.set(item.id, key);
    }
    for (const id of gone) {
      this.written.delete(id);
      this.keys.delete(id);
    }
    return changed.length + gone.length;
  }

  /** Saves one item now (before an action runs), so a restart knows the recovery had started. */
  async saveOne(item: ItemState): Promise<void> {
    const data = durable(item);
    const at = new Date(this.now()).toISOString();
    await this.db
      .insertInto('monitor_item')
      .values({ id: item.id, instance_id: item.instanceId, state: item.state, data, updated_at: at })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ instance_id: item.instanceId, state: item.state, data, updated_at: at }),
      )
      .execute();
    this.written.set(item.id, data);
  }

  async beginAction(a: Omit<PendingAction, 'id' | 'createdAt'>): Promise<number> {
    const at = new Date(this.now()).toISOString();
    const row = await this.db
      .insertInto('monitor_action')
      .values({
        download_id: a.downloadId,
        instance_id: a.instanceId,
        kind: a.kind,
        status: 'pending',
        created_at: at,
        updated_at: at,
        payload: JSON.stringify(a.payload),
        result: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finishAction(
    id: number,
    status: Exclude<ActionStatus, 'pending'>,
    result: Record<string, unknown>,
  ): Promise<void> {
    await this.db
      .updateTable('monitor_action')
      .set({ status, result: JSON.stringify(result), updated_at: new Date(this.now()).toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Actions that were pending when AutoArr stopped; marked interrupted so they are never repeated blindly. */
  async takeInterrupted(): Promise<PendingAction[]> {
    const rows = await this.db.selectFrom('monitor_action').selectAll().where('status', '=', 'pending').execute();
    if (!rows.length) return [];
    await this.db
      .updateTable('monitor_action')
      .set({ status: 'interrupted', updated_at: new Date(this.now()).toISOString() })
      .where('status', '=', 'pending')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      downloadId: r.download_id,
      instanceId: r.instance_id,
      kind: r.kind as ActionKind,
      payload: r.payload ? (JSON.parse(r.payload) as Record<string, unknown>) : {},
      createdAt: Date.parse(r.created_at),
    }));
  }

  /** Removals started within the last hour (done, pending or interrupted, not the ones that never ran), for the hourly cap (R23). */
  async removalsSince(since: number): Promise<number> {
    const row = await this.db
      .selectFrom('monitor_action')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', 'in', ['remove', 'delete'])
      .where('status', 'not in', ['failed', 'not_done'])
      .where('created_at', '>=', new Date(since).toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Forgets finished action rows older than the cutoff. */
  async pruneActions(before: number): Promise<void> {
    await this.db
      .deleteFrom('monitor_action')
      .where('status', '!=', 'pending')
      .where('created_at', '<', new Date(before).toISOString())
      .execute();
  }
}
