import { describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../src/ha/mqtt/embedded-broker.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import { makeContext, MqttWatcher, testSettings, until } from './harness.js';

describe('The demo broker', () => {
  it('serves AutoArr and a subscriber on a free loopback port, with retained configs', async () => {
    const broker = await startEmbeddedBroker();
    expect(broker.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const t = await makeContext(
      testSettings({ mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' } }),
    );
    const f = mqttFeature(t.ctx, { clients: t.stack!.clients });
    await f.start();
    await until(() => f.connected(), 'AutoArr connected');
    const w = await MqttWatcher.connect(broker.url);
    await until(() => w.json('homeassistant/switch/autoarr/hub_dry_run/config') !== undefined, 'a retained config');
    await w.close();
    await f.stop();
    await t.close();
    await broker.stop();
  });
});
