// The small stores every feature saves through (switches, the monitor's write-ahead action rows and items) on both
// backends: a real SQLite file and a real PostgreSQL server. Same calls, same answers, same types.
import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/helpers/backends.js';
import type { ItemState } from '../monitor/model.js';
import { MonitorStore } from '../monitor/store.js';
import { KvStore } from './kv.js';

const T0 = Date.parse('2026-12-01T10:00:00Z');

function item(id: string, over: Partial<ItemState> = {}): ItemState {
  return {
    id,
    instanceId: 'sonarr',
    app: 'sonarr',
    title: `Show ${id}`,
    media: { kind: 'episode', episodeIds: [1, 2], label: 'S01E01' },
    protocol: 'usenet',
    tags: ['keep'],
    queueIds: [7],
    state: 'downloading',
    progress: 0.5,
    sizeBytes: 1_000,
    bytesLeft: 500,
    speedBps: 10,
    firstSeen: T0,
    lastSeen: T0,
    addedAt: T0,
    stallSince: T0,
    refBytesLeft: 500,
    strikes: 2,
    explanation: 'downloading',
    ignored: false,
    ...over,
  } as ItemState;
}

describe.each(BACKENDS)('stores (%s)', (kind) => {
  const backend = useBackend(kind);

  it('kv: sets, replaces, reads JSON values back and deletes', async () => {
    const { db } = await backend.open();
    const kv = new KvStore(db);
    expect(await kv.get('dry_run')).toBeUndefined();
    await kv.set('dry_run', true);
    await kv.set('dry_run', { on: false, note: 'ünïcode ✓' });
    expect(await kv.get('dry_run')).toEqual({ on: false, note: 'ünïcode ✓' });
    await kv.delete('dry_run');
    expect(await kv.get('dry_run')).toBeUndefined();
  });

  it('monitor: write-ahead actions survive a restart as interrupted, are counted for the hourly cap, then pruned', async () => {
    const first = await backend.open();
    let now = T0;
    const store = new MonitorStore(first.db, () => now);
    const a = await store.beginAction({ downloadId: 'd1', instanceId: 'sonarr', kind: 'remove', payload: { q: [7] } });
    const b = await store.beginAction({ downloadId: 'd2', instanceId: 'sonarr', kind: 'search', payload: {} });
    const c = await store.beginAction({ downloadId: 'd3', instanceId: 'radarr', kind: 'delete', payload: {} });
    expect(typeof a).toBe('number');
    expect(b).toBeGreaterThan(a);
    await store.finishAction(b, 'done', { ok: true });
    await store.finishAction(c, 'failed', { error: 'Radarr is down' });
    expect(await store.removalsSince(T0 - 1)).toBe(1);
    await first.db.destroy();

    // A restart: the pending removal is found, marked interrupted, and never handed out twice.
    const again = await backend.reopen(first.target);
    now = T0 + 60_000;
    const reopened = new MonitorStore(again.db, () => now);
    const interrupted = await reopened.takeInterrupted();
    expect(interrupted).toEqual([
      { id: a, downloadId: 'd1', instanceId: 'sonarr', kind: 'remove', payload: { q: [7] }, createdAt: T0 },
    ]);
    expect(await reopened.takeInterrupted()).toEqual([]);
    expect(await reopened.removalsSince(T0 - 1)).toBe(1);
    await reopened.pruneActions(T0 + 1);
    expect(await reopened.removalsSince(0)).toBe(0);
  });

  it('monitor: items are saved, changed, deleted and loaded again', async () => {
    const first = await backend.open();
    const store = new MonitorStore(first.db, () => T0);
    const items = new Map([
      ['a', item('a')],
      ['b', item('b')],
    ]);
    expect(await store.save(items)).toBe(2);
    expect(await store.save(items)).toBe(0);
    items.set('a', item('a', { strikes: 3, state: 'stalled' }));
    items.delete('b');
    expect(await store.save(items)).toBe(2);
    await store.saveOne(item('c', { title: 'Quote\'s "title" \\ ✓' }));

    const loaded = await new MonitorStore((await backend.reopen(first.target)).db, () => T0 + 5).loadItems();
    expect([...loaded.keys()].sort()).toEqual(['a', 'c']);
    expect(loaded.get('a')).toMatchObject({ strikes: 3, state: 'stalled', media: { episodeIds: [1, 2] } });
    expect(loaded.get('c')!.title).toBe('Quote\'s "title" \\ ✓');
  });
});
