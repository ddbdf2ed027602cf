// Finds AutoArr's entities through Home Assistant's device and entity registries (hass.devices / hass.entities), so
// a renamed entity id still works; the cards fall back to the discovery defaults only when the registry says nothing.
import type { HassEntity, HomeAssistant } from './hass.js';

/** The AutoArr hub device's model, as the add-on's MQTT discovery publishes it. */
const HUB_MODEL = 'AutoArr hub';

export function autoarrDevices(hass: HomeAssistant): Array<{ id: string; name: string; hub: boolean }> {
  return Object.values(hass.devices ?? {})
    .filter((d) => d?.manufacturer === 'AutoArr')
    .map((d) => ({ id: d!.id, name: d!.name_by_user || d!.name || '', hub: d!.model === HUB_MODEL }));
}

/** The states of a device's entities in one domain. */
export function deviceEntities(hass: HomeAssistant, deviceId: string, domain: string): HassEntity[] {
  const out: HassEntity[] = [];
  for (const e of Object.values(hass.entities ?? {})) {
    if (e?.device_id !== deviceId || !e.entity_id.startsWith(`${domain}.`)) continue;
    const s = hass.states[e.entity_id];
    if (s) out.push(s);
  }
  return out;
}

/** The first entity of an AutoArr device (the hub, or any app device) that matches. */
export function findEntity(
  hass: HomeAssistant,
  domain: string,
  match: (e: HassEntity) => boolean,
  where: 'hub' | 'app' = 'hub',
): string | undefined {
  for (const d of autoarrDevices(hass)) {
    if (d.hub !== (where === 'hub')) continue;
    const hit = deviceEntities(hass, d.id, domain).find(match);
    if (hit) return hit.entity_id;
  }
  return undefined;
}

/** The hub's "Downloads" sensor: the one whose attributes carry the download list. */
export const findDownloadsSensor = (hass: HomeAssistant) =>
  findEntity(hass, 'sensor', (e) => Array.isArray(e.attributes.downloads));
/** The hub's "Retry stalled now" button (its icon tells it from "Run audit"). */
export const findRetryButton = (hass: HomeAssistant) =>
  findEntity(hass, 'button', (e) => e.attributes.icon === 'mdi:restart');
/** SABnzbd's speed sensor: the data-rate sensor of an AutoArr app device. */
export const findSpeedSensor = (hass: HomeAssistant) =>
  findEntity(hass, 'sensor', (e) => e.attributes.device_class === 'data_rate', 'app');
