// The typed event map: one entry per event. The monitor and the audit emit; MQTT, HA, the UI and MCP listen.
import type { AppErrorKind } from '../apps/common/errors.js';
import type { SabQueue } from '../apps/sabnzbd/types.js';
import type { AppMetricsEvent, AppStatus, Download } from '../shared/types.js';

export interface DownloadEvent {
  download: Download;
  /** Why this event fired, in words a person understands. */
  reason: string;
}

export interface AuditDriftEvent {
  findings: Array<{ id: string; ruleId: string; instanceId: string; title: string; severity: string }>;
}

/** One app's result in a monitor poll; the app health feature follows it at once. */
export interface AppPolledEvent {
  instanceId: string;
  /** Absent when the poll's reads succeeded; kind 'other' for an error that is not an AppError. */
  error?: { kind: AppErrorKind | 'other'; message: string };
  /** SABnzbd only: the whole queue is paused. */
  paused?: boolean;
  /** SABnzbd only: the queue figures this poll read, so the stack metrics need not read the queue again. */
  queue?: Pick<
    SabQueue,
    | 'paused'
    | 'status'
    | 'speedBps'
    | 'speedLimitPercent'
    | 'sizeLeftBytes'
    | 'timeLeftSeconds'
    | 'diskFreeBytes'
    | 'noOfSlots'
  >;
}

export interface BusEvents {
  'download.stalled': DownloadEvent;
  'download.failed': DownloadEvent;
  'download.import_blocked': DownloadEvent;
  'download.recovering': DownloadEvent;
  'download.recovered': DownloadEvent;
  'download.gave_up': DownloadEvent;
  'download.completed': DownloadEvent;
  /** Any change to the unified downloads view (progress, state); for live UIs and entities. */
  'downloads.updated': { downloads: Download[] };
  'app.health_changed': { status: AppStatus; previous?: AppStatus };
  'app.polled': AppPolledEvent;
  'activity.added': { id: number; kind: string; action: string; message: string };
  /** findings: how many findings the run left open (for the "Audit findings" entity). */
  'audit.completed': { runId: number; score: number; findings?: number };
  'audit.drift': AuditDriftEvent;
  /** The audit changed (fix) or restored (rollback) a setting in an app. */
  'audit.changed': { changeId: number; kind: 'fix' | 'rollback'; instanceId: string; ruleId: string; by: string };
  'settings.changed': { key: string; value: unknown };
  /** Stack metrics of one app instance, every 30 s (metrics feature). */
  'app.metrics': AppMetricsEvent;
}

export type BusEventName = keyof BusEvents;
