// The downloads card's configuration: its type and the validation setConfig runs (a throw shows HA's error card).
import type { ConfigForm, LovelaceCardConfig } from '../shared/hass.js';
import { DEFAULT_DOWNLOADS_ENTITY } from './const.js';

/** Entity ids left out are found through HA's device registry when the card renders (see shared/registry.ts). */
export interface DownloadsCardConfig extends LovelaceCardConfig {
  entity?: string;
  title?: string;
  max_items: number;
  retry_entity?: string;
  speed_entity?: string;
  show_queued: boolean;
}

const ENTITY_ID = /^[a-z_]+\.[a-z0-9_]+$/;

export function parseDownloadsConfig(raw: unknown): DownloadsCardConfig {
  if (!raw || typeof raw !== 'object') throw new Error('AutoArr downloads card: the configuration must be a mapping');
  const c = raw as Record<string, unknown>;
  const entity = c.entity === '' ? undefined : c.entity;
  if (
    entity !== undefined &&
    (typeof entity !== 'string' || !entity.startsWith('sensor.') || !ENTITY_ID.test(entity))
  ) {
    throw new Error(`AutoArr downloads card: "entity" must be a sensor id such as ${DEFAULT_DOWNLOADS_ENTITY}`);
  }
  const max = c.max_items ?? 5;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 20) {
    throw new Error('AutoArr downloads card: "max_items" must be a whole number from 1 to 20');
  }
  for (const key of ['retry_entity', 'speed_entity'] as const) {
    const v = c[key];
    if (v !== undefined && v !== '' && (typeof v !== 'string' || !ENTITY_ID.test(v))) {
      throw new Error(`AutoArr downloads card: "${key}" must be an entity id`);
    }
  }
  if (c.title !== undefined && typeof c.title !== 'string') {
    throw new Error('AutoArr downloads card: "title" must be text');
  }
  if (c.show_queued !== undefined && typeof c.show_queued !== 'boolean') {
    throw new Error('AutoArr downloads card: "show_queued" must be true or false');
  }
  return {
    ...c,
    type: String(c.type ?? 'custom:autoarr-downloads-card'),
    entity: entity as string | undefined,
    max_items: max,
    title: c.title as string | undefined,
    retry_entity: (c.retry_entity as string | undefined) || undefined,
    speed_entity: (c.speed_entity as string | undefined) || undefined,
    show_queued: (c.show_queued as boolean | undefined) ?? true,
  };
}

const LABELS: Record<string, string> = {
  entity: 'Downloads sensor',
  title: 'Title',
  max_items: 'Downloads shown',
  retry_entity: '"Retry stalled" button',
  speed_entity: 'Speed sensor',
  show_queued: 'Show queued downloads',
};

export const downloadsConfigForm = (): ConfigForm => ({
  schema: [
    { name: 'entity', selector: { entity: { domain: 'sensor' } } },
    { name: 'title', selector: { text: {} } },
    { name: 'max_items', selector: { number: { min: 1, max: 20, mode: 'box' } } },
    { name: 'show_queued', selector: { boolean: {} } },
    { name: 'retry_entity', selector: { entity: { domain: 'button' } } },
    { name: 'speed_entity', selector: { entity: { domain: 'sensor' } } },
  ],
  computeLabel: (s) => LABELS[s.name],
  computeHelper: (s) =>
    s.name === 'entity'
      ? 'The AutoArr hub\'s "Downloads" sensor; left empty, the card finds it on the AutoArr device.'
      : undefined,
  assertConfig: (c) => void parseDownloadsConfig(c),
});
