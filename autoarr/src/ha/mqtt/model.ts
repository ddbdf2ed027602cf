// Discovery as data: every entity is a {component, objectId, payload} item built by small functions per app kind.
// Topics and ids are derived in one place so configs, states and commands never disagree.
import type { AppKind } from '../../shared/types.js';

export type Component = 'sensor' | 'binary_sensor' | 'button' | 'switch' | 'number' | 'event' | 'device_automation';

export interface DiscoveryItem {
  component: Component;
  /** Unique within the node: "<device>_<key>". */
  objectId: string;
  payload: Record<string, unknown>;
}

export interface Naming {
  prefix: string;
  base: string;
  /** Node id in discovery topics and the unique-id prefix, from the base topic ("autoarr"). */
  node: string;
}

export function naming(prefix: string, base: string): Naming {
  return { prefix, base, node: idPart(base) || 'autoarr' };
}

/** Ids and topic levels allow [a-zA-Z0-9_-] only. */
export function idPart(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export const HUB = 'hub';

export const topics = {
  bridge: (n: Naming) => `${n.base}/status`,
  haStatus: (n: Naming) => `${n.prefix}/status`,
  availability: (n: Naming, device: string) => `${n.base}/${device}/availability`,
  state: (n: Naming, device: string) => `${n.base}/${device}/state`,
  downloads: (n: Naming) => `${n.base}/${HUB}/downloads`,
  event: (n: Naming) => `${n.base}/${HUB}/event`,
  /** Published (retained) only once a recovery happened: a timestamp sensor cannot be told "no value" otherwise. */
  lastRecovery: (n: Naming) => `${n.base}/${HUB}/last_recovery`,
  trigger: (n: Naming, type: string) => `${n.base}/${HUB}/trigger/${type}`,
  command: (n: Naming, device: string, key: string) => `${n.base}/${device}/${key}/set`,
  /** Payload: one download id; cards publish here to retry a single download. */
  retryDownload: (n: Naming) => `${n.base}/${HUB}/retry_download/set`,
  commandWildcard: (n: Naming) => `${n.base}/+/+/set`,
  config: (n: Naming, item: Pick<DiscoveryItem, 'component' | 'objectId'>) =>
    `${n.prefix}/${item.component}/${n.node}/${item.objectId}/config`,
  configWildcard: (n: Naming) => `${n.prefix}/+/${n.node}/+/config`,
};

export interface DeviceInfo {
  /** "hub" or the app instance id. */
  id: string;
  name: string;
  app?: AppKind;
  model: string;
  configurationUrl?: string;
  swVersion?: string;
}

export interface BuildContext {
  naming: Naming;
  version: string;
  /** The hub's configuration_url: the ingress page in the add-on. */
  hubUrl?: string;
}

export function origin(ctx: BuildContext): Record<string, unknown> {
  return { name: 'AutoArr', sw_version: ctx.version, support_url: 'https://github.com/autoarr/autoarr' };
}

export function deviceBlock(ctx: BuildContext, d: DeviceInfo): Record<string, unknown> {
  const hubId = `${ctx.naming.node}_${HUB}`;
  return {
    identifiers: [`${ctx.naming.node}_${d.id}`],
    name: d.name,
    manufacturer: 'AutoArr',
    model: d.model,
    ...(d.swVersion ? { sw_version: d.swVersion } : {}),
    ...(d.configurationUrl ? { configuration_url: d.configurationUrl } : {}),
    ...(d.id === HUB ? {} : { via_device: hubId }),
  };
}

/** What an entity needs beyond its own options. */
export interface EntitySpec {
  component: Exclude<Component, 'device_automation'>;
  key: string;
  name: string;
  /** Template over the device's JSON state topic; omitted for buttons and events. */
  value?: string;
  /** Component options (device_class, unit_of_measurement, command payloads …). */
  options?: Record<string, unknown>;
  /** false: only the bridge's availability applies (the "connected" sensor must stay readable when the app is down). */
  appAvailability?: boolean;
  command?: boolean;
  icon?: string;
}

export function entity(ctx: BuildContext, d: DeviceInfo, spec: EntitySpec): DiscoveryItem {
  const n = ctx.naming;
  const objectId = `${idPart(d.id)}_${spec.key}`;
  const entityId = `${n.node}_${objectId}`;
  const availability = [{ topic: topics.bridge(n) }];
  if (d.id !== HUB && spec.appAvailability !== false) availability.push({ topic: topics.availability(n, d.id) });
  const payload: Record<string, unknown> = {
    name: spec.name,
    unique_id: entityId,
    default_entity_id: `${spec.component}.${entityId}`,
    // For Home Assistant before 2025.10, which does not know default_entity_id.
    object_id: entityId,
    device: deviceBlock(ctx, d),
    origin: origin(ctx),
    availability,
    availability_mode: 'all',
    ...(spec.value !== undefined
      ? { state_topic: topics.state(n, d.id), value_template: `{{ value_json.${spec.value} }}` }
      : {}),
    ...(spec.command ? { command_topic: topics.command(n, d.id, spec.key) } : {}),
    ...(spec.icon ? { icon: spec.icon } : {}),
    ...spec.options,
  };
  return { component: spec.component, objectId, payload };
}

/** Sensor option presets, so units always match the device class. */
export const measure = {
  count: { state_class: 'measurement' },
  rate: {
    device_class: 'data_rate',
    unit_of_measurement: 'B/s',
    state_class: 'measurement',
    suggested_display_precision: 1,
  },
  size: {
    device_class: 'data_size',
    unit_of_measurement: 'B',
    state_class: 'measurement',
    suggested_display_precision: 1,
  },
  duration: { device_class: 'duration', unit_of_measurement: 's', state_class: 'measurement' },
  timestamp: { device_class: 'timestamp' },
} as const;

export const onOff = { payload_on: 'ON', payload_off: 'OFF' } as const;
