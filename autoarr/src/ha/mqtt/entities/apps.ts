// One device per app instance, linked to the hub. Values come from the stack metrics and the registry's health.
import type { AppInstance } from '../../../settings/settings.js';
import {
  entity,
  measure,
  onOff,
  type BuildContext,
  type DeviceInfo,
  type DiscoveryItem,
  type EntitySpec,
} from '../model.js';

/** A stale speed or time left would mislead (the poller stopped): let HA mark them unavailable after 5 minutes. */
export const EXPIRE_AFTER_S = 300;

export const SAB_STATUSES = ['downloading', 'paused', 'idle', 'checking', 'other'] as const;

const MODELS = { sabnzbd: 'SABnzbd', sonarr: 'Sonarr', radarr: 'Radarr', plex: 'Plex Media Server' } as const;

export function appDevice(i: AppInstance, version?: string): DeviceInfo {
  // The app's own web UI is where its settings live; that is the useful link on an app device.
  return {
    id: i.id,
    name: i.name,
    app: i.app,
    model: MODELS[i.app],
    configurationUrl: withoutCredentials(i.url),
    swVersion: version,
  };
}

/** A URL may carry user:password@; the link in Home Assistant must not. */
function withoutCredentials(url: string): string | undefined {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

const connected: EntitySpec = {
  component: 'binary_sensor',
  key: 'connected',
  name: 'Connected',
  value: 'connected',
  appAvailability: false,
  options: { device_class: 'connectivity', entity_category: 'diagnostic', ...onOff },
};

/**
 * ON while the app is not working (down, wrong key, wrong app, or SABnzbd paused itself for low disk), with the
 * message that says what to do; readable while the app is down, like `connected`.
 */
const problem: EntitySpec = {
  component: 'binary_sensor',
  key: 'problem',
  name: 'Problem',
  value: 'problem',
  appAvailability: false,
  options: {
    device_class: 'problem',
    ...onOff,
    json_attributes_template: '{{ {"state": value_json.app_state, "message": value_json.problem_message} | tojson }}',
  },
};

function sabnzbd(): EntitySpec[] {
  const fresh = { expire_after: EXPIRE_AFTER_S };
  return [
    {
      component: 'sensor',
      key: 'status',
      name: 'Status',
      value: 'status',
      options: { device_class: 'enum', options: [...SAB_STATUSES], ...fresh },
    },
    { component: 'sensor', key: 'speed', name: 'Speed', value: 'speed', options: { ...measure.rate, ...fresh } },
    {
      component: 'sensor',
      key: 'queue_remaining',
      name: 'Queue remaining',
      value: 'size_left',
      options: { ...measure.size, ...fresh },
    },
    {
      component: 'sensor',
      key: 'queue_count',
      name: 'Queue count',
      value: 'queue_count',
      options: measure.count,
      icon: 'mdi:tray-full',
    },
    {
      component: 'sensor',
      key: 'time_left',
      name: 'Time left',
      value: 'time_left',
      options: { ...measure.duration, ...fresh },
    },
    { component: 'sensor', key: 'disk_free', name: 'Disk free', value: 'disk_free', options: measure.size },
    {
      component: 'binary_sensor',
      key: 'warnings',
      name: 'Warnings',
      value: 'warnings',
      options: {
        device_class: 'problem',
        ...onOff,
        json_attributes_template: '{{ {"warnings": value_json.warning_texts} | tojson }}',
      },
    },
    connected,
    problem,
    {
      component: 'switch',
      key: 'paused',
      name: 'Paused',
      value: 'paused',
      command: true,
      options: onOff,
      icon: 'mdi:pause',
    },
    {
      component: 'number',
      key: 'speed_limit',
      name: 'Speed limit',
      value: 'speed_limit',
      command: true,
      options: { min: 0, max: 100, step: 1, mode: 'slider', unit_of_measurement: '%' },
      icon: 'mdi:speedometer',
    },
    {
      component: 'button',
      key: 'resume_all',
      name: 'Resume all',
      command: true,
      options: { payload_press: 'PRESS' },
      icon: 'mdi:play',
    },
  ];
}

function arr(): EntitySpec[] {
  return [
    {
      component: 'sensor',
      key: 'queue_count',
      name: 'Queue count',
      value: 'queue_count',
      options: measure.count,
      icon: 'mdi:tray-full',
    },
    {
      component: 'sensor',
      key: 'missing',
      name: 'Wanted missing',
      value: 'missing',
      options: measure.count,
      icon: 'mdi:magnify',
    },
    {
      component: 'sensor',
      key: 'health_issues',
      name: 'Health issues',
      value: 'health_issues',
      options: { ...measure.count, json_attributes_template: '{{ {"issues": value_json.health_messages} | tojson }}' },
      icon: 'mdi:heart-pulse',
    },
    { component: 'sensor', key: 'disk_free', name: 'Disk free', value: 'disk_free', options: measure.size },
    connected,
    problem,
    {
      component: 'button',
      key: 'search_missing',
      name: 'Search missing',
      command: true,
      options: { payload_press: 'PRESS' },
      icon: 'mdi:magnify-scan',
    },
  ];
}

function plex(): EntitySpec[] {
  return [
    {
      component: 'sensor',
      key: 'sessions',
      name: 'Active sessions',
      value: 'sessions',
      options: measure.count,
      icon: 'mdi:play-network',
    },
    {
      component: 'sensor',
      key: 'libraries',
      name: 'Libraries',
      value: 'libraries',
      options: measure.count,
      icon: 'mdi:bookshelf',
    },
    connected,
    problem,
    {
      component: 'button',
      key: 'scan_libraries',
      name: 'Scan libraries',
      command: true,
      options: { payload_press: 'PRESS' },
      icon: 'mdi:folder-refresh',
    },
  ];
}

export function appEntities(ctx: BuildContext, i: AppInstance, version?: string): DiscoveryItem[] {
  const d = appDevice(i, version);
  const specs = i.app === 'sabnzbd' ? sabnzbd() : i.app === 'plex' ? plex() : arr();
  return specs.map((spec) => {
    const item = entity(ctx, d, spec);
    // Attribute templates read the device's state topic.
    if (item.payload.json_attributes_template && !item.payload.json_attributes_topic) {
      item.payload.json_attributes_topic = item.payload.state_topic;
    }
    return item;
  });
}
