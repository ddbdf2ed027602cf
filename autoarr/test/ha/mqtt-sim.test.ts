// MQTT on the simulated stack: real clients, real registry, real Mosquitto. Commands must reach the simulated apps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppRegistry } from '../../src/apps/registry.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import { memoryLogger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics-feature.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { validateDiscovery } from '../helpers/discovery-validator.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { makeContext, MqttWatcher, testSettings, until } from './harness.js';

let broker: Mosquitto;
let sim: SimStack;
beforeAll(async () => {
  broker = await startMosquitto();
  sim = await startSimStack({ speed: 0, scenario: 'healthy' });
});
afterAll(async () => {
  await sim.stop();
  await broker.stop();
});
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await broker.restart();
  await sim.control.setAppMode('sabnzbd', 'ok');
  sim.control.clearRecords();
});

async function setup() {
  const settings = testSettings({
    instances: settingsForSim(sim),
    mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
  });
  const t = await makeContext(settings, (bus) =>
    createAppRegistry(settings.instances, bus, memoryLogger('warning'), { requestTimeoutMs: 3000 }),
  );
  const metrics = createMetrics(t.ctx, { intervalMs: 3_600_000 });
  const mqtt = mqttFeature(t.ctx, { refresh: (id) => metrics.pollNow(id), birthDelayMs: 0 });
  await mqtt.start();
  metrics.feature.start();
  const w = await MqttWatcher.connect(broker.url);
  cleanups.push(async () => {
    await w.close();
    metrics.feature.stop();
    await mqtt.stop();
    await t.ctx.apps.close();
    await t.close();
  });
  await until(
    () =>
      ['sabnzbd', 'sonarr', 'radarr', 'plex'].every(
        (id) => Object.keys(w.json(`autoarr/${id}/state`) ?? {}).length > 1,
      ),
    'metrics of every simulated app',
  );
  return { ...t, w, metrics };
}

describe('MQTT on the simulated stack', () => {
  it('publishes valid discovery with the metrics the simulated apps report', async () => {
    const { w } = await setup();
    const problems = () =>
      validateDiscovery(w.configs(), {
        published: new Set(w.topics().filter((x) => w.latest(x) !== '')),
        // Sent once a recovery happened; none has yet here.
        optional: new Set(['autoarr/hub/last_recovery']),
      });
    await until(() => problems().length === 0, 'valid discovery').catch(() => undefined);
    expect(problems()).toEqual([]);
    const sab = w.json('autoarr/sabnzbd/state')!;
    expect(sab).toMatchObject({ connected: 'ON', paused: 'OFF' });
    expect(typeof sab.speed).toBe('number');
    expect(typeof sab.disk_free).toBe('number');
    expect(w.json('autoarr/sonarr/state')).toMatchObject({ connected: 'ON' });
    expect(typeof w.json('autoarr/plex/state')!.libraries).toBe('number');
    const device = w.json<{ device: { sw_version?: string } }>(
      'homeassistant/sensor/autoarr/sabnzbd_speed/config',
    )!.device;
    expect(device.sw_version).toBeTruthy();
  });

  it('pauses SABnzbd, sets its speed limit, searches missing and scans Plex through the real clients', async () => {
    const { w } = await setup();
    sim.control.clearRecords();
    await w.publish('autoarr/sabnzbd/paused/set', 'ON');
    await until(() => w.json('autoarr/sabnzbd/state')?.paused === 'ON', 'SABnzbd paused');
    await w.publish('autoarr/sabnzbd/speed_limit/set', '50');
    await until(
      () => sim.control.writes({ app: 'sabnzbd' }).some((r) => r.query.name === 'speedlimit'),
      'speed limit write',
    );
    await w.publish('autoarr/sonarr/search_missing/set', 'PRESS');
    await w.publish('autoarr/plex/scan_libraries/set', 'PRESS');
    await until(() => sim.control.writes({ app: 'sonarr' }).length > 0, 'Sonarr command');
    await until(() => sim.control.requests({ app: 'plex' }).some((r) => r.path.endsWith('/refresh')), 'Plex scan');
    const sab = sim.control.writes({ app: 'sabnzbd' });
    expect(sab.find((r) => r.query.mode === 'pause')).toBeDefined();
    expect(sab.find((r) => r.query.name === 'speedlimit')?.query.value).toBe('50');
    expect(sim.control.writes({ app: 'sonarr' })[0]).toMatchObject({
      method: 'POST',
      body: { name: 'MissingEpisodeSearch' },
    });
  });

  it('makes only SABnzbd unavailable when the simulated SABnzbd goes down', async () => {
    const { w, ctx } = await setup();
    await sim.control.setAppMode('sabnzbd', 'down');
    await ctx.apps.test('sabnzbd');
    await until(() => w.latest('autoarr/sabnzbd/availability') === 'offline', 'SABnzbd offline');
    expect(w.latest('autoarr/sonarr/availability')).toBe('online');
    expect(w.latest('autoarr/status')).toBe('online');
  });
});
