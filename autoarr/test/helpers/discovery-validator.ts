// Checks MQTT discovery payloads the way Home Assistant would reject or misread them: required keys per component,
// allowed device_class / unit / state_class combinations, unique ids, ids and names, and that every topic a
// payload reads from has been published. Returns the problems (empty = valid).

type Payload = Record<string, unknown>;

const UNITS: Record<string, string[]> = {
  data_rate: ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'B/s', 'kB/s', 'MB/s', 'GB/s', 'KiB/s', 'MiB/s', 'GiB/s'],
  data_size: [
    'bit',
    'kbit',
    'Mbit',
    'Gbit',
    'B',
    'kB',
    'MB',
    'GB',
    'TB',
    'PB',
    'EB',
    'ZB',
    'YB',
    'KiB',
    'MiB',
    'GiB',
    'TiB',
    'PiB',
    'EiB',
    'ZiB',
    'YiB',
  ],
  duration: ['d', 'h', 'min', 's', 'ms', 'µs'],
};
const NO_STATE_CLASS = new Set(['timestamp', 'enum', 'date']);
const STATE_CLASSES = new Set(['measurement', 'total', 'total_increasing']);
const BINARY_CLASSES = new Set([
  'battery',
  'battery_charging',
  'carbon_monoxide',
  'cold',
  'connectivity',
  'door',
  'garage_door',
  'gas',
  'heat',
  'light',
  'lock',
  'moisture',
  'motion',
  'moving',
  'occupancy',
  'opening',
  'plug',
  'power',
  'presence',
  'problem',
  'running',
  'safety',
  'smoke',
  'sound',
  'tamper',
  'update',
  'vibration',
  'window',
]);
const REQUIRED: Record<string, string[]> = {
  sensor: ['state_topic'],
  binary_sensor: ['state_topic'],
  button: ['command_topic'],
  switch: ['command_topic', 'state_topic'],
  number: ['command_topic', 'state_topic', 'min', 'max'],
  event: ['state_topic', 'event_types'],
  device_automation: ['automation_type', 'type', 'subtype', 'topic', 'device'],
};
const ID = /^[a-zA-Z0-9_-]+$/;

export interface ValidatorOptions {
  /** Topics that hold a value (retained states, availability); referenced topics must be among them. */
  published: Set<string>;
  /** Topics sent only once there is a value (the entity reads "unknown" until then), e.g. the last recovery. */
  optional?: Set<string>;
}

export function validateDiscovery(configs: Map<string, Payload>, opts: ValidatorOptions): string[] {
  const problems: string[] = [];
  const uniqueIds = new Map<string, string>();
  const deviceIds = new Set<string>();
  const viaDevices: Array<[string, string]> = [];

  for (const [topic, p] of configs) {
    const m = /^[^/]+\/([a-z_]+)\/(?:([a-zA-Z0-9_-]+)\/)?([a-zA-Z0-9_-]+)\/config$/.exec(topic);
    const bad = (msg: string) => problems.push(`${topic}: ${msg}`);
    if (!m) {
      bad('topic is not <prefix>/<component>/[<node>/]<object>/config with [a-zA-Z0-9_-] ids');
      continue;
    }
    const component = m[1]!;
    const required = REQUIRED[component];
    if (!required) {
      bad(`unknown component ${component}`);
      continue;
    }
    for (const key of required) if (p[key] === undefined || p[key] === null) bad(`missing ${key}`);
    const device = p.device as Payload | undefined;
    if (!device || !Array.isArray(device.identifiers) || device.identifiers.length === 0)
      bad('device.identifiers missing');
    else {
      for (const id of device.identifiers as string[]) deviceIds.add(id);
      if (typeof device.name !== 'string' || !device.name) bad('device.name missing');
      if (typeof device.via_device === 'string') viaDevices.push([topic, device.via_device]);
      if (
        device.configuration_url !== undefined &&
        !/^(https?|homeassistant):\/\//.test(String(device.configuration_url))
      )
        bad(`device.configuration_url ${String(device.configuration_url)} is not an http(s) or homeassistant:// URL`);
    }
    const origin = p.origin as Payload | undefined;
    if (!origin || typeof origin.name !== 'string') bad('origin.name missing');
    if (component === 'device_automation') {
      if (p.automation_type !== 'trigger') bad('automation_type must be "trigger"');
      continue;
    }

    if (typeof p.name !== 'string' || p.name.trim() === '') bad('name must be a real string');
    const uid = p.unique_id;
    if (typeof uid !== 'string' || !ID.test(uid)) bad('unique_id missing or not [a-zA-Z0-9_-]');
    else if (uniqueIds.has(uid)) bad(`unique_id ${uid} also used by ${uniqueIds.get(uid)}`);
    else uniqueIds.set(uid, topic);
    const def = p.default_entity_id;
    if (typeof def !== 'string' || !def.startsWith(`${component}.`) || !/^[a-z_]+\.[a-z0-9_]+$/.test(def))
      bad(`default_entity_id must be "${component}.<lowercase id>"`);
    if (typeof p.object_id !== 'string' || !/^[a-z0-9_]+$/.test(p.object_id))
      bad('object_id missing (HA before 2025.10)');
    if (typeof def === 'string' && p.object_id !== def.split('.')[1]) bad('object_id and default_entity_id disagree');

    const availability = p.availability as Array<{ topic?: string }> | undefined;
    if (!Array.isArray(availability) || availability.length === 0) bad('availability missing');
    else {
      if (availability.length > 1 && p.availability_mode !== 'all')
        bad('several availability topics need availability_mode "all"');
      for (const a of availability)
        if (!a.topic || !opts.published.has(a.topic)) bad(`availability topic ${a.topic} never published`);
    }

    const dc = p.device_class as string | undefined;
    const unit = p.unit_of_measurement as string | undefined;
    const sc = p.state_class as string | undefined;
    if (component === 'sensor') {
      if (sc !== undefined && !STATE_CLASSES.has(sc)) bad(`state_class ${sc} not allowed`);
      if (dc && UNITS[dc] && (!unit || !UNITS[dc].includes(unit)))
        bad(`unit ${unit} not allowed for device_class ${dc}`);
      if (dc && NO_STATE_CLASS.has(dc) && sc) bad(`device_class ${dc} takes no state_class`);
      if (dc && NO_STATE_CLASS.has(dc) && unit) bad(`device_class ${dc} takes no unit`);
      if (dc === 'enum' && (!Array.isArray(p.options) || p.options.length === 0)) bad('enum sensor needs options');
      if (unit === '%' && dc && dc !== 'battery' && dc !== 'humidity' && dc !== 'moisture')
        bad(`% is not a unit of ${dc}`);
    }
    if (component === 'binary_sensor' && dc && !BINARY_CLASSES.has(dc))
      bad(`binary_sensor device_class ${dc} not allowed`);
    if (p.expire_after !== undefined && !(component === 'sensor' || component === 'binary_sensor'))
      bad('expire_after on a component that ignores it');
    if (component === 'event' && (!Array.isArray(p.event_types) || p.event_types.length === 0))
      bad('event_types must be a non-empty list');
    if (component === 'number' && Number(p.min) >= Number(p.max)) bad('min must be below max');

    // Topics the entity reads a value from must exist (events are momentary, so their topic is exempt).
    const reads = [component === 'event' ? undefined : p.state_topic, p.json_attributes_topic].filter(
      (t): t is string => typeof t === 'string',
    );
    for (const t of reads)
      if (!opts.published.has(t) && !opts.optional?.has(t)) bad(`reads ${t}, which was never published`);
    if (JSON.stringify(p).length > 64_000) bad('payload too large');
  }
  for (const [topic, via] of viaDevices)
    if (!deviceIds.has(via)) problems.push(`${topic}: via_device ${via} is no known device`);
  return problems;
}
