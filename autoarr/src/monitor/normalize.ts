// Client types → the monitor's observations. The only file that knows how the clients spell things, and the edge where
// upstream text enters the monitor: every name, title and message is redacted here once (an indexer's apikey= in a
// release name, a key an app echoes in a message), so the downloads list, activity, SSE, MQTT and MCP all carry the
// redacted text.
import type { QueueResource as RadarrQueue, HistoryResource as RadarrHistory } from '../apps/radarr/types.js';
import type { SabHistorySlot, SabQueue, SabQueueSlot } from '../apps/sabnzbd/types.js';
import type { QueueResource as SonarrQueue, HistoryResource as SonarrHistory } from '../apps/sonarr/types.js';
import { upstreamText as clean } from '../log/redact.js';
import type { DownloadMedia } from '../shared/types.js';
import { formatBytes, formatDuration } from './explain.js';
import type { ArrGrab, ArrOutcome, ArrRecordObs, SabHistoryObs, SabJobObs, SabObs } from './model.js';

/** Free space below which a paused SABnzbd is taken to be paused for disk space. */
const LOW_DISK_BYTES = 2_000_000_000;

export function sabJob(s: SabQueueSlot): SabJobObs {
  return {
    nzoId: s.nzoId,
    name: clean(s.filename),
    status: s.status,
    category: clean(s.category),
    sizeBytes: s.sizeBytes,
    bytesLeft: s.bytesLeft,
    labels: s.labels,
    index: s.index,
    timeLeftSeconds: s.timeLeftSeconds,
  };
}

export function sabHistory(h: SabHistorySlot, now: number): SabHistoryObs {
  return {
    nzoId: h.nzoId,
    name: clean(h.name),
    status: h.status,
    failMessage: clean(h.failMessage),
    category: clean(h.category),
    bytes: h.bytes,
    completedAt: h.completedAt > 0 ? h.completedAt * 1000 : now,
  };
}

/** Why SABnzbd as a whole is paused (R11), in words; undefined when it is not. */
export function sabPauseReason(q: SabQueue): string | undefined {
  if (!q.paused) return undefined;
  if (q.diskFreeBytes < Math.max(LOW_DISK_BYTES, q.sizeLeftBytes))
    return `only ${formatBytes(q.diskFreeBytes)} free on the download disk`;
  if (q.pausedInt && q.pausedInt > 0) return `a timed pause, ${formatDuration(q.pausedInt * 1000)} left`;
  return 'paused by a person, a schedule or the download quota';
}

export function sabObs(instanceId: string, name: string, q: SabQueue, history: SabHistoryObs[]): SabObs {
  const pauseReason = sabPauseReason(q);
  return {
    instanceId,
    name,
    paused: q.paused,
    ...(pauseReason ? { pauseReason } : {}),
    speedBps: q.speedBps,
    diskFreeBytes: q.diskFreeBytes,
    queue: q.slots.map(sabJob),
    history,
  };
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

function parseTime(s: string | null | undefined): number | undefined {
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

// Plain assignments, not conditional spreads: these run for every queue record on every poll.
/** Tag id → label, as read from GET /api/v3/tag. */
export type TagNames = ReadonlyMap<number, string>;

const NO_TAGS: TagNames = new Map();

/** The labels of a series'/movie's tag ids; ids the map does not know yet are left out. */
function tagLabels(ids: number[] | null | undefined, names: TagNames): string[] {
  const out: string[] = [];
  for (const id of ids ?? []) {
    const label = names.get(id);
    if (label) out.push(clean(label));
  }
  return out;
}

export function sonarrRecord(r: SonarrQueue, names: TagNames = NO_TAGS): ArrRecordObs {
  const o = common(r);
  if (r.series?.tags?.length) o.tags = tagLabels(r.series.tags, names);
  const series = clean(r.series?.title);
  const ep = r.episode;
  if (typeof r.seriesId === 'number') o.seriesId = r.seriesId;
  if (typeof r.episodeId === 'number') o.episodeId = r.episodeId;
  if (series)
    o.label = ep ? `${series} S${pad(ep.seasonNumber ?? r.seasonNumber ?? 0)}E${pad(ep.episodeNumber)}` : series;
  return o;
}

export function radarrRecord(r: RadarrQueue, names: TagNames = NO_TAGS): ArrRecordObs {
  const o = common(r);
  if (r.movie?.tags?.length) o.tags = tagLabels(r.movie.tags, names);
  const m = r.movie;
  if (typeof r.movieId === 'number') o.movieId = r.movieId;
  const title = clean(m?.title);
  if (title) o.label = m?.year ? `${title} (${m.year})` : title;
  return o;
}

function common(r: SonarrQueue | RadarrQueue): ArrRecordObs {
  const o: ArrRecordObs = {
    queueId: r.id ?? 0,
    title: clean(r.title) ?? 'Unknown release',
    status: r.status ?? 'unknown',
    trackedStatus: r.trackedDownloadStatus ?? 'ok',
    trackedState: r.trackedDownloadState ?? 'downloading',
    messages: [],
    sizeBytes: r.size ?? 0,
    bytesLeft: r.sizeleft ?? 0,
    protocol: r.protocol === 'usenet' || r.protocol === 'torrent' ? r.protocol : 'unknown',
    tags: [],
  };
  if (r.downloadId) o.downloadId = r.downloadId;
  if (r.errorMessage) o.errorMessage = clean(r.errorMessage);
  if (r.downloadClient) o.downloadClient = clean(r.downloadClient);
  for (const m of r.statusMessages ?? []) for (const text of m.messages ?? []) o.messages.push(clean(text));
  const addedAt = parseTime(r.added);
  if (addedAt !== undefined) o.addedAt = addedAt;
  return o;
}

/** An import or a failure from *arr history, indexed by its download id. */
export function outcomeFrom(instanceId: string, h: SonarrHistory | RadarrHistory): ArrOutcome | undefined {
  if (!h.downloadId) return undefined;
  const kind =
    h.eventType === 'downloadFolderImported' ? 'imported' : h.eventType === 'downloadFailed' ? 'failed' : undefined;
  if (!kind) return undefined;
  const message = clean(h.data?.message ?? undefined);
  return {
    instanceId,
    downloadId: h.downloadId,
    kind,
    at: parseTime(h.date) ?? 0,
    ...(message ? { message } : {}),
  };
}

/** A grab from *arr history (eventType "grabbed"), indexed by its download id. */
export function grabFrom(
  instanceId: string,
  app: 'sonarr' | 'radarr',
  h: SonarrHistory | RadarrHistory,
): ArrGrab | undefined {
  if (!h.downloadId) return undefined;
  const media: DownloadMedia =
    app === 'radarr'
      ? 'movieId' in h && typeof h.movieId === 'number'
        ? { kind: 'movie', movieId: h.movieId }
        : { kind: 'unknown' }
      : 'episodeId' in h && typeof h.episodeId === 'number'
        ? {
            kind: 'episode',
            episodeIds: [h.episodeId],
            ...('seriesId' in h && typeof h.seriesId === 'number' ? { seriesId: h.seriesId } : {}),
          }
        : { kind: 'unknown' };
  return {
    instanceId,
    app,
    downloadId: h.downloadId,
    media,
    title: clean(h.sourceTitle) ?? '',
    grabbedAt: parseTime(h.date) ?? 0,
  };
}
