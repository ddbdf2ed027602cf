import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.js';
import { homeAssistantLinks } from '../../src/ha/links.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import type { AppClientsPort } from '../../src/metrics/app-clients.js';
import { createSupervisorClient } from '../../src/ha/supervisor/client.js';
import { supervisorDiscoveryFeature } from '../../src/ha/supervisor/discovery-feature.js';
import type { Feature } from '../../src/core/feature.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startFakeSupervisor, type FakeSupervisor } from './fake-supervisor.js';
import { makeContext, MqttWatcher, testSettings, until } from './harness.js';

let broker: Mosquitto;
let sup: FakeSupervisor;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function addon() {
  sup = await startFakeSupervisor();
  cleanups.push(() => sup.stop());
  const t = await makeContext(
    testSettings({ mode: 'addon', port: 8099, homeAssistant: { supervisorToken: sup.token, supervisorUrl: sup.url } }),
  );
  cleanups.push(() => t.close());
  return t;
}

/** MQTT and the discovery as app.ts starts them in the add-on: one Supervisor client, from the settings. */
function supervisorFeatures(ctx: CoreContext, clients: AppClientsPort): Feature[] {
  const { supervisor } = homeAssistantLinks(ctx);
  return [mqttFeature(ctx, { clients, supervisor }), supervisorDiscoveryFeature(ctx, supervisor)];
}

async function startAll(features: Feature[]) {
  for (const f of features) await f.start();
  cleanups.push(async () => {
    for (const f of [...features].reverse()) await f.stop();
  });
}

describe('Supervisor APIs in the add-on', () => {
  it('connects to the broker the Supervisor names and links the hub to the ingress page', async () => {
    const t = await addon();
    sup.mqtt = {
      addon: 'core_mosquitto',
      host: '127.0.0.1',
      port: String(broker.port),
      ssl: false,
      protocol: '3.1.1',
      username: 'addons',
      password: 'mqtt-secret-pw',
    };
    const w = await MqttWatcher.connect(broker.url);
    cleanups.push(() => w.close());
    await startAll(supervisorFeatures(t.ctx, t.stack!.clients));
    await until(() => t.ctx.health.parts().mqtt?.state === 'connected', 'MQTT through Supervisor credentials');
    await until(() => w.json('homeassistant/sensor/autoarr/hub_stalled/config') !== undefined, 'hub config');
    expect(
      w.json<{ device: Record<string, unknown> }>('homeassistant/sensor/autoarr/hub_stalled/config')!.device
        .configuration_url,
    ).toBe('homeassistant://hassio/ingress/local_autoarr');
    // Every REST call carries the token (the websocket upgrade authenticates inside the socket instead).
    const rest = sup.requests.filter((r) => r.path !== '/core/websocket');
    expect(rest.map((r) => r.path)).toContain('/services/mqtt');
    expect(rest.every((r) => r.auth === `Bearer ${sup.token}`)).toBe(true);
    expect(JSON.stringify(t.log.records)).not.toContain('mqtt-secret-pw');
  });

  it('announces AutoArr with host, port and token, and again when the token changes', async () => {
    const t = await addon();
    const client = createSupervisorClient(sup.token, sup.url);
    const f = supervisorDiscoveryFeature(t.ctx, client, 3_600_000);
    await startAll([f]);
    await until(() => sup.discoveries.length === 1, 'the announcement');
    expect(sup.discoveries[0]).toEqual({
      service: 'autoarr',
      config: { host: 'local-autoarr', port: 8099, token: 'test-token-123456' },
    });
    expect(await f.check()).toBe(false); // unchanged: no duplicate
    t.ctx.apiToken = () => 'rotated-token-999';
    expect(await f.check()).toBe(true);
    expect(sup.discoveries[1]!.config.token).toBe('rotated-token-999');
  });

  it('explains a missing MQTT service and keeps everything else running', async () => {
    const t = await addon();
    sup.mqtt = 'not_enabled';
    await startAll(supervisorFeatures(t.ctx, t.stack!.clients));
    expect(t.ctx.health.parts().mqtt).toMatchObject({
      state: 'disabled',
      message: expect.stringContaining('Mosquitto'),
    });
    await until(() => sup.discoveries.length === 1, 'the discovery still went out');
  });

  it('connects once the Mosquitto app appears later', async () => {
    const t = await addon();
    sup.mqtt = 'not_enabled';
    const f = mqttFeature(t.ctx, {
      clients: t.stack!.clients,
      supervisor: createSupervisorClient(sup.token, sup.url),
      brokerRetryMs: 50,
    });
    await startAll([f]);
    expect(t.ctx.health.parts().mqtt?.state).toBe('disabled');
    sup.mqtt = { host: '127.0.0.1', port: broker.port, ssl: false, username: 'addons', password: 'pw-later-1' };
    await until(() => t.ctx.health.parts().mqtt?.state === 'connected', 'connected once the broker exists');
  });

  it('reports Supervisor errors without the token', async () => {
    const other = await startFakeSupervisor();
    cleanups.push(() => other.stop());
    const client = createSupervisorClient('wrong-token-123', other.url);
    const r = await client.discovery('autoarr', {});
    expect(r).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(r)).not.toContain('wrong-token-123');
    const down = await createSupervisorClient('x', 'http://127.0.0.1:1').mqttService();
    expect(down.ok).toBe(false);
  });
});
