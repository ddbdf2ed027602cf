// The health card's configuration and its validation.
import type { ConfigForm, LovelaceCardConfig } from '../shared/hass.js';
import { DEFAULT_PREFIX } from './const.js';

export interface HealthCardConfig extends LovelaceCardConfig {
  title?: string;
  /** Entity id prefix: "autoarr" gives sensor.autoarr_hub_audit_score, binary_sensor.autoarr_sonarr_connected … */
  prefix: string;
  show_recovery_switch: boolean;
}

export function parseHealthConfig(raw: unknown): HealthCardConfig {
  if (!raw || typeof raw !== 'object') throw new Error('AutoArr health card: the configuration must be a mapping');
  const c = raw as Record<string, unknown>;
  const prefix = c.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || !/^[a-z0-9_]+$/.test(prefix)) {
    throw new Error('AutoArr health card: "prefix" must be lower-case letters, digits and _ (default "autoarr")');
  }
  if (c.title !== undefined && typeof c.title !== 'string')
    throw new Error('AutoArr health card: "title" must be text');
  if (c.show_recovery_switch !== undefined && typeof c.show_recovery_switch !== 'boolean') {
    throw new Error('AutoArr health card: "show_recovery_switch" must be true or false');
  }
  return {
    ...c,
    type: String(c.type ?? 'custom:autoarr-health-card'),
    prefix,
    title: c.title as string | undefined,
    show_recovery_switch: (c.show_recovery_switch as boolean | undefined) ?? true,
  };
}

const LABELS: Record<string, string> = {
  title: 'Title',
  prefix: 'Entity prefix',
  show_recovery_switch: 'Show the automatic-recovery switch',
};

export const healthConfigForm = (): ConfigForm => ({
  schema: [
    { name: 'title', selector: { text: {} } },
    { name: 'prefix', selector: { text: {} } },
    { name: 'show_recovery_switch', selector: { boolean: {} } },
  ],
  computeLabel: (s) => LABELS[s.name],
  computeHelper: (s) =>
    s.name === 'prefix' ? 'Change only if the add-on\'s MQTT base topic is not "autoarr".' : undefined,
  assertConfig: (c) => void parseHealthConfig(c),
});
