// The demo entry starts the simulated stack and AutoArr, writes demo.json and every app shows up connected.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/demo/demo.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { HealthResponse } from '../../src/shared/types.js';

let demo: Demo;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-demo-'));
  demo = await startDemo({ port: 0, dataDir, log: memoryLogger(), env: {} });
});
afterAll(async () => {
  await demo?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('writes demo.json with the AutoArr URL and every simulated app with its key', () => {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as Record<string, unknown>;
    expect(info.url).toBe(demo.url);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The demo embeds an MQTT broker (aedes) unless MQTT_URL points at one.
    expect(info.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(info.apps).toEqual({
      sabnzbd: { url: demo.sim.apps.sabnzbd.url, apiKey: demo.sim.apps.sabnzbd.apiKey },
      sonarr: { url: demo.sim.apps.sonarr.url, apiKey: demo.sim.apps.sonarr.apiKey },
      radarr: { url: demo.sim.apps.radarr.url, apiKey: demo.sim.apps.radarr.apiKey },
      plex: { url: demo.sim.apps.plex.url, apiKey: demo.sim.apps.plex.apiKey },
    });
  });

  it('/api/health shows all four apps connected', async () => {
    let health: HealthResponse | undefined;
    // The first connection test runs right after start; poll its observable effect (bounded).
    for (let i = 0; i < 100; i++) {
      health = (await (await fetch(`${demo.url}/api/health`)).json()) as HealthResponse;
      if (Object.values(health.apps).every((a) => a.state === 'connected') && health.mqtt?.state === 'connected') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Object.fromEntries(Object.entries(health!.apps).map(([id, a]) => [id, a.state]))).toEqual({
      sabnzbd: 'connected',
      sonarr: 'connected',
      radarr: 'connected',
      plex: 'connected',
    });
    expect(health!.status).toBe('ok');
    expect(health!.mqtt?.state).toBe('connected');
  });

  it('runs AutoArr on the sim clock and the sim in real time at the demo speed', () => {
    expect(demo.sim.control.speed()).toBeGreaterThan(1);
    expect(demo.sim.control.scenario()).toBe('demo');
    expect(Math.abs(demo.autoarr.ctx.now().getTime() - demo.sim.control.now())).toBeLessThan(60_000);
  });

  it('a second run in the same data folder starts later in sim time, with new download ids', async () => {
    const firstIds = demo.sim.control.state.downloads.map((d) => d.nzoId);
    const firstNow = demo.sim.control.now();
    await demo.stop();
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo.json'), 'utf8')) as { simNow: number };
    expect(stored.simNow).toBeGreaterThanOrEqual(firstNow);
    demo = await startDemo({ port: 0, dataDir, log: memoryLogger(), env: {} });
    expect(demo.sim.control.now()).toBeGreaterThan(stored.simNow);
    const ids = demo.sim.control.state.downloads.map((d) => d.nzoId);
    expect(ids.filter((id) => firstIds.includes(id))).toEqual([]);
  });
});
