// Formatting shared by the UI and the cards: sizes, speeds, durations, times and download-state labels.
import { APP_LABEL as LABELS, ATTENTION_STATES } from '../../../autoarr/src/shared/domain.js';
import type { DownloadState } from '../../../autoarr/src/shared/types.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function bytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n < 0) return '–';
  let i = 0;
  let v = n;
  while (v >= 1000 && i < UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${UNITS[i]}`;
}

export const speed = (bps: number | undefined) => (bps ? `${bytes(bps)}/s` : '–');

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60 ? `${s % 60}s` : ''}`.trim();
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function ago(iso: string | number | undefined, now = Date.now()): string {
  if (iso === undefined) return '–';
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(t)) return '–';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function clock(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'muted';

export const STATE_LABEL: Record<DownloadState, string> = {
  queued: 'Queued',
  downloading: 'Downloading',
  paused: 'Paused',
  stalled: 'Stalled',
  post_processing: 'Unpacking',
  import_pending: 'Waiting for import',
  import_blocked: 'Import blocked',
  failed: 'Failed',
  recovering: 'Recovering',
  completed: 'Completed',
  removed: 'Removed',
  replaced: 'Replaced',
};

export const STATE_TONE: Record<DownloadState, Tone> = {
  queued: 'muted',
  downloading: 'info',
  paused: 'muted',
  stalled: 'warn',
  post_processing: 'info',
  import_pending: 'info',
  import_blocked: 'bad',
  failed: 'bad',
  recovering: 'warn',
  completed: 'ok',
  removed: 'muted',
  replaced: 'ok',
};

/** States a person should look at (shared/domain.ts). */
export const ATTENTION: ReadonlySet<string> = new Set(ATTENTION_STATES);

/** App labels (shared/domain.ts), indexable by any string the API sends; callers fall back to the raw kind. */
export const APP_LABEL: Readonly<Record<string, string>> = LABELS;

export const stateLabel = (s: string) => STATE_LABEL[s as DownloadState] ?? s.replace(/_/g, ' ');
export const stateTone = (s: string): Tone => STATE_TONE[s as DownloadState] ?? 'muted';
