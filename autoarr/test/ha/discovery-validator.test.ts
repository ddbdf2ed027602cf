// The validator must catch the mistakes Home Assistant punishes; otherwise the MQTT tests would prove nothing.
import { describe, expect, it } from 'vitest';
import { appEntities } from '../../src/ha/mqtt/entities/apps.js';
import { hubEntities, hubTriggers } from '../../src/ha/mqtt/entities/hub.js';
import { naming, topics, type BuildContext } from '../../src/ha/mqtt/model.js';
import { validateDiscovery } from '../helpers/discovery-validator.js';
import { testSettings } from './harness.js';

const b: BuildContext = {
  naming: naming('homeassistant', 'autoarr'),
  version: '1.0.0',
  hubUrl: 'homeassistant://hassio/ingress/x',
};
const items = [...hubEntities(b), ...hubTriggers(b), ...testSettings().instances.flatMap((i) => appEntities(b, i))];

function all() {
  const configs = new Map(items.map((i) => [topics.config(b.naming, i), structuredClone(i.payload)]));
  const published = new Set<string>();
  for (const p of configs.values()) {
    for (const a of (p.availability as Array<{ topic: string }> | undefined) ?? []) published.add(a.topic);
    for (const k of ['state_topic', 'json_attributes_topic'])
      if (typeof p[k] === 'string') published.add(p[k] as string);
  }
  return { configs, published };
}

describe('discovery validator', () => {
  it('accepts what AutoArr builds', () => {
    const { configs, published } = all();
    expect(validateDiscovery(configs, { published })).toEqual([]);
  });

  it.each([
    [
      'a unit that does not fit the device class',
      'homeassistant/sensor/autoarr/sabnzbd_speed/config',
      { unit_of_measurement: 'MB' },
      /unit MB not allowed for device_class data_rate/,
    ],
    [
      'a timestamp with a state class',
      'homeassistant/sensor/autoarr/hub_last_recovery/config',
      { state_class: 'measurement' },
      /takes no state_class/,
    ],
    ['a null name', 'homeassistant/sensor/autoarr/hub_stalled/config', { name: null }, /name must be a real string/],
    [
      'a duplicate unique id',
      'homeassistant/sensor/autoarr/hub_stalled/config',
      { unique_id: 'autoarr_hub_failed_24h' },
      /also used by/,
    ],
    [
      'a default_entity_id of another domain',
      'homeassistant/switch/autoarr/hub_dry_run/config',
      { default_entity_id: 'sensor.autoarr_hub_dry_run' },
      /default_entity_id/,
    ],
    [
      'an enum without options',
      'homeassistant/sensor/autoarr/sabnzbd_status/config',
      { options: undefined },
      /enum sensor needs options/,
    ],
    [
      'two availability topics without mode all',
      'homeassistant/sensor/autoarr/sabnzbd_speed/config',
      { availability_mode: 'any' },
      /availability_mode/,
    ],
    [
      'an unknown via_device',
      'homeassistant/sensor/autoarr/sonarr_missing/config',
      { device: { identifiers: ['x'], name: 'X', via_device: 'nope' } },
      /via_device nope/,
    ],
    [
      'an event without event types',
      'homeassistant/event/autoarr/hub_download_events/config',
      { event_types: [] },
      /event_types/,
    ],
  ])('rejects %s', (_what, topic, patch, message) => {
    const { configs, published } = all();
    const p = configs.get(topic);
    expect(p).toBeDefined();
    configs.set(topic, { ...p!, ...patch });
    expect(validateDiscovery(configs, { published }).join('\n')).toMatch(message);
  });

  it('rejects a state topic nobody published', () => {
    const { configs, published } = all();
    published.delete('autoarr/plex/state');
    expect(validateDiscovery(configs, { published }).join('\n')).toMatch(
      /reads autoarr\/plex\/state, which was never published/,
    );
  });

  it('accepts a topic sent only once there is a value, when declared optional, and only that one', () => {
    const { configs, published } = all();
    published.delete('autoarr/hub/last_recovery');
    published.delete('autoarr/plex/state');
    const problems = validateDiscovery(configs, { published, optional: new Set(['autoarr/hub/last_recovery']) });
    expect(problems.join('\n')).not.toMatch(/last_recovery/);
    expect(problems.join('\n')).toMatch(/reads autoarr\/plex\/state, which was never published/);
  });
});
