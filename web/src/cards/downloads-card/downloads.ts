// Reads the compact download list from the hub "Downloads" sensor's attributes, published by the add-on over MQTT as
// MqttDownloadsAttributes (shared/mqtt.ts). What arrives through Home Assistant is checked field by field: an older
// add-on or a hand-edited entity may send less.
import type { MqttDownloadRow } from '../../../../autoarr/src/shared/mqtt.js';
import type { HassEntity } from '../shared/hass.js';

export interface CardDownload {
  id: string;
  /** What is being downloaded ("Show – S01E02"), or the release name when AutoArr does not know the media. */
  name: string;
  title: string;
  app: string;
  state: string;
  progress: number;
  size?: number;
  left?: number;
  eta?: number;
  speed?: number;
  strikes: number;
  ignored: boolean;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface DownloadsAttributes {
  total: number;
  items: CardDownload[];
}

export function readDownloads(e: HassEntity | undefined): DownloadsAttributes {
  const raw = e?.attributes.downloads;
  const items: CardDownload[] = [];
  if (Array.isArray(raw)) {
    for (const r of raw as Array<{ [K in keyof MqttDownloadRow]?: unknown }>) {
      if (!r || typeof r !== 'object' || typeof r.title !== 'string') continue;
      items.push({
        id: String(r.id ?? r.title),
        name: typeof r.name === 'string' && r.name ? r.name : r.title,
        title: r.title,
        app: String(r.app ?? ''),
        state: String(r.state ?? 'queued'),
        progress: num(r.progress) ?? 0,
        size: num(r.size),
        left: num(r.left),
        eta: num(r.eta),
        speed: num(r.speed),
        strikes: num(r.strikes) ?? 0,
        ignored: r.ignored === true,
      });
    }
  }
  const total = num(e?.attributes.total) ?? items.length;
  return { total, items };
}
