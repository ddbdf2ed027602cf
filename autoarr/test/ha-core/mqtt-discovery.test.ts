// AutoArr's MQTT discovery in a real Home Assistant Core 2024.8.1 with a real Mosquitto: every entity AutoArr
// announces is created, no state reads "None", and home-assistant.log has no warning or error about them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { download } from '../ha/fixtures.js';
import { MqttWatcher } from '../ha/harness.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startHaCore, until, type HaCore } from './harness.js';

let broker: Mosquitto;
let sim: SimStack;
let ha: HaCore;
let autoarr: AutoArr;
let w: MqttWatcher;

beforeAll(async () => {
  broker = await startMosquitto();
  sim = await startSimStack({ speed: 0, scenario: 'stalled' });
  ha = await startHaCore();
  // The MQTT integration, set up the way a person does it: its config flow.
  const flow = (await ha.api('POST', '/api/config/config_entries/flow', { handler: 'mqtt' })).body as {
    flow_id: string;
    step_id: string;
  };
  const done = (
    await ha.api('POST', `/api/config/config_entries/flow/${flow.flow_id}`, { broker: '127.0.0.1', port: broker.port })
  ).body as { type: string };
  expect(done.type).toBe('create_entry');
  w = await MqttWatcher.connect(broker.url);
  // HA subscribes to discovery once MQTT is up; its birth message says so.
  await until(() => w.latest('homeassistant/status') === 'online', 'Home Assistant online on MQTT', 60_000);
  const env: Record<string, string> = {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-ha-mqtt-')),
    PORT: '8099',
    MQTT_URL: broker.url,
    AUTOARR_POLL_INTERVAL_SECONDS: '2',
    SABNZBD_URL: sim.apps.sabnzbd.url,
    SABNZBD_API_KEY: sim.apps.sabnzbd.apiKey,
    SONARR_URL: sim.apps.sonarr.url,
    SONARR_API_KEY: sim.apps.sonarr.apiKey,
    RADARR_URL: sim.apps.radarr.url,
    RADARR_API_KEY: sim.apps.radarr.apiKey,
    PLEX_URL: sim.apps.plex.url,
    PLEX_TOKEN: sim.apps.plex.apiKey,
  };
  const r = loadSettings({ env, version: '0.0.0-ha-core', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  autoarr = await startAutoArr({ ...r.settings, host: '127.0.0.1', port: 0 }, memoryLogger('warning'), {
    now: () => new Date(sim.control.now()),
  });
}, 600_000);

afterAll(async () => {
  await autoarr?.stop();
  await w?.close();
  await ha?.stop();
  await sim?.stop();
  await broker?.stop();
});

describe('AutoArr entities in Home Assistant', () => {
  it('every announced entity exists with a real state, and the log has no warning about them', async () => {
    const announced = () =>
      [...w.configs().entries()]
        .filter(([topic]) => !topic.includes('/device_automation/'))
        .map(([topic, c]) => `${topic.split('/')[1]}.${String(c.object_id)}`);
    await until(() => announced().length > 40, 'AutoArr discovery', 30_000);
    type State = { entity_id: string; state: string };
    const states = async () =>
      new Map(((await ha.api('GET', '/api/states')).body as State[]).map((s) => [s.entity_id, s]));
    const ids = announced();
    await until(
      async () => {
        const now = await states();
        // Every entity created, and every sensor that reads the apps has had its first poll.
        return ids.every((id) => now.has(id)) && now.get('sensor.autoarr_sabnzbd_speed')?.state !== 'unavailable';
      },
      'every AutoArr entity in Home Assistant',
      60_000,
    );
    const now = await states();
    const shown = ids.map((id) => now.get(id)!);
    expect(shown.filter((s) => s.state === 'None' || s.state === '')).toEqual([]);
    // Values that are not known yet (no recovery so far) read "unknown", never the text "None".
    expect(now.get('sensor.autoarr_hub_last_recovery')?.state).toBe('unknown');

    const hubDevice = await until(async () => {
      const ws = await ha.ws();
      try {
        const devices = await ws.send<Array<{ id: string; name: string }>>({ type: 'config/device_registry/list' });
        const hub = devices.find((d) => d.name === 'AutoArr');
        if (!hub) return undefined;
        const triggers = await ws.send<Array<{ subtype: string; type: string }>>({
          type: 'device_automation/trigger/list',
          device_id: hub.id,
        });
        return triggers.length ? triggers : undefined;
      } finally {
        ws.close();
      }
    }, 'the hub device and its triggers');
    expect(hubDevice.map((t) => t.type)).toContain('download stalled');

    const problems = ha
      .log()
      .split('\n')
      .filter((l) => / (WARNING|ERROR) /.test(l))
      .filter((l) => /mqtt|autoarr|template|sensor|binary_sensor|switch|number|button|event/i.test(l))
      .filter((l) => !/custom integration autoarr(_probe)? which has not been tested/.test(l));
    expect(problems).toEqual([]);
  }, 120_000); // its waits (30 s, then 60 s) need more than vitest's default 30 s on a loaded machine

  it('shows the last recovery as a time with its title once there was one', async () => {
    autoarr.ctx.bus.emit('download.recovered', { download: download(7, 'recovering'), reason: 'Searched again' });
    type State = { state: string; attributes: Record<string, unknown> };
    const last = await until(async () => {
      const s = (await ha.api('GET', '/api/states/sensor.autoarr_hub_last_recovery')).body as State;
      return s.state !== 'unknown' ? s : undefined;
    }, 'the Last recovery sensor');
    expect(Number.isNaN(Date.parse(last.state))).toBe(false);
    expect(last.attributes).toMatchObject({ title: download(7).title, reason: 'Searched again' });
    expect(ha.log()).not.toMatch(/Invalid state message/);
  });
});
