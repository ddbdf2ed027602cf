// The AutoArr hub device: what the monitor and the audit know about the whole stack, plus its switches and buttons.
import type { DownloadEventKind } from '../../../shared/events.js';
import {
  HUB,
  deviceBlock,
  entity,
  measure,
  onOff,
  origin,
  topics,
  type BuildContext,
  type DeviceInfo,
  type DiscoveryItem,
} from '../model.js';

/** The download events the hub's event entity reports (every kind but 'recovering', which is not news on its own). */
export const EVENT_TYPES = [
  'stalled',
  'failed',
  'import_blocked',
  'recovered',
  'gave_up',
  'completed',
] as const satisfies readonly DownloadEventKind[];
export type HubEventType = (typeof EVENT_TYPES)[number];

export function hubDevice(ctx: BuildContext): DeviceInfo {
  return { id: HUB, name: 'AutoArr', model: 'AutoArr hub', swVersion: ctx.version, configurationUrl: ctx.hubUrl };
}

export function hubEntities(ctx: BuildContext): DiscoveryItem[] {
  const d = hubDevice(ctx);
  const n = ctx.naming;
  const e = (spec: Parameters<typeof entity>[2]) => entity(ctx, d, spec);
  return [
    e({
      component: 'binary_sensor',
      key: 'attention',
      name: 'Downloads need attention',
      value: 'problem',
      options: { device_class: 'problem', ...onOff },
    }),
    e({
      component: 'sensor',
      key: 'stalled',
      name: 'Stalled downloads',
      value: 'stalled',
      options: measure.count,
      icon: 'mdi:timer-sand-paused',
    }),
    e({
      component: 'sensor',
      key: 'failed_24h',
      name: 'Failed downloads (24 h)',
      value: 'failed_24h',
      options: measure.count,
      icon: 'mdi:download-off',
    }),
    e({
      component: 'sensor',
      key: 'recoveries_24h',
      name: 'Recoveries (24 h)',
      value: 'recoveries_24h',
      options: measure.count,
      icon: 'mdi:backup-restore',
    }),
    e({
      component: 'sensor',
      key: 'last_recovery',
      name: 'Last recovery',
      // Its own topic, sent only once there was a recovery: on the hub's state a missing value rendered "None",
      // which Home Assistant rejects for a timestamp ("Invalid state message 'None'"). Until then it reads unknown.
      options: {
        ...measure.timestamp,
        state_topic: topics.lastRecovery(n),
        value_template: '{{ value_json.at }}',
        json_attributes_topic: topics.lastRecovery(n),
        json_attributes_template: '{{ value_json.attributes | tojson }}',
      },
    }),
    e({
      component: 'sensor',
      key: 'audit_score',
      name: 'Audit score',
      value: 'audit_score',
      options: { unit_of_measurement: '%', state_class: 'measurement' },
      icon: 'mdi:clipboard-check-outline',
    }),
    e({
      component: 'sensor',
      key: 'audit_findings',
      name: 'Audit findings',
      value: 'audit_findings',
      options: measure.count,
      icon: 'mdi:clipboard-alert-outline',
    }),
    e({
      component: 'sensor',
      key: 'downloads',
      name: 'Downloads',
      value: 'downloads',
      options: { ...measure.count, json_attributes_topic: topics.downloads(n) },
      icon: 'mdi:download',
    }),
    e({
      component: 'event',
      key: 'download_events',
      name: 'Download events',
      options: { state_topic: topics.event(n), event_types: [...EVENT_TYPES] },
      icon: 'mdi:download-circle-outline',
    }),
    e({
      component: 'button',
      key: 'retry_stalled',
      name: 'Retry stalled now',
      command: true,
      options: { payload_press: 'PRESS' },
      icon: 'mdi:restart',
    }),
    e({
      component: 'button',
      key: 'run_audit',
      name: 'Run audit',
      command: true,
      options: { payload_press: 'PRESS' },
      icon: 'mdi:clipboard-play-outline',
    }),
    e({
      component: 'switch',
      key: 'auto_recovery',
      name: 'Automatic recovery',
      value: 'auto_recovery',
      command: true,
      options: { ...onOff, entity_category: 'config' },
      icon: 'mdi:auto-fix',
    }),
    e({
      component: 'switch',
      key: 'dry_run',
      name: 'Dry run',
      value: 'dry_run',
      command: true,
      options: { ...onOff, entity_category: 'config' },
      icon: 'mdi:test-tube',
    }),
  ];
}

/** Device triggers, so the automation editor offers "download stalled" on the AutoArr device with no YAML. */
export const TRIGGER_TYPES = [
  'stalled',
  'failed',
  'import_blocked',
  'recovered',
  'gave_up',
] as const satisfies readonly HubEventType[];
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export function hubTriggers(ctx: BuildContext): DiscoveryItem[] {
  const device = deviceBlock(ctx, hubDevice(ctx));
  return TRIGGER_TYPES.map((t) => ({
    component: 'device_automation' as const,
    objectId: `${HUB}_${t}`,
    payload: {
      automation_type: 'trigger',
      // HA shows an untranslated trigger as `"<subtype>" <type>`: "AutoArr" download stalled.
      type: `download ${t.replace('_', ' ')}`,
      subtype: 'AutoArr',
      topic: topics.trigger(ctx.naming, t),
      device,
      origin: origin(ctx),
    },
  }));
}
