import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import type { Settings } from '../../src/settings/settings.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
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
  await broker.restart();
});

async function setup(over: Partial<Settings> & { dbFile?: string } = {}) {
  const started = await startMqttStack(broker.url, cleanups, over);
  const w = await MqttWatcher.connect(broker.url);
  cleanups.push(() => w.close());
  await until(() => started.mqtt.connected() && w.json('autoarr/sabnzbd/state')?.paused === 'OFF', 'AutoArr on MQTT');
  return { ...started, w };
}

describe('MQTT command topics', () => {
  it('pauses, resumes and limits SABnzbd, and the entities follow', async () => {
    const { w, stack } = await setup();
    await w.publish('autoarr/sabnzbd/paused/set', 'ON');
    await until(() => w.json('autoarr/sabnzbd/state')?.paused === 'ON', 'paused ON');
    await w.publish('autoarr/sabnzbd/speed_limit/set', '40');
    await until(() => w.json('autoarr/sabnzbd/state')?.speed_limit === 40, 'speed limit 40');
    await w.publish('autoarr/sabnzbd/resume_all/set', 'PRESS');
    await until(() => w.json('autoarr/sabnzbd/state')?.paused === 'OFF', 'resumed');
    expect(stack.calls).toEqual(['sabnzbd.pauseAll', 'sabnzbd.setSpeedLimit:40', 'sabnzbd.resumeAll']);
  });

  it('logs and ignores invalid payloads and unknown topics', async () => {
    const { w, stack, log } = await setup();
    await w.publish('autoarr/sabnzbd/speed_limit/set', '250');
    await w.publish('autoarr/sabnzbd/paused/set', 'banana');
    await w.publish('autoarr/nope/paused/set', 'ON');
    await until(() => log.records.filter((r) => /Ignored/.test(r.msg)).length === 3, 'three ignored commands');
    expect(stack.calls).toEqual([]);
    expect(
      log.records.find((r) => /Ignored an invalid MQTT command on autoarr\/sabnzbd\/speed_limit\/set/.test(r.msg)),
    ).toBeDefined();
  });

  it('acts on the hub through the command path and the runtime switches', async () => {
    const { w, ctx } = await setup();
    const ran: string[] = [];
    ctx.commands.register(
      'monitor.retry_stalled',
      async (a) => (ran.push(`retry:${a.by}`), { ok: true, message: 'Retried 2', count: 2 }),
    );
    ctx.commands.register(
      'audit.run',
      async (a) => (ran.push(`audit:${a.by}`), { ok: true, message: 'Audit started' }),
    );
    await w.publish('autoarr/hub/retry_stalled/set', 'PRESS');
    await w.publish('autoarr/hub/run_audit/set', 'PRESS');
    await w.publish('autoarr/hub/dry_run/set', 'ON');
    await w.publish('autoarr/hub/auto_recovery/set', 'OFF');
    await until(
      () => w.json('autoarr/hub/state')?.dry_run === 'ON' && w.json('autoarr/hub/state')?.auto_recovery === 'OFF',
      'switches',
    );
    await until(() => ran.length === 2, 'commands ran');
    expect(ran.sort()).toEqual(['audit:home_assistant', 'retry:home_assistant']);
    expect(ctx.runtime.get()).toEqual({ autoRecovery: false, dryRun: true });
  });

  it('retries one download from the id published on the retry_download topic, and ignores bad ids', async () => {
    const { w, ctx, log } = await setup();
    const ran: string[] = [];
    ctx.commands.register('download.retry', async (a) => (ran.push(`${a.id}:${a.by}`), { ok: true, message: 'ok' }));
    await w.publish('autoarr/hub/retry_download/set', '');
    await w.publish('autoarr/hub/retry_download/set', '{"id": "x"}');
    await w.publish('autoarr/hub/retry_download/set', 'two words');
    await w.publish('autoarr/hub/retry_download/set', ' SABnzbd_nzo_abc123 ');
    await until(() => ran.length === 1, 'the retry command');
    await until(
      () =>
        log.records.filter((r) => /Ignored an invalid MQTT command on autoarr\/hub\/retry_download/.test(r.msg))
          .length === 3,
      'three invalid ids ignored',
    );
    expect(ran).toEqual(['SABnzbd_nzo_abc123:home_assistant']);
  });

  it('starts a missing search on Sonarr and Radarr and scans every Plex library', async () => {
    const { w, stack } = await setup();
    await w.publish('autoarr/sonarr/search_missing/set', 'PRESS');
    await w.publish('autoarr/radarr/search_missing/set', 'PRESS');
    await w.publish('autoarr/plex/scan_libraries/set', 'PRESS');
    await until(() => stack.calls.length === 4, 'four calls');
    expect(stack.calls.sort()).toEqual([
      'plex.scan:1',
      'plex.scan:2',
      'radarr.command:MissingMoviesSearch',
      'sonarr.command:MissingEpisodeSearch',
    ]);
  });
});

describe('Cleanup of retained configs', () => {
  it('clears the configs of an app instance removed from the settings, and leftovers it never published', async () => {
    const first = testSettings({ mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' } });
    const a = await makeContext(first);
    const fa = mqttFeature(a.ctx, { clients: a.stack!.clients, birthDelayMs: 0 });
    await fa.start();
    const w = await MqttWatcher.connect(broker.url);
    cleanups.push(() => w.close());
    await until(
      () => w.latest('homeassistant/button/autoarr/plex_scan_libraries/config') !== undefined,
      'Plex configs',
    );
    await fa.stop();
    await a.close();

    // A ghost from an older version under our node.
    await w.publish('homeassistant/sensor/autoarr/old_thing/config', JSON.stringify({ name: 'Old' }), true);
    const second = testSettings({
      mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
      dbFile: first.databasePath,
      instances: first.instances.filter((i) => i.app !== 'plex'),
    });
    const b = await makeContext(second);
    const fb = mqttFeature(b.ctx, { clients: b.stack!.clients, birthDelayMs: 0 });
    await fb.start();
    cleanups.push(async () => {
      await fb.stop();
      await b.close();
    });
    await until(
      () => w.latest('homeassistant/button/autoarr/plex_scan_libraries/config') === '',
      'Plex configs cleared',
    );
    await until(() => w.latest('homeassistant/sensor/autoarr/old_thing/config') === '', 'the ghost cleared');
    expect(w.configs().has('homeassistant/sensor/autoarr/plex_sessions/config')).toBe(false);
    expect(w.configs().has('homeassistant/sensor/autoarr/sonarr_queue_count/config')).toBe(true);
  });

  it('says offline on the bridge topic when it stops', async () => {
    const s = testSettings({ mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' } });
    const t = await makeContext(s);
    const f = mqttFeature(t.ctx, { clients: t.stack!.clients });
    await f.start();
    const w = await MqttWatcher.connect(broker.url);
    cleanups.push(() => w.close());
    await until(() => w.latest('autoarr/status') === 'online', 'online');
    await f.stop();
    await t.close();
    await until(() => w.latest('autoarr/status') === 'offline', 'offline');
  });
});
