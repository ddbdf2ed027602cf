// The simulated SABnzbd honours a timed pause (mode=config&name=set_pause&value=<minutes>): the queue is paused,
// pause_int counts down in sim time, downloads stand still, and the queue resumes by itself when the time is up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SabnzbdHttpClient } from '../../src/apps/sabnzbd/client.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { obj, sab } from './sim-client.js';

let stack: SimStack;
let client: SabnzbdHttpClient;
beforeAll(async () => {
  stack = await startSimStack({ speed: 0, scenario: 'healthy', startTime: Date.UTC(2026, 10, 25, 6), seed: 7 });
  client = new SabnzbdHttpClient(settingsForSim(stack).find((i) => i.app === 'sabnzbd')!);
});
afterAll(async () => {
  await client.close();
  await stack.stop();
});

async function rawQueue(): Promise<Record<string, unknown>> {
  const r = await sab(stack, 'mode=queue');
  expect(r.status).toBe(200);
  return obj(obj(r.json).queue);
}

describe('simulated SABnzbd timed pause', () => {
  it('pauses for the given minutes, counts down pause_int and resumes by itself', async () => {
    stack.control.advance(5_000);
    const running = await client.queue();
    expect(running.paused).toBe(false);
    expect(running.pausedInt).toBeUndefined();
    const leftBefore = running.sizeLeftBytes;
    expect(leftBefore).toBeGreaterThan(0);

    stack.control.clearRecords();
    await client.pauseFor(90);
    expect(stack.control.writes({ app: 'sabnzbd' }).map((w) => w.query)).toEqual([
      expect.objectContaining({ mode: 'config', name: 'set_pause', value: '90' }),
    ]);
    let raw = await rawQueue();
    expect(raw).toMatchObject({ paused: true, status: 'Paused', pause_int: '90:00' });
    expect((await client.queue()).pausedInt).toBe(90 * 60);

    // 89 minutes 30 seconds later: still paused, 30 s left, nothing downloaded meanwhile.
    stack.control.advance(89 * 60_000 + 30_000);
    raw = await rawQueue();
    expect(raw).toMatchObject({ paused: true, pause_int: '0:30' });
    const paused = await client.queue();
    expect(paused.pausedInt).toBe(30);
    expect(paused.sizeLeftBytes).toBe(leftBefore);

    // Past the end the queue runs again without anyone resuming it.
    stack.control.advance(31_000);
    raw = await rawQueue();
    expect(raw).toMatchObject({ paused: false, pause_int: '0' });
    expect(raw.status).not.toBe('Paused');
    expect(stack.control.writes({ app: 'sabnzbd' })).toHaveLength(1);
    stack.control.advance(10_000);
    expect((await client.queue()).sizeLeftBytes).toBeLessThan(leftBefore);
  });

  it('a manual resume ends a timed pause early, and a later pause has no time limit', async () => {
    await client.pauseFor(5);
    expect((await rawQueue()).pause_int).toBe('5:00');
    await client.resumeAll();
    expect(await rawQueue()).toMatchObject({ paused: false, pause_int: '0' });
    await client.pauseAll();
    stack.control.advance(10 * 60_000);
    expect(await rawQueue()).toMatchObject({ paused: true, pause_int: '0' });
    await client.resumeAll();
  });
});
