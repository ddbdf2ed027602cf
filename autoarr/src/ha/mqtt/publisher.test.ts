import { describe, expect, it } from 'vitest';
import { Publisher, stableStringify } from './publisher.js';

describe('Publisher', () => {
  it('compares values by content, whatever the key order', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(stableStringify({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('sends a state only when it changed, or to refresh it after refreshMs', async () => {
    const sent: string[] = [];
    let now = 0;
    const p = new Publisher(
      async (t, payload) => void sent.push(`${t}=${payload}`),
      () => now,
    );
    expect(await p.state('a', { x: 1, y: 2 })).toBe(true);
    expect(await p.state('a', { y: 2, x: 1 })).toBe(false);
    expect(await p.state('a', { x: 2, y: 2 })).toBe(true);
    now = 50_000;
    expect(await p.state('a', { x: 2, y: 2 }, { refreshMs: 60_000 })).toBe(false);
    now = 130_000;
    expect(await p.state('a', { x: 2, y: 2 }, { refreshMs: 60_000 })).toBe(true);
    p.reset();
    expect(await p.state('a', { x: 2, y: 2 })).toBe(true);
    expect(sent).toHaveLength(4);
    expect(p.sent).toBe(4);
  });

  it('forgets a value whose publish failed, so the next attempt sends it again', async () => {
    let fail = true;
    const p = new Publisher(
      async () => {
        if (fail) throw new Error('offline');
      },
      () => 0,
    );
    await expect(p.state('a', 1)).rejects.toThrow('offline');
    fail = false;
    expect(await p.state('a', 1)).toBe(true);
  });
});
