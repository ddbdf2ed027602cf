// AutoArr as a whole (startAutoArr: registry, monitor, audit, HA features) on the simulated stack and a real
// Mosquitto: the downloads the monitor sees appear on the hub device, and a stall reaches the device trigger,
// the event entity and Home Assistant's event bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { validateDiscovery } from '../helpers/discovery-validator.js';
import { startHaWsServer, type HaWsServer } from '../helpers/ha-ws-server.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { MqttWatcher, until } from './harness.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let broker: Mosquitto;
let sim: SimStack;
let ha: HaWsServer;
let autoarr: AutoArr;
let w: MqttWatcher;

beforeAll(async () => {
  broker = await startMosquitto();
  ha = await startHaWsServer();
  sim = await startSimStack({ speed: 0, scenario: 'stalled' });
  const env: Record<string, string> = {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-e2e-')),
    PORT: '8099',
    MQTT_URL: broker.url,
    HA_URL: `http://127.0.0.1:${ha.port}`,
    HA_TOKEN: ha.token,
    AUTOARR_POLL_INTERVAL_SECONDS: '2',
    AUTOARR_STALL_MINUTES: '3',
    AUTOARR_MIN_QUEUE_AGE_MINUTES: '1',
    AUTOARR_MAX_STRIKES: '2',
    SABNZBD_URL: sim.apps.sabnzbd.url,
    SABNZBD_API_KEY: sim.apps.sabnzbd.apiKey,
    SONARR_URL: sim.apps.sonarr.url,
    SONARR_API_KEY: sim.apps.sonarr.apiKey,
    RADARR_URL: sim.apps.radarr.url,
    RADARR_API_KEY: sim.apps.radarr.apiKey,
    PLEX_URL: sim.apps.plex.url,
    PLEX_TOKEN: sim.apps.plex.apiKey,
  };
  const r = loadSettings({ env, version: '0.0.0-e2e', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  w = await MqttWatcher.connect(broker.url);
  autoarr = await startAutoArr(r.settings, memoryLogger('warning'), {
    listen: false,
    now: () => new Date(sim.control.now()),
  });
});

afterAll(async () => {
  await w?.close();
  await autoarr?.stop();
  await sim?.stop();
  await ha?.stop();
  await broker?.stop();
});

describe('AutoArr with Home Assistant on the simulated stack', () => {
  it('publishes valid discovery and shows the monitored downloads on the hub', async () => {
    const problems = () =>
      validateDiscovery(w.configs(), {
        published: new Set(w.topics().filter((x) => w.latest(x) !== '')),
        // Sent only once there was a recovery (a timestamp sensor must not read "None" before that).
        optional: new Set(['autoarr/hub/last_recovery']),
      });
    await until(() => w.configs().size > 40 && problems().length === 0, 'valid discovery', 20_000).catch(
      () => undefined,
    );
    expect(problems()).toEqual([]);
    await until(() => Number(w.json('autoarr/hub/state')?.downloads) >= 2, 'downloads on the hub', 20_000);
    await until(
      () => (w.json<{ downloads: unknown[] }>('autoarr/hub/downloads')?.downloads.length ?? 0) >= 2,
      'the downloads list',
      20_000,
    );
    const list = w.json<{ downloads: Array<{ title: string }> }>('autoarr/hub/downloads')!;
    expect(list.downloads.map((d) => d.title).join(' ')).toContain('Oppenheimer');
    await until(() => autoarr.ctx.health.parts().homeAssistant?.state === 'connected', 'Home Assistant connected');
    const health = (await (await autoarr.http.request('/api/health')).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ mqtt: { state: 'connected' }, homeAssistant: { state: 'connected' } });
    expect(JSON.stringify(health)).not.toContain(ha.token);
  });

  it('turns a stall into a device trigger, an event entity message and an autoarr_download_stalled event', async () => {
    await until(
      () => {
        // Move sim time on between monitor polls so the stuck job keeps making no progress.
        sim.control.advance(60_000);
        return w.latest('autoarr/hub/trigger/stalled') !== undefined;
      },
      'the stalled trigger',
      25_000,
    );
    expect(w.json('autoarr/hub/trigger/stalled')).toMatchObject({
      event_type: 'stalled',
      title: expect.stringContaining('Oppenheimer'),
    });
    await until(() => ha.fired.some((e) => e.event_type === 'autoarr_download_stalled'), 'the HA event', 10_000);
    const events = w.messages
      .filter((m) => m.topic === 'autoarr/hub/event')
      .map((m) => JSON.parse(m.payload) as Record<string, unknown>);
    expect(events.find((e) => e.event_type === 'stalled')).toMatchObject({
      title: expect.stringContaining('Oppenheimer'),
    });
    expect(w.messages.filter((m) => m.topic === 'autoarr/hub/event').every((m) => !m.retain)).toBe(true);
  });
});
