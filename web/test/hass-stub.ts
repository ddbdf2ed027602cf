// A stub `hass` for the card tests built from real discovery: the HA engineer's entity builders give the entity ids,
// names and units; StackState renders the states from AutoArr's real downloads, statuses and switches, exactly as the
// add-on publishes them over MQTT.
import type { AutoArr } from '../../autoarr/src/app.js';
import { appEntities } from '../../autoarr/src/ha/mqtt/entities/apps.js';
import { hubEntities } from '../../autoarr/src/ha/mqtt/entities/hub.js';
import { HUB, naming, topics, type BuildContext, type DiscoveryItem } from '../../autoarr/src/ha/mqtt/model.js';
import { StackState } from '../../autoarr/src/ha/mqtt/state.js';
import type { Download } from '../../autoarr/src/shared/types.js';
import type { HassEntity } from '../src/cards/shared/hass.js';

/** Renders `{{ value_json.x }}` the way Home Assistant does for these simple templates. */
function render(template: unknown, state: Record<string, unknown>): unknown {
  const m = /^\{\{\s*value_json\.(\w+)\s*\}\}$/.exec(String(template ?? ''));
  return m ? state[m[1]!] : undefined;
}

function toHassState(item: DiscoveryItem, value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (item.component === 'binary_sensor' || item.component === 'switch') return value === 'ON' ? 'on' : 'off';
  return String(value);
}

export async function hassStatesFrom(
  a: AutoArr,
  downloads: Download[],
  audit?: { score?: number; findings?: number },
): Promise<Record<string, HassEntity>> {
  const ctx: BuildContext = { naming: naming('homeassistant', 'autoarr'), version: 'test' };
  const state = new StackState();
  state.downloads = downloads;
  // A fresh day's counters, with the audit result the test gives.
  const hub = state.hubState(a.ctx.runtime.get(), { failed24h: 0, recoveries24h: 0, ...(audit ? { audit } : {}) });
  const devices: Array<{ items: DiscoveryItem[]; state: Record<string, unknown>; name: string }> = [
    { items: hubEntities(ctx), state: hub, name: 'AutoArr' },
    ...a.ctx.apps.instances().map((i) => ({
      items: appEntities(ctx, i, a.ctx.apps.status(i.id)?.version),
      state: state.appState(i, a.ctx.apps.status(i.id)),
      name: i.name,
    })),
  ];
  const states: Record<string, HassEntity> = {};
  for (const d of devices) {
    for (const item of d.items) {
      const p = item.payload;
      const entityId = String(p.default_entity_id);
      const attributes: Record<string, unknown> = { friendly_name: `${d.name} ${String(p.name)}` };
      for (const k of ['unit_of_measurement', 'device_class', 'icon', 'state_class']) if (p[k]) attributes[k] = p[k];
      if (item.objectId === `${HUB}_downloads`)
        Object.assign(attributes, state.downloadsAttributes(topics.retryDownload(ctx.naming)));
      const value =
        item.component === 'button' || item.component === 'event' ? 'unknown' : render(p.value_template, d.state);
      states[entityId] = { entity_id: entityId, state: toHassState(item, value), attributes };
    }
  }
  return states;
}
