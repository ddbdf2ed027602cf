// The monitor's durable state in SQLite: items (strikes, recovery, ignore) and recovery actions. Only fields that
// matter after a restart are stored, and only rows that changed are written, so a 1 000-item queue costs a few
// writes per poll, not a thousand.
import type { Db } from '../db/database.js';
import type { ItemState } from './model.js';

const VOLATILE = new Set<keyof ItemState>([
  'lastSeen',
  'bytesLeft',
  'progress',
  'speedBps',
  'etaSeconds',
  'prevBytesLeft',
  'prevPollAt',
  'explanation',
]);

function durable(item: ItemState): string {
  return JSON.stringify(item, (k, v: unknown) => (VOLATILE.has(k as keyof ItemState) ? undefined : v));
}

export type ActionKind = 'remove' | 'search' | 'sab_retry' | 'cleanup' | 'delete';

export interface PendingAction {
  id: number;
  downloadId: string;
  instanceId: string;
  kind: ActionKind;
  payload: Record<string, unknown>;
}

export class MonitorStore {
  private readonly written = new Map<string, string>();

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
        bytesLeft: stored.refBytesLeft,
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
    const changed: Array<{ item: ItemState; data: string }> = [];
    for (const item of items.values()) {
      const data = durable(item);
      if (this.written.get(item.id) !== data) changed.push({ item, data });
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
    for (const { item, data } of changed) this.written.set(item.id, data);
    for (const id of gone) this.written.delete(id);
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

  async beginAction(a: Omit<PendingAction, 'id'>): Promise<number> {
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

  async finishAction(id: number, status: 'done' | 'failed', result: Record<string, unknown>): Promise<void> {
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
    }));
  }

  /** Removals started within the last hour (done, pending or interrupted), for the hourly cap (R23). */
  async removalsSince(since: number): Promise<number> {
    const row = await this.db
      .selectFrom('monitor_action')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', 'in', ['remove', 'delete'])
      .where('status', '!=', 'failed')
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
