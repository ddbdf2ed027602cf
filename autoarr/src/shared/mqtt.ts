// The JSON AutoArr publishes over MQTT, typed once for the publisher (ha/mqtt) and the dashboard cards that read it
// back from Home Assistant's entity attributes. Types only; aliases, not interfaces, so each is a plain JSON record.
import type { AppKind, DownloadState } from './domain.js';
import type { DownloadEventKind } from './events.js';

export type OnOff = 'ON' | 'OFF';

/** <base>/hub/state: the hub device's entities read their values from this one JSON state. */
export type MqttHubState = {
  /** A download is a problem (isProblem in shared/domain.ts). */
  problem: OnOff;
  stalled: number;
  failed_24h: number;
  recoveries_24h: number;
  audit_score: number | null;
  audit_findings: number | null;
  auto_recovery: OnOff;
  dry_run: OnOff;
  /** Downloads not finished yet. */
  downloads: number;
};

/** One row of the hub "Downloads" sensor's attributes. */
export type MqttDownloadRow = {
  id: string;
  /** The media ("Show – S01E02") for people; the release name stays in title. */
  name: string;
  title: string;
  app: AppKind;
  instance: string;
  state: DownloadState;
  progress: number;
  size: number;
  left: number;
  eta: number | null;
  speed: number;
  strikes: number;
  ignored: boolean;
};

/** <base>/hub/downloads: the compact list the downloads card shows (problems first, under 16 KB). */
export type MqttDownloadsAttributes = {
  total: number;
  /** The command topic a card publishes a download id to, to retry that one download. */
  retry_topic?: string;
  downloads: MqttDownloadRow[];
};

/** <base>/hub/event and the device triggers: one download event. */
export type MqttDownloadEvent = {
  event_type: Exclude<DownloadEventKind, 'recovering'>;
  download_id: string;
  title: string;
  app: AppKind;
  instance: string;
  media: string | null;
  reason: string;
  strikes: number;
};
