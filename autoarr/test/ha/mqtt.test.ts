import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import type { Settings } from '../../src/settings/settings.js';
import { validateDiscovery } from '../helpers/discovery-validator.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { download } from './fixtures.js';
import { makeContext, MqttWatcher, startMqttStack, testSettings, until } from './harness.js';

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
  // Persistence is off: a restart drops the retained messages, so each test starts from an empty broker.
  await broker.restart();
});

const setup = (over: Partial<Settings> & { dbFile?: string } = {}) => startMqttStack(broker.url, cleanups, over);

const metricsArrived = (w: MqttWatcher) =>
  ['sabnzbd', 'sonarr', 'radarr', 'plex'].every((id) => Object.keys(w.json(`autoarr/${id}/state`) ?? {}).length > 1);

async function watch(): Promise<MqttWatcher> {
  const w = await MqttWatcher.connect(broker.url);
  cleanups.push(() => w.close());
  return w;
}

const configCount = 13 + 5 + 12 + 7 + 7 + 5; // hub entities, triggers, SABnzbd, Sonarr, Radarr, Plex

describe('MQTT discovery against a real Mosquitto', () => {
  it('publishes valid retained configs, states and availability for the hub and every app', async () => {
    const w = await watch();
    const t = await setup();
    await until(
      () => w.configs().size === configCount && metricsArrived(w),
      'all configs and the metrics of every app',
    );

    const problems = () =>
      validateDiscovery(w.configs(), {
        published: new Set(w.topics().filter((x) => w.latest(x) !== '')),
        // Sent once a recovery happened; none has yet here.
        optional: new Set(['autoarr/hub/last_recovery']),
      });
    // States follow the configs; give them a moment, then show whatever is still wrong.
    await until(() => problems().length === 0, 'a valid discovery').catch(() => undefined);
    expect(problems()).toEqual([]);
    // No recovery yet: nothing on the Last recovery topic (a "None" there is what Home Assistant rejects).
    expect(w.latest('autoarr/hub/last_recovery')).toBeUndefined();
    expect(Object.values(w.json('autoarr/hub/state') ?? {})).not.toContain('None');

    const speed = w.json('homeassistant/sensor/autoarr/sabnzbd_speed/config')!;
    expect(speed).toMatchObject({
      name: 'Speed',
      unique_id: 'autoarr_sabnzbd_speed',
      default_entity_id: 'sensor.autoarr_sabnzbd_speed',
      object_id: 'autoarr_sabnzbd_speed',
      device_class: 'data_rate',
      unit_of_measurement: 'B/s',
      expire_after: 300,
      availability_mode: 'all',
      availability: [{ topic: 'autoarr/status' }, { topic: 'autoarr/sabnzbd/availability' }],
      device: {
        identifiers: ['autoarr_sabnzbd'],
        name: 'SABnzbd',
        via_device: 'autoarr_hub',
        configuration_url: 'http://127.0.0.1:1',
      },
      origin: { name: 'AutoArr', sw_version: '0.1.0-test' },
    });
    expect(w.latest('autoarr/status')).toBe('online');
    expect(w.json('autoarr/sabnzbd/state')).toMatchObject({
      connected: 'ON',
      status: 'downloading',
      speed: 2_500_000,
      paused: 'OFF',
      speed_limit: 100,
    });
    expect(w.json('autoarr/sonarr/state')).toMatchObject({
      queue_count: 3,
      missing: 7,
      health_issues: 1,
      health_messages: ['No indexers available'],
      disk_free: 5e11,
    });
    expect(w.json('autoarr/plex/state')).toMatchObject({ sessions: 2, libraries: 2 });
    const trigger = w.json('homeassistant/device_automation/autoarr/hub_stalled/config')!;
    expect(trigger).toMatchObject({
      automation_type: 'trigger',
      type: 'download stalled',
      subtype: 'AutoArr',
      topic: 'autoarr/hub/trigger/stalled',
    });

    // Downloads: counts on the hub state, a compact top-20 list as attributes.
    t.ctx.bus.emit('downloads.updated', {
      downloads: [download(1, 'stalled', { speedBps: 0 }), ...Array.from({ length: 30 }, (_, i) => download(i + 2))],
    });
    await until(
      () => w.json('autoarr/hub/state')?.stalled === 1 && w.json('autoarr/hub/downloads')?.total === 31,
      'the hub state and the downloads list',
    );
    expect(w.json('autoarr/hub/state')).toMatchObject({
      problem: 'ON',
      downloads: 31,
      auto_recovery: 'ON',
      dry_run: 'OFF',
    });
    const list = w.json<{
      total: number;
      retry_topic: string;
      downloads: Array<{ state: string; id: string; speed: number }>;
    }>('autoarr/hub/downloads')!;
    expect(list.retry_topic).toBe('autoarr/hub/retry_download/set');
    expect(list.downloads[0]).toMatchObject({ id: 'SABnzbd_nzo_1', speed: 0 });
    expect(list.downloads[1]).toMatchObject({ state: 'downloading', speed: 1_000_000 });
    expect(list.total).toBe(31);
    expect(list.downloads).toHaveLength(20);
    expect(list.downloads[0]!.state).toBe('stalled');
    expect(w.latest('autoarr/hub/downloads')!.length).toBeLessThan(16_000);
  });

  it('sends states only when they change', async () => {
    const w = await watch();
    const t = await setup();
    await until(
      () =>
        ['sabnzbd', 'sonarr', 'radarr', 'plex'].every(
          (id) => Object.keys(w.json(`autoarr/${id}/state`) ?? {}).length > 1,
        ),
      'first metrics of every app',
    );
    const downloads = [download(1), download(2)];
    t.ctx.bus.emit('downloads.updated', { downloads });
    await until(() => w.json('autoarr/hub/state')?.downloads === 2, 'the hub state');
    const before = t.mqtt.sent();
    for (let i = 0; i < 5; i++) t.ctx.bus.emit('downloads.updated', { downloads: downloads.map((d) => ({ ...d })) });
    await t.metrics.pollNow('sonarr');
    expect(t.mqtt.sent()).toBe(before);
  });

  it('marks only the entities of an app that is down unavailable', async () => {
    const w = await watch();
    const t = await setup();
    await until(() => w.latest('autoarr/sabnzbd/availability') === 'online', 'SABnzbd online');
    await t.stack.setState('sabnzbd', 'unreachable');
    await until(() => w.latest('autoarr/sabnzbd/availability') === 'offline', 'SABnzbd offline');
    expect(w.latest('autoarr/sonarr/availability')).toBe('online');
    expect(w.latest('autoarr/status')).toBe('online');
    await until(() => w.json('autoarr/sabnzbd/state')?.connected === 'OFF', 'connected OFF');
    // The connectivity sensor itself stays readable while the app is down.
    const conn = w.json('homeassistant/binary_sensor/autoarr/sabnzbd_connected/config')!;
    expect(conn.availability).toEqual([{ topic: 'autoarr/status' }]);
  });

  it("re-publishes configs and states after Home Assistant's birth message", async () => {
    const w = await watch();
    await setup();
    await until(() => w.configs().size === configCount, 'configs');
    w.clear();
    await w.publish('homeassistant/status', 'online');
    await until(() => w.messages.filter((m) => m.topic.endsWith('/config')).length >= configCount, 'configs again');
    await until(() => w.latest('autoarr/hub/state') !== undefined, 'hub state again');
  });

  it('reconnects after a broker restart and publishes everything again', async () => {
    const t = await setup();
    const w = await watch();
    await until(() => w.configs().size === configCount, 'configs');
    await broker.restart(); // persistence is off: every retained message is gone
    w.clear();
    await until(() => t.ctx.health.parts().mqtt?.state === 'connected' && t.mqtt.connected(), 'reconnect', 20_000);
    await until(
      () => w.configs().size === configCount && w.latest('autoarr/status') === 'online',
      'configs after restart',
      20_000,
    );
    await until(() => w.json('autoarr/sabnzbd/state')?.connected === 'ON', 'SABnzbd state after restart');
  });

  it('publishes download events on the event entity and the device triggers', async () => {
    const w = await watch();
    const t = await setup();
    await until(() => t.mqtt.connected() && w.configs().size === configCount, 'ready');
    t.ctx.bus.emit('download.stalled', { download: download(5, 'stalled'), reason: 'No progress for 20 minutes' });
    t.ctx.bus.emit('download.recovered', { download: download(5, 'recovering'), reason: 'Searched again' });
    await until(() => w.latest('autoarr/hub/trigger/recovered') !== undefined, 'the recovered trigger');
    expect(w.json('autoarr/hub/trigger/stalled')).toMatchObject({
      event_type: 'stalled',
      download_id: 'SABnzbd_nzo_5',
      reason: 'No progress for 20 minutes',
      strikes: 2,
    });
    const events = w.messages
      .filter((m) => m.topic === 'autoarr/hub/event')
      .map((m) => JSON.parse(m.payload).event_type);
    expect(events).toEqual(['stalled', 'recovered']);
    await until(() => w.json('autoarr/hub/state')?.recoveries_24h === 1, 'recoveries counted');
    expect(w.json('autoarr/hub/last_recovery')).toMatchObject({
      at: expect.any(String),
      attributes: { title: download(5).title, reason: 'Searched again' },
    });
  });

  it('reports a broker that is not configured or not reachable in /api/health, and keeps running', async () => {
    const none = await makeContext(testSettings());
    const f = mqttFeature(none.ctx, { clients: none.stack!.clients });
    await f.start();
    expect(none.ctx.health.parts().mqtt).toMatchObject({
      state: 'disabled',
      message: expect.stringContaining('MQTT_URL'),
    });
    await f.stop();
    await none.close();

    const gone = await makeContext(
      testSettings({ mqtt: { url: 'mqtt://127.0.0.1:1', baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' } }),
    );
    const g = mqttFeature(gone.ctx, { clients: gone.stack!.clients });
    await g.start();
    await until(() => /not reachable/.test(gone.ctx.health.parts().mqtt?.message ?? ''), 'the unreachable message');
    expect(gone.ctx.health.parts().mqtt?.state).toBe('disconnected');
    gone.ctx.bus.emit('downloads.updated', { downloads: [download(1)] }); // no throw while offline
    await g.stop();
    await gone.close();
  });
});

describe('MQTT credentials', () => {
  it('says the login was rejected, names the settings to fix, and never logs the password', async () => {
    const secured = await startMosquitto({ users: { autoarr: 'right-password-1' } });
    cleanups.push(() => secured.stop());
    const wrong = await makeContext(
      testSettings({
        mqtt: {
          url: secured.url,
          username: 'autoarr',
          password: 'wrong-password-9',
          baseTopic: 'autoarr',
          discoveryPrefix: 'homeassistant',
        },
      }),
    );
    const f = mqttFeature(wrong.ctx, { clients: wrong.stack!.clients });
    await f.start();
    cleanups.push(async () => {
      await f.stop();
      await wrong.close();
    });
    await until(() => /rejected the login/.test(wrong.ctx.health.parts().mqtt?.message ?? ''), 'the login message');
    expect(wrong.ctx.health.parts().mqtt).toMatchObject({
      state: 'disconnected',
      message: expect.stringContaining('MQTT_USERNAME and MQTT_PASSWORD'),
    });
    expect(JSON.stringify(wrong.log.records)).not.toContain('wrong-password-9');

    const right = await makeContext(
      testSettings({
        mqtt: {
          url: secured.url,
          username: 'autoarr',
          password: 'right-password-1',
          baseTopic: 'autoarr',
          discoveryPrefix: 'homeassistant',
        },
      }),
    );
    const g = mqttFeature(right.ctx, { clients: right.stack!.clients });
    await g.start();
    cleanups.push(async () => {
      await g.stop();
      await right.close();
    });
    await until(() => right.ctx.health.parts().mqtt?.state === 'connected', 'connected with the right password');
  });
});
