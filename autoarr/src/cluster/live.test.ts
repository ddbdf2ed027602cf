// Live updates between replicas through a real PostgreSQL server's LISTEN/NOTIFY: events reach the other replicas'
// streams only (never their own bus), large ones arrive as "changed", and the downloads list is re-read, not sent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventBus } from '../bus/bus.js';
import type { BusEventName } from '../bus/events.js';
import { memoryLogger } from '../log/logger.js';
import { startPostgres, type Postgres } from '../../test/helpers/postgres.js';
import { liveFanout, type LiveFanout } from './live.js';
import { pgLiveTransport } from './pg-live.js';

const EVENTS: BusEventName[] = ['downloads.updated', 'activity.added', 'settings.changed'];
let server: Postgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

it("a leader's events reach a follower's stream; large ones as changed; the downloads are re-read", async () => {
  const url = await server.createDatabase();
  const log = memoryLogger('error');
  const make = (replica: string, leader: boolean) => {
    const bus = new EventBus(log);
    const own: string[] = [];
    for (const e of EVENTS) bus.on(e, () => void own.push(e));
    let reloads = 0;
    const fan = liveFanout({
      transport: pgLiveTransport({ url, where: 'test', retryMs: 100, log }),
      replica,
      bus,
      events: EVENTS,
      isLeader: () => leader,
      reloadDownloads: async () => void reloads++,
      log,
    });
    const seen: Array<{ event: string; payload: unknown }> = [];
    for (const e of EVENTS) fan.remote.on(e, (payload) => void seen.push({ event: e, payload }));
    return { bus, own, seen, fan, reloads: () => reloads };
  };
  const a = make('leader:1', true);
  const b = make('follower:2', false);
  const all: LiveFanout[] = [a.fan, b.fan];
  try {
    for (const f of all) await f.start();
    a.bus.emit('activity.added', { id: 7, kind: 'action', action: 'remove', message: 'Removed The Bear' });
    const first = await until('the event on the follower', () => b.seen[0]);
    expect(first).toEqual({
      event: 'activity.added',
      payload: { id: 7, kind: 'action', action: 'remove', message: 'Removed The Bear' },
    });
    // Too large for a notification: the follower hears that it changed.
    a.bus.emit('settings.changed', { key: 'protectedTags', value: 'x'.repeat(9_000) });
    await until('the changed ping', () => (b.seen.length === 2 ? true : undefined));
    expect(b.seen[1]).toEqual({ event: 'settings.changed', payload: { changed: true } });
    // The downloads are never sent: the follower re-reads them from the database.
    a.bus.emit('downloads.updated', { downloads: [] });
    await until('the follower to re-read the downloads', () => (b.reloads() === 1 ? true : undefined));
    // A follower's own events go to the leader; its downloads list is only an echo of the leader's and stays home.
    b.bus.emit('downloads.updated', { downloads: [] });
    b.bus.emit('settings.changed', { key: 'dryRun', value: true });
    await until('the leader to hear the follower', () => a.seen[0]);
    expect(a.seen).toEqual([{ event: 'settings.changed', payload: { key: 'dryRun', value: true } }]);
    expect(a.reloads()).toBe(0);
    // Nobody hears itself, and received events never enter a replica's own bus (where MQTT or HA would act again).
    expect(b.seen.map((s) => s.event)).toEqual(['activity.added', 'settings.changed']);
    expect(b.own).toEqual(['downloads.updated', 'settings.changed']);
    expect(a.own).toEqual(['activity.added', 'settings.changed', 'downloads.updated']);
  } finally {
    for (const f of all) await f.stop();
  }
});

it('keeps listening after the server ends its session', async () => {
  const url = await server.createDatabase();
  const log = memoryLogger('error');
  const sender = new EventBus(log);
  const receiver = new EventBus(log);
  const common = { events: EVENTS, reloadDownloads: async () => undefined, log };
  const transport = () => pgLiveTransport({ url, where: 'test', retryMs: 100, log });
  const a = liveFanout({ ...common, transport: transport(), replica: 'a', bus: sender, isLeader: () => true });
  const b = liveFanout({ ...common, transport: transport(), replica: 'b', bus: receiver, isLeader: () => false });
  const seen: unknown[] = [];
  b.remote.on('activity.added', (p) => void seen.push(p));
  await a.start();
  await b.start();
  try {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    await admin.end();
    // Both replicas reconnect on their own; an event sent afterwards arrives.
    await until(
      'an event after reconnecting',
      () => {
        if (seen.length) return true;
        sender.emit('activity.added', { id: 1, kind: 'system', action: 'x', message: 'after' });
        return undefined;
      },
      10_000,
    );
    expect(seen[0]).toEqual({ id: 1, kind: 'system', action: 'x', message: 'after' });
  } finally {
    await a.stop();
    await b.stop();
  }
});

it("another replica's settings.changed makes this one re-read its switches instead of streaming the other's", async () => {
  const url = await server.createDatabase();
  const log = memoryLogger('error');
  const common = { events: EVENTS, reloadDownloads: async () => undefined, log };
  const transport = () => pgLiveTransport({ url, where: 'test', retryMs: 100, log });
  const follower = new EventBus(log);
  let rereads = 0;
  const a = liveFanout({ ...common, transport: transport(), replica: 'a', bus: follower, isLeader: () => false });
  const b = liveFanout({
    ...common,
    transport: transport(),
    replica: 'b',
    bus: new EventBus(log),
    isLeader: () => true,
    settingsChanged: async () => void rereads++,
  });
  const streamed: unknown[] = [];
  b.remote.on('settings.changed', (p) => void streamed.push(p));
  await a.start();
  await b.start();
  try {
    follower.emit('settings.changed', { key: 'autoRecovery', value: false });
    await until('the leader to re-read', () => (rereads === 1 ? true : undefined));
    // Its own settings.changed (from the re-read) is what its stream shows, so the other's is not streamed too.
    expect(streamed).toEqual([]);
  } finally {
    await a.stop();
    await b.stop();
  }
});
