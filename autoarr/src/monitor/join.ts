// Joins SABnzbd's queue and history with every *arr queue: the *arr downloadId is SABnzbd's nzo_id.
import type { DownloadMedia } from '../shared/types.js';
import type { ArrGrab, ArrObs, ArrRecordObs, SabHistoryObs, SabJobObs, SabObs, Snapshot } from './model.js';

/** One download as seen in this poll, from every source that knows it. */
export interface Observed {
  id: string;
  instanceId: string;
  app: 'sabnzbd' | 'sonarr' | 'radarr';
  title: string;
  media: DownloadMedia;
  records: ArrRecordObs[];
  arr?: ArrObs;
  sab?: SabObs;
  job?: SabJobObs;
  hist?: SabHistoryObs;
  /** The *arr history grab for a job the *arr queue no longer shows. */
  grab?: ArrGrab;
}

export function mediaOf(app: 'sonarr' | 'radarr', records: ArrRecordObs[]): DownloadMedia {
  const first = records[0];
  if (app === 'radarr') {
    return first?.movieId !== undefined
      ? { kind: 'movie', movieId: first.movieId, ...(first.label ? { label: first.label } : {}) }
      : { kind: 'unknown' };
  }
  const episodeIds = [...new Set(records.flatMap((r) => (r.episodeId !== undefined ? [r.episodeId] : [])))];
  if (!first || (first.seriesId === undefined && episodeIds.length === 0)) return { kind: 'unknown' };
  return {
    kind: 'episode',
    ...(first.seriesId !== undefined ? { seriesId: first.seriesId } : {}),
    episodeIds,
    ...(first.label ? { label: first.label } : {}),
  };
}

/** True when two media descriptions point at the same episode or movie (a new grab for the same thing). */
export function sameMedia(a: DownloadMedia, b: DownloadMedia): boolean {
  if (a.kind === 'movie' && b.kind === 'movie') return a.movieId === b.movieId;
  if (a.kind === 'episode' && b.kind === 'episode') {
    const ids = new Set(a.episodeIds ?? []);
    return (b.episodeIds ?? []).some((id) => ids.has(id));
  }
  return false;
}

/**
 * Builds the observed downloads. Completed SABnzbd history jobs are only included when `known` says the monitor
 * saw them before (so old history does not flood the view); failed ones within `since` always are.
 */
export function joinSnapshot(snap: Snapshot, known: (id: string) => boolean, since: number): Map<string, Observed> {
  const out = new Map<string, Observed>();
  const jobs = new Map<string, { sab: SabObs; job: SabJobObs }>();
  const hists = new Map<string, { sab: SabObs; hist: SabHistoryObs }>();
  for (const sab of snap.sabs) {
    if (sab.error) continue;
    for (const job of sab.queue) jobs.set(job.nzoId, { sab, job });
    for (const hist of sab.history) if (!hists.has(hist.nzoId)) hists.set(hist.nzoId, { sab, hist });
  }

  for (const arr of snap.arrs) {
    if (arr.error) continue;
    const groups = new Map<string, ArrRecordObs[]>();
    for (const r of arr.records) {
      const key = r.downloadId ?? `${arr.instanceId}:${r.queueId}`;
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    for (const [id, records] of groups) {
      const first = records[0];
      if (!first || out.has(id)) continue;
      const j = jobs.get(id);
      const h = hists.get(id);
      out.set(id, {
        id,
        instanceId: arr.instanceId,
        app: arr.app,
        title: first.title,
        media: mediaOf(arr.app, records),
        records,
        arr,
        ...(j ? { sab: j.sab, job: j.job } : h ? { sab: h.sab } : {}),
        ...(h ? { hist: h.hist } : {}),
      });
    }
  }

  const untracked = (id: string, sab: SabObs, title: string): Observed => {
    const grab = snap.grabs.get(id);
    return grab
      ? { id, instanceId: grab.instanceId, app: grab.app, title, media: grab.media, records: [], sab, grab }
      : { id, instanceId: sab.instanceId, app: 'sabnzbd', title, media: { kind: 'unknown' }, records: [], sab };
  };
  for (const [id, { sab, job }] of jobs) if (!out.has(id)) out.set(id, { ...untracked(id, sab, job.name), job });
  for (const [id, { sab, hist }] of hists) {
    if (out.has(id)) continue;
    const isCompleted = hist.status.toLowerCase() === 'completed';
    if (!known(id) && (isCompleted || hist.completedAt < since)) continue;
    out.set(id, { ...untracked(id, sab, hist.name), hist });
  }
  return out;
}
