// The leader gate: wrapped features follow the leadership, in order, one change at a time.
import { expect, it } from 'vitest';
import type { Feature } from '../core/feature.js';
import { memoryLogger } from '../log/logger.js';
import { LeaderGate } from './gate.js';
import type { Leadership } from './leadership.js';

function fakeLeadership(initial: boolean) {
  let leader = initial;
  const fns = new Set<(l: boolean) => void>();
  const l: Leadership & { set(v: boolean): void } = {
    isLeader: () => leader,
    onChange: (fn) => (fns.add(fn), () => fns.delete(fn)),
    status: () => ({ mode: 'postgres', replica: 'r', leader }),
    start: async () => undefined,
    stop: async () => undefined,
    set(v) {
      leader = v;
      for (const fn of fns) fn(v);
    },
  };
  return l;
}

it('starts in order on gaining, stops in reverse on losing, keeps routes, and reports a part that fails to start', async () => {
  const calls: string[] = [];
  let failB = false;
  const part = (name: string): Feature => ({
    name,
    start: () => {
      calls.push(`start ${name}`);
      if (name === 'b' && failB) throw new Error('boom.');
    },
    stop: () => void calls.push(`stop ${name}`),
    routes: () => [],
  });
  const leadership = fakeLeadership(false);
  const gate = new LeaderGate(leadership, memoryLogger('error'));
  gate.watch();
  const [a, b] = [gate.wrap(part('a')), gate.wrap(part('b'))];
  expect(a.name).toBe('a');
  expect(a.routes?.()).toEqual([]);
  await a.start();
  await b.start();
  expect(calls).toEqual([]); // a follower runs nothing

  leadership.set(true);
  leadership.set(false);
  failB = true;
  leadership.set(true);
  await b.stop(); // queued behind the changes, so it runs after them
  expect(calls).toEqual(['start a', 'start b', 'stop b', 'stop a', 'start a', 'start b', 'stop b']);
  expect(gate.problems).toEqual([
    { source: 'b', message: 'The b part could not start: boom. Everything else keeps working.' },
  ]);
  await a.stop();
  expect(calls.at(-1)).toBe('stop a');
  gate.unwatch();
});
