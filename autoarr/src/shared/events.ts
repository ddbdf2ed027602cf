// Event kinds derived from the bus event map (bus/events.ts), so adding an event is one edit there and every list
// here is checked against it by the compiler. Type imports only, plus plain data: the web bundle may import this.
import type { BusEventName, BusEvents } from '../bus/events.js';

/** Every download.* event of the bus. */
export type DownloadEventName = Extract<BusEventName, `download.${string}`>;
/** The short kind of a download event ('download.gave_up' → 'gave_up'): MQTT event types, notifications. */
export type DownloadEventKind = DownloadEventName extends `download.${infer K}` ? K : never;

// Keyed by the type, so a download event added to the bus map and missing here fails to compile.
const DOWNLOAD_EVENT_SET: Record<DownloadEventName, true> = {
  'download.stalled': true,
  'download.failed': true,
  'download.import_blocked': true,
  'download.recovering': true,
  'download.recovered': true,
  'download.gave_up': true,
  'download.completed': true,
};
export const DOWNLOAD_EVENTS = Object.keys(DOWNLOAD_EVENT_SET) as DownloadEventName[];

export const downloadEventKind = (name: DownloadEventName): DownloadEventKind =>
  name.slice('download.'.length) as DownloadEventKind;

/** The bus events the UI receives on /api/events (Server-Sent Events), under the same names. */
export const LIVE_EVENTS = [
  'downloads.updated',
  'activity.added',
  'app.health_changed',
  'audit.completed',
  'audit.changed',
  'settings.changed',
] as const satisfies readonly BusEventName[];
export type LiveEventName = (typeof LIVE_EVENTS)[number];

/** What each live event carries: the bus payload, sent as JSON. */
export type LiveEvents = Pick<BusEvents, LiveEventName>;
