// One poll of one app instance → its metrics. Pure over the client port, so tests feed fakes or the simulated stack.
import type { AppKind } from '../shared/types.js';
import type { AppMetrics, ArrMetrics, PlexMetrics, SabnzbdMetrics } from '../shared/types.js';
import type { AppClientsPort, ArrPort, PlexPort, SabnzbdPort, SabQueueFigures } from './app-clients.js';

export async function collectSabnzbd(sab: SabnzbdPort): Promise<SabnzbdMetrics> {
  const [q, warnings] = await Promise.all([sab.queue({ start: 0, limit: 1 }), sab.warnings().catch(() => [])]);
  return sabnzbdMetrics(q, warnings);
}

/** SABnzbd's metrics from queue figures (its own read, or the monitor's) and its warnings answer. */
export function sabnzbdMetrics(q: SabQueueFigures, warnings: unknown): SabnzbdMetrics {
  return {
    kind: 'sabnzbd',
    status: q.status || (q.paused ? 'Paused' : 'Idle'),
    paused: q.paused,
    speedBps: Math.round(q.speedBps),
    speedLimitPercent: q.speedLimitPercent,
    sizeLeftBytes: Math.round(q.sizeLeftBytes),
    queueCount: q.noOfSlots,
    timeLeftSeconds: Math.round(q.timeLeftSeconds),
    diskFreeBytes: Math.round(q.diskFreeBytes),
    warnings: warningTexts(warnings),
  };
}

export async function collectArr(kind: 'sonarr' | 'radarr', arr: ArrPort): Promise<ArrMetrics> {
  const [queue, missing, health, disks, roots] = await Promise.all([
    arr.queue({ page: 1, pageSize: 1, includeUnknown: true }),
    arr.wantedMissing({ page: 1, pageSize: 1 }),
    arr.health(),
    arr.diskSpace().catch(() => []),
    arr.rootFolders().catch(() => []),
  ]);
  return {
    kind,
    queueCount: queue.totalRecords ?? 0,
    missingCount: missing.totalRecords ?? 0,
    healthIssues: health.map((h) => ({
      type: typeof h.type === 'string' ? h.type : 'warning',
      ...(h.source ? { source: h.source } : {}),
      message: h.message ?? '',
    })),
    ...freeSpace(disks, roots),
  };
}

export async function collectPlex(plex: PlexPort): Promise<PlexMetrics> {
  const [sessions, sections] = await Promise.all([plex.sessions(), plex.sections()]);
  return { kind: 'plex', sessions: countOf(sessions), libraries: countOf(sections) };
}

/** SABnzbd's warnings answer as the texts the metrics keep. */
export async function sabnzbdWarnings(sab: SabnzbdPort): Promise<string[]> {
  return warningTexts(await sab.warnings());
}

export function collect(apps: AppClientsPort, app: AppKind, id: string): Promise<AppMetrics> {
  switch (app) {
    case 'sabnzbd':
      return collectSabnzbd(apps.sabnzbd(id));
    case 'sonarr':
      return collectArr('sonarr', apps.sonarr(id));
    case 'radarr':
      return collectArr('radarr', apps.radarr(id));
    case 'plex':
      return collectPlex(apps.plex(id));
  }
}

// The disk that matters is the one holding the root folders (its mount is the longest path prefix of the
// folder; "/" holds everything otherwise); with several, the fullest one is what runs out first.
function freeSpace(
  disks: Array<{ path?: string | null; freeSpace?: number | null }>,
  roots: Array<{ path?: string | null }>,
): { diskFreeBytes?: number } {
  const known = disks.filter(
    (d): d is { path: string; freeSpace: number } => !!d.path && typeof d.freeSpace === 'number',
  );
  const under = (folder: string, mount: string) =>
    mount === '/' || folder === mount || folder.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
  const holding = roots
    .map((r) => r.path ?? '')
    .filter(Boolean)
    .map((folder) => known.filter((d) => under(folder, d.path)).sort((a, b) => b.path.length - a.path.length)[0])
    .filter((d): d is { path: string; freeSpace: number } => !!d);
  const pick = (holding.length ? holding : known).map((d) => d.freeSpace);
  return pick.length ? { diskFreeBytes: Math.min(...pick) } : {};
}

/** Counts the items of a list-ish answer: an array, {size}, {items}, or Plex's {MediaContainer:{size}}. */
export function countOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.size === 'number') return o.size;
    for (const key of ['items', 'sessions', 'sections', 'Metadata', 'Directory']) {
      if (Array.isArray(o[key])) return (o[key] as unknown[]).length;
    }
    if (o.MediaContainer) return countOf(o.MediaContainer);
  }
  return 0;
}

function warningTexts(v: unknown): string[] {
  const list = Array.isArray(v)
    ? v
    : v && typeof v === 'object' && Array.isArray((v as { warnings?: unknown }).warnings)
      ? (v as { warnings: unknown[] }).warnings
      : [];
  return list
    .map((w) =>
      typeof w === 'string' ? w : w && typeof w === 'object' ? String((w as { text?: unknown }).text ?? '') : '',
    )
    .filter(Boolean)
    .slice(0, 20);
}
