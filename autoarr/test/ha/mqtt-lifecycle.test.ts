// The MQTT bridge's lifecycle against a real Mosquitto: a clean stop says "offline" once and logs one line (no
// "connection lost"), and an app's availability is published only once its first check is known (no offline flap
// at every start).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics-feature.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { fakeStack, makeContext, MqttWatcher, startMqttStack, testSettings, until } from './harness.js';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await broker.restart();
});

async function watch(): Promise<MqttWatcher> {
  const w = await MqttWatcher.connect(broker.url);
  cleanups.push(() => w.close());
  return w;
}

/** Every message the watcher received before this call returns (a round trip through the broker). */
async function settled(w: MqttWatcher): Promise<void> {
  const marker = `marker-${Math.random()}`;
  await w.publish('autoarr/test/marker', marker);
  await until(() => w.messages.some((m) => m.payload === marker), 'the marker round trip');
}

describe('MQTT lifecycle', () => {
  it('a clean stop publishes offline once and logs one stopping line, no "connection lost"', async () => {
    const w = await watch();
    const t = await startMqttStack(broker.url, cleanups);
    await until(() => t.mqtt.connected() && w.latest('autoarr/status') === 'online', 'online');
    const before = w.messages.length;

    await t.mqtt.stop();
    await settled(w);

    const status = w.messages.slice(before).filter((m) => m.topic === 'autoarr/status');
    expect(status.map((m) => m.payload)).toEqual(['offline']);
    const logs = t.log.records.map((r) => r.msg);
    expect(logs.filter((m) => /^MQTT stopping/.test(m))).toHaveLength(1);
    expect(logs.filter((m) => /lost; reconnecting/.test(m))).toEqual([]);
    expect(t.log.records.filter((r) => r.level === 'warning' || r.level === 'error')).toEqual([]);
  });

  it("publishes an app's availability only once its first check is known", async () => {
    const w = await watch();
    const settings = testSettings({
      mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
    });
    const t = await makeContext(settings);
    // A fresh registry, as at start: every app is "unknown" until the health feature's first check.
    const stack = fakeStack(settings.instances, t.ctx.bus, t.log);
    t.ctx.apps = stack.registry;
    const metrics = createMetrics(t.ctx, { clients: stack.clients, intervalMs: 3_600_000 });
    const mqtt = mqttFeature(t.ctx, { clients: stack.clients, refresh: (id) => metrics.pollNow(id), birthDelayMs: 0 });
    cleanups.push(async () => {
      metrics.feature.stop();
      await mqtt.stop();
      await t.close();
    });
    await mqtt.start();
    metrics.feature.start();
    await until(() => mqtt.connected() && w.latest('autoarr/hub/state') !== undefined, 'connected and published');
    await until(() => w.json('autoarr/sabnzbd/state') !== undefined, 'SABnzbd metrics published');
    await settled(w);
    const availability = () => w.messages.filter((m) => /^autoarr\/[^/]+\/availability$/.test(m.topic));
    expect(availability()).toEqual([]);

    await stack.registry.testAll();
    await until(() => availability().length === 4, 'every app available');
    expect(availability().map((m) => m.payload)).toEqual(['online', 'online', 'online', 'online']);
  });
});
