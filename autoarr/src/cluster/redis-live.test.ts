// Live updates between replicas through a real redis-server (REDIS_URL): events reach the other replicas' streams only,
// events too large for a PostgreSQL notification still arrive whole, the downloads are re-read, and a Redis restart
// is survived (health names Redis while it is down, never its password).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventBus } from '../bus/bus.js';
import type { BusEventName } from '../bus/events.js';
import { memoryLogger } from '../log/logger.js';
import { registerSecret } from '../log/redact.js';
import { startRedis, type Redis } from '../../test/helpers/redis.js';
import { liveFanout, type LiveFanout } from './live.js';
import { redisTargetFrom } from './redis-target.js';
import { redisLiveTransport } from './redis-live.js';

const EVENTS: BusEventName[] = ['downloads.updated', 'activity.added', 'settings.changed'];
let server: Redis;
beforeAll(async () => {
  server = await startRedis();
  registerSecret(server.password); // as loadSettings does for REDIS_URL
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

function replica(replica: string, leader: boolean, log = memoryLogger('info')) {
  const target = redisTargetFrom(server.url);
  if (!('target' in target)) throw new Error(target.problem);
  const bus = new EventBus(log);
  const own: string[] = [];
  for (const e of EVENTS) bus.on(e, () => void own.push(e));
  let reloads = 0;
  const transport = redisLiveTransport({ url: target.target.url, shown: target.target.shown, retryMs: 100, log });
  const fan = liveFanout({
    transport,
    replica,
    bus,
    events: EVENTS,
    isLeader: () => leader,
    reloadDownloads: async () => void reloads++,
    log,
  });
  const seen: Array<{ event: string; payload: unknown }> = [];
  for (const e of EVENTS) fan.remote.on(e, (payload) => void seen.push({ event: e, payload }));
  return { bus, own, seen, fan, log, reloads: () => reloads };
}

it("a leader's events reach a follower's stream through Redis; the downloads are re-read", async () => {
  const a = replica('leader:1', true);
  const b = replica('follower:2', false);
  const all: LiveFanout[] = [a.fan, b.fan];
  try {
    for (const f of all) await f.start();
    expect(a.fan.problem()).toBeUndefined();
    a.bus.emit('activity.added', { id: 7, kind: 'action', action: 'remove', message: 'Removed The Bear' });
    expect(await until('the event on the follower', () => b.seen[0])).toEqual({
      event: 'activity.added',
      payload: { id: 7, kind: 'action', action: 'remove', message: 'Removed The Bear' },
    });
    // Beyond PostgreSQL's 8000-byte notification limit, Redis still carries the whole event.
    const big = 'x'.repeat(9_000);
    a.bus.emit('settings.changed', { key: 'protectedTags', value: big });
    await until('the large event', () => (b.seen.length === 2 ? true : undefined));
    expect(b.seen[1]).toEqual({ event: 'settings.changed', payload: { key: 'protectedTags', value: big } });
    // The downloads are never sent: the follower re-reads them from the database.
    a.bus.emit('downloads.updated', { downloads: [] });
    await until('the follower to re-read the downloads', () => (b.reloads() === 1 ? true : undefined));
    // A follower's events reach the leader; its downloads list is only an echo of the leader's and stays home.
    b.bus.emit('downloads.updated', { downloads: [] });
    b.bus.emit('settings.changed', { key: 'dryRun', value: true });
    await until('the leader to hear the follower', () => a.seen[0]);
    expect(a.seen).toEqual([{ event: 'settings.changed', payload: { key: 'dryRun', value: true } }]);
    expect(a.reloads()).toBe(0);
    // Nobody hears itself, and received events never enter a replica's own bus.
    expect(b.seen.map((s) => s.event)).toEqual(['activity.added', 'settings.changed']);
    expect(b.own).toEqual(['downloads.updated', 'settings.changed']);
  } finally {
    for (const f of all) await f.stop();
  }
});

it('reports Redis in health while it is down and resumes after a restart', async () => {
  const a = replica('a', true);
  const b = replica('b', false);
  try {
    await a.fan.start();
    await b.fan.start();
    await server.stop();
    const problem = await until('the health problem', () => b.fan.problem());
    expect(problem.source).toBe('redis');
    expect(problem.message).toContain(`127.0.0.1:${server.port}`);
    expect(problem.message).toContain('Check that Redis runs and that REDIS_URL points at it');
    expect(problem.message).not.toContain(server.password);
    // Sending while Redis is down neither throws nor queues.
    a.bus.emit('activity.added', { id: 1, kind: 'system', action: 'x', message: 'while down' });
    await server.start();
    await until('both connections back', () => (!a.fan.problem() && !b.fan.problem() ? true : undefined), 10_000);
    // Subscribed again on its own: an event sent afterwards arrives, the one sent while down does not.
    a.bus.emit('activity.added', { id: 2, kind: 'system', action: 'x', message: 'after' });
    await until('an event after the restart', () => b.seen[0], 10_000);
    expect(b.seen).toEqual([
      { event: 'activity.added', payload: { id: 2, kind: 'system', action: 'x', message: 'after' } },
    ]);
    const logged = JSON.stringify([...a.log.records, ...b.log.records]);
    expect(logged).toContain('Live updates between replicas paused');
    expect(logged).toContain('live updates between replicas resume');
    expect(logged).not.toContain(server.password);
  } finally {
    await a.fan.stop();
    await b.fan.stop();
  }
});

it('starts while Redis is down and connects once it is up', async () => {
  await server.stop();
  const a = replica('a', true);
  const b = replica('b', false);
  try {
    await a.fan.start(); // returns: AutoArr starts without Redis
    await b.fan.start();
    expect(b.fan.problem()?.source).toBe('redis');
    await server.start();
    await until('connected', () => (!a.fan.problem() && !b.fan.problem() ? true : undefined), 10_000);
    a.bus.emit('activity.added', { id: 3, kind: 'system', action: 'x', message: 'late' });
    expect(await until('the event', () => b.seen[0], 10_000)).toEqual({
      event: 'activity.added',
      payload: { id: 3, kind: 'system', action: 'x', message: 'late' },
    });
  } finally {
    await a.fan.stop();
    await b.fan.stop();
  }
});
