// The values behind the entities, kept from bus events (never read from the monitor's internals) and rendered as
// one JSON state per device. The 24 h counters and the audit result come from the Stats service (ctx.stats).
import type { AppInstance } from '../../settings/settings.js';
import { isProblem } from '../../shared/domain.js';
import type { MqttDownloadRow, MqttDownloadsAttributes, MqttHubState } from '../../shared/mqtt.js';
import type { AppMetricsEvent, AppStatus, Download, DownloadState, StackStats } from '../../shared/types.js';
import { SAB_STATUSES } from './entities/apps.js';

const ORDER: DownloadState[] = [
  'stalled',
  'import_blocked',
  'failed',
  'recovering',
  'downloading',
  'post_processing',
  'import_pending',
  'queued',
  'paused',
  'completed',
  'removed',
  'replaced',
];
/** Out of the queue for good: not counted as active downloads. */
const FINISHED: ReadonlySet<DownloadState> = new Set(['completed', 'removed', 'replaced']);
/** Home Assistant drops attributes over 16 KB; stay well below. */
const MAX_ATTR_BYTES = 15_000;
const TOP = 20;

export interface RuntimeView {
  autoRecovery: boolean;
  dryRun: boolean;
}

export class StackState {
  downloads: Download[] = [];
  private readonly metrics = new Map<string, AppMetricsEvent>();

  setMetrics(e: AppMetricsEvent): void {
    this.metrics.set(e.instanceId, e);
  }

  hubState(runtime: RuntimeView, stats: StackStats): MqttHubState {
    const live = this.downloads.filter((d) => !d.ignored);
    return {
      problem: this.downloads.some(isProblem) ? 'ON' : 'OFF',
      // A stall is usually handed to recovery in the same poll; count it until the new grab arrives, or the
      // sensor would almost always read 0 with automatic recovery on.
      stalled: live.filter((d) => d.state === 'stalled' || (d.state === 'recovering' && d.strikes.count > 0)).length,
      failed_24h: stats.failed24h,
      recoveries_24h: stats.recoveries24h,
      audit_score: stats.audit?.score ?? null,
      audit_findings: stats.audit?.findings ?? null,
      auto_recovery: runtime.autoRecovery ? 'ON' : 'OFF',
      dry_run: runtime.dryRun ? 'ON' : 'OFF',
      downloads: this.downloads.filter((d) => !FINISHED.has(d.state)).length,
    };
  }

  /** The Last recovery sensor's message, or undefined before the first recovery (then nothing is published). */
  lastRecovery(stats: StackStats): { at: string; attributes: Record<string, string> } | undefined {
    const last = stats.lastRecovery;
    if (!last) return undefined;
    const { at, id, title, app, instance, reason } = last;
    return { at, attributes: { title, download_id: id, app, instance, reason } };
  }

  /**
   * The compact list of active downloads for dashboard cards: problems first, top 20, under 16 KB. `retryTopic` is
   * the command topic a card publishes a download id to, to retry that one download.
   */
  downloadsAttributes(retryTopic?: string): MqttDownloadsAttributes {
    const cap = (s: string) => (s.length > 90 ? `${s.slice(0, 89)}…` : s);
    const active = this.downloads
      .filter((d) => !FINISHED.has(d.state))
      .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || b.progress - a.progress);
    const items = active.slice(0, TOP).map((d): MqttDownloadRow => ({
      id: d.id,
      // The media ("Show – S01E02") for people; the release name stays in title.
      name: cap(d.media?.label || d.title),
      title: d.title.length > 90 ? `${d.title.slice(0, 89)}…` : d.title,
      app: d.app,
      instance: d.instanceId,
      state: d.state,
      progress: Math.floor(d.progress),
      size: d.sizeBytes,
      left: d.bytesLeft,
      eta: d.etaSeconds ?? null,
      speed: Math.max(0, Math.round(d.speedBps || 0)),
      strikes: d.strikes.count,
      ignored: d.ignored,
    }));
    const out: MqttDownloadsAttributes = {
      total: active.length,
      ...(retryTopic ? { retry_topic: retryTopic } : {}),
      downloads: items,
    };
    while (JSON.stringify(out).length > MAX_ATTR_BYTES && out.downloads.length > 1) out.downloads.pop();
    return out;
  }

  appState(i: AppInstance, status: AppStatus | undefined): Record<string, unknown> {
    const state = status?.state ?? 'unknown';
    // Degraded (SABnzbd paused itself) still answers: connected, but a problem.
    const base = {
      connected: state === 'connected' || state === 'degraded' ? 'ON' : 'OFF',
      problem: state === 'connected' || state === 'unknown' ? 'OFF' : 'ON',
      app_state: state,
      problem_message: state === 'connected' || state === 'unknown' ? null : (status?.message ?? null),
    };
    const m = this.metrics.get(i.id)?.metrics;
    if (!m) return base;
    switch (m.kind) {
      case 'sabnzbd': {
        const word = m.status.toLowerCase();
        return {
          ...base,
          status: (SAB_STATUSES as readonly string[]).includes(word) ? word : m.paused ? 'paused' : 'other',
          speed: m.speedBps,
          size_left: m.sizeLeftBytes,
          queue_count: m.queueCount,
          time_left: m.timeLeftSeconds,
          disk_free: m.diskFreeBytes,
          warnings: m.warnings.length ? 'ON' : 'OFF',
          warning_texts: m.warnings,
          paused: m.paused ? 'ON' : 'OFF',
          speed_limit: m.speedLimitPercent,
        };
      }
      case 'plex':
        return { ...base, sessions: m.sessions, libraries: m.libraries };
      default:
        return {
          ...base,
          queue_count: m.queueCount,
          missing: m.missingCount,
          health_issues: m.healthIssues.length,
          health_messages: m.healthIssues.map((h) => h.message).slice(0, 20),
          disk_free: m.diskFreeBytes ?? null,
        };
    }
  }

  /** Overrides a value until the next poll confirms it (a command changed the app). */
  patchMetrics(instanceId: string, patch: Record<string, unknown>): void {
    const e = this.metrics.get(instanceId);
    if (e) this.metrics.set(instanceId, { ...e, metrics: { ...e.metrics, ...patch } as AppMetricsEvent['metrics'] });
  }
}
