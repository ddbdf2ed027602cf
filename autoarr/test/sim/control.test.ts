// The HTTP control server (used by the web/e2e tests and the demo) drives the same clock, scenario and modes,
// and the real-time driver advances sim time by `speed` sim-seconds per real second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { settingsForSim } from '../../src/sim/index.js';
import { obj, sab } from './sim-client.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 9 });
});
afterAll(() => stack.stop());

const post = async (path: string, body: unknown) => {
  const r = await fetch(`${stack.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
};

describe('control server', () => {
  it('sets the scenario, advances the clock and changes app modes', async () => {
    expect((await post('/scenario', { name: 'low_disk_pause' })).json.scenario).toBe('low_disk_pause');
    expect(obj(obj((await sab(stack, 'mode=queue')).json).queue).paused).toBe(true);
    const before = stack.control.now();
    expect((await post('/advance', { ms: 90_000 })).json.now).toBe(before + 90_000);
    expect((await post('/mode', { app: 'sonarr', mode: 'bad_key' })).status).toBe(200);
    expect(stack.control.appMode('sonarr')).toBe('bad_key');
    await post('/mode', { app: 'sonarr', mode: 'ok' });
    expect((await post('/scenario', { name: 'nope' })).status).toBe(400);
    expect((await post('/mode', { app: 'sonarr', mode: 'weird' })).status).toBe(400);
    expect((await post('/advance', { ms: -1 })).status).toBe(400);
  });

  it('serves the recorded requests and writes, and clears them', async () => {
    await fetch(`${stack.controlUrl}/requests`, { method: 'DELETE' });
    await sab(stack, 'mode=queue');
    await sab(stack, 'mode=pause');
    const requests = (await (await fetch(`${stack.controlUrl}/requests?app=sabnzbd`)).json()) as Record<
      string,
      unknown
    >[];
    expect(requests.map((r) => obj(r.query).mode)).toEqual(['queue', 'pause']);
    const writes = (await (await fetch(`${stack.controlUrl}/writes`)).json()) as Record<string, unknown>[];
    expect(writes.map((r) => obj(r.query).mode)).toEqual(['pause']);
    const info = obj(await (await fetch(`${stack.controlUrl}/`)).json());
    expect(Object.keys(obj(info.apps))).toEqual(['sabnzbd', 'sonarr', 'radarr', 'plex']);
  });

  it('settingsForSim points AutoArr at every app', () => {
    const instances = settingsForSim(stack);
    expect(instances.map((i) => [i.id, i.app, i.url])).toEqual([
      ['sabnzbd', 'sabnzbd', stack.apps.sabnzbd.url],
      ['sonarr', 'sonarr', stack.apps.sonarr.url],
      ['radarr', 'radarr', stack.apps.radarr.url],
      ['plex', 'plex', stack.apps.plex.url],
    ]);
  });
});

describe('SimClock', () => {
  it('advances in bounded steps so listeners see every second', () => {
    const clock = new SimClock(1_000);
    const steps: number[] = [];
    clock.onAdvance((s) => steps.push(s));
    clock.advance(2_500);
    expect(steps).toEqual([1_000, 1_000, 500]);
    expect(clock.now()).toBe(3_500);
    clock.advance(0);
    clock.advance(-5);
    expect(clock.now()).toBe(3_500);
  });

  it('with a speed, sim time moves by itself (observed, bounded)', async () => {
    const clock = new SimClock(0);
    clock.setSpeed(1_000);
    try {
      for (let i = 0; i < 100 && clock.now() < 5_000; i++) await new Promise((r) => setTimeout(r, 20));
      expect(clock.now()).toBeGreaterThanOrEqual(5_000);
    } finally {
      clock.stop();
    }
    const stopped = clock.now();
    clock.setSpeed(0);
    expect(clock.now()).toBe(stopped);
  });
});
