// MQTT traffic in steady state: 200 active downloads, the monitor's 10 s updates, metrics every 30 s, on a
// simulated clock for 10 minutes. Goal: at most one message per entity per minute when nothing changes.
import { startEmbeddedBroker } from '../autoarr/src/ha/mqtt/embedded-broker.js';
import { mqttFeature } from '../autoarr/src/ha/mqtt/mqtt-feature.js';
import { createMetrics } from '../autoarr/src/metrics/metrics-feature.js';
import type { Download } from '../autoarr/src/shared/types.js';
import { download } from '../autoarr/test/ha/fixtures.js';
import { makeContext, testSettings, until } from '../autoarr/test/ha/harness.js';

const MINUTES = 10;

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

async function measure(progressing: boolean): Promise<{ perMinute: number; entities: number }> {
  const broker = await startEmbeddedBroker();
  const t = await makeContext(
    testSettings({ mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' } }),
  );
  let clock = Date.parse('2026-06-01T12:00:00Z');
  t.ctx.now = () => new Date(clock);
  const metrics = createMetrics(t.ctx, { clients: t.stack!.clients, intervalMs: 3_600_000 });
  const mqtt = mqttFeature(t.ctx, { clients: t.stack!.clients });
  let downloads: Download[] = Array.from({ length: 200 }, (_, i) => download(i + 1));
  await mqtt.start();
  await until(() => mqtt.connected(), 'MQTT');
  t.ctx.bus.emit('downloads.updated', { downloads });
  await metrics.pollNow();
  // Initial publishing done when the count stops moving.
  let last = -1;
  let still = 0;
  await until(async () => {
    const now = mqtt.sent();
    still = now === last ? still + 1 : 0;
    last = now;
    return still >= 10 && (await t.ctx.kv.get('mqtt_discovery_topics')) !== undefined;
  }, 'initial publish');
  const entities = (await t.ctx.kv.get<string[]>('mqtt_discovery_topics'))!.filter(
    (x) => !x.includes('/device_automation/'),
  ).length;

  const before = mqtt.sent();
  for (let s = 10; s <= MINUTES * 60; s += 10) {
    clock += 10_000;
    if (progressing) {
      downloads = downloads.map((d) => ({
        ...d,
        progress: Math.min(100, d.progress + 0.1),
        bytesLeft: d.bytesLeft - 1_000_000,
      }));
    }
    t.ctx.bus.emit('downloads.updated', { downloads: downloads.map((d) => ({ ...d })) });
    if (s % 30 === 0) await metrics.pollNow();
    if (s % 15 === 0 || s % 10 === 0) await mqtt.tick();
    await settle();
  }
  const perMinute = (mqtt.sent() - before) / MINUTES;
  await mqtt.stop();
  await t.close();
  await broker.stop();
  return { perMinute, entities };
}

export async function run(): Promise<Record<string, number | string>> {
  const steady = await measure(false);
  const moving = await measure(true);
  return {
    entities_count: steady.entities,
    steady_msgs_per_min: steady.perMinute,
    steady_msgs_per_entity_per_min: steady.perMinute / steady.entities,
    progressing_msgs_per_min: moving.perMinute,
    progressing_msgs_per_entity_per_min: moving.perMinute / moving.entities,
    goal: 'steady_msgs_per_entity_per_min <= 1',
  };
}
