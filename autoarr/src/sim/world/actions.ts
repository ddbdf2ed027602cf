// What the apps do when asked: an *arr grabs a release (it appears in its queue and in SABnzbd with one id),
// searches, removes a queue item (optionally blocklisting it); SABnzbd pauses, deletes, retries, adds by URL.
import { episodeRelease, movieRelease, type Release } from './releases.js';
import type { ArrApp, Behaviour, CommandRecord, SimDownload } from './model.js';
import { TIMING, type SimWorld } from './world.js';

export interface GrabOptions {
  behaviour?: Behaviour;
  triggerFraction?: number;
  /** Fraction already downloaded (for scenarios that start mid-download). */
  doneFraction?: number;
  /** Added this long before now (so minimum-age rules are satisfied at start). */
  ageMs?: number;
  priority?: number;
  sizeBytes?: number;
}

export type GrabTarget = { app: 'sonarr'; episodeIds: number[] } | { app: 'radarr'; movieId: number };

function attemptsFor(world: SimWorld, target: GrabTarget): number {
  return world.history.filter(
    (h) =>
      h.eventType === 'grabbed' &&
      (target.app === 'sonarr' ? target.episodeIds.includes(h.episodeId ?? -1) : h.movieId === target.movieId),
  ).length;
}

function pickRelease(world: SimWorld, target: GrabTarget): Release | undefined {
  const blocked = new Set(world.blocklist.filter((b) => b.app === target.app).map((b) => b.sourceTitle));
  const start = attemptsFor(world, target);
  for (let attempt = start; attempt < start + 10; attempt++) {
    let release: Release | undefined;
    if (target.app === 'sonarr') {
      const ep = world.episodeById(target.episodeIds[0]);
      const series = world.seriesById(ep?.seriesId);
      if (!ep || !series) return undefined;
      release = episodeRelease(series, ep, attempt, world.rng);
    } else {
      const movie = world.movieById(target.movieId);
      if (!movie) return undefined;
      release = movieRelease(movie, attempt, world.rng);
    }
    if (!blocked.has(release.title)) return release;
  }
  return undefined;
}

export function newNzoId(world: SimWorld): string {
  return `SABnzbd_nzo_${world.rng.chars(8, 'abcdefghijklmnopqrstuvwxyz0123456789_')}`;
}

/** An *arr sends a release to SABnzbd: one download, visible in both queues, and a "grabbed" history event. */
export function grab(world: SimWorld, target: GrabTarget, opts: GrabOptions = {}): SimDownload | undefined {
  const release = pickRelease(world, target);
  if (!release) return undefined;
  const size = opts.sizeBytes ?? release.sizeBytes;
  const now = world.now();
  const added = now - (opts.ageMs ?? 0);
  const d: SimDownload = {
    nzoId: newNzoId(world),
    app: target.app,
    arrQueueId: world.rng.int(100_000_000, 2_000_000_000),
    title: release.title,
    category: target.app === 'sonarr' ? 'tv' : 'movies',
    indexer: release.indexer,
    quality: release.quality,
    releaseGroup: release.group,
    seriesId: target.app === 'sonarr' ? world.episodeById(target.episodeIds[0])?.seriesId : undefined,
    episodeIds: target.app === 'sonarr' ? target.episodeIds : [],
    movieId: target.app === 'radarr' ? target.movieId : undefined,
    sizeBytes: size,
    bytesLeft: Math.round(size * (1 - (opts.doneFraction ?? 0))),
    addedAt: added,
    behaviour: opts.behaviour ?? 'normal',
    triggerFraction: opts.triggerFraction ?? 0.5,
    sab: 'queued',
    jobPaused: false,
    priority: opts.priority ?? 0,
    lastProgressAt: added,
    failMessage: '',
    historyDeleted: false,
    arr: 'tracking',
  };
  world.downloads.push(d);
  if (target.app === 'sonarr') {
    for (const id of target.episodeIds) {
      const ep = world.episodeById(id);
      if (ep) ep.grabDate = added;
      world.addHistory('sonarr', 'grabbed', d, { episodeId: id, seriesId: d.seriesId }, grabData(d));
    }
  } else {
    world.addHistory('radarr', 'grabbed', d, { movieId: d.movieId }, grabData(d));
  }
  return d;
}

function grabData(d: SimDownload): Record<string, string | null> {
  return {
    nzbInfoUrl: `https://indexer.example/details/${d.nzoId.slice(12)}`,
    protocol: '1',
    publishedDate: new Date(d.addedAt - 3_600_000).toISOString(),
    age: '0',
    ageHours: '1',
    ageMinutes: '60',
  };
}

/** Targets of a search command that still need a file and are not already downloading. */
function searchTargets(world: SimWorld, app: ArrApp, name: string, body: Record<string, unknown>): GrabTarget[] {
  const active = world.arrQueue(app);
  if (app === 'sonarr') {
    let ids: number[] = [];
    if (name === 'EpisodeSearch') ids = numberList(body.episodeIds);
    else if (name === 'SeriesSearch') ids = world.episodes.filter((e) => e.seriesId === body.seriesId).map((e) => e.id);
    else if (name === 'MissingEpisodeSearch') ids = world.episodes.map((e) => e.id);
    const now = world.now();
    return ids
      .map((id) => world.episodeById(id))
      .filter((e) => e && e.monitored && !e.file && e.airDateUtc <= now)
      .filter((e) => !active.some((d) => d.episodeIds.includes(e!.id)))
      .slice(0, 5)
      .map((e) => ({ app: 'sonarr', episodeIds: [e!.id] }));
  }
  let ids: number[] = [];
  if (name === 'MoviesSearch') ids = numberList(body.movieIds);
  else if (name === 'MissingMoviesSearch') ids = world.movies.map((m) => m.id);
  return ids
    .map((id) => world.movieById(id))
    .filter((m) => m && m.monitored && !m.file)
    .filter((m) => !active.some((d) => d.movieId === m!.id))
    .slice(0, 5)
    .map((m) => ({ app: 'radarr', movieId: m!.id }));
}

function numberList(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

export const SEARCH_COMMANDS: Record<ArrApp, string[]> = {
  sonarr: ['EpisodeSearch', 'SeriesSearch', 'MissingEpisodeSearch'],
  radarr: ['MoviesSearch', 'MissingMoviesSearch'],
};

/** Queues a command; searches grab new releases when they complete a short sim delay later. */
export function runCommand(
  world: SimWorld,
  app: ArrApp,
  name: string,
  body: Record<string, unknown>,
  trigger: CommandRecord['trigger'] = 'manual',
): CommandRecord {
  const cmd: CommandRecord = {
    id: world.newId('command'),
    app,
    name,
    body,
    status: 'queued',
    queued: world.now(),
    trigger,
  };
  world.commands.push(cmd);
  const isSearch = SEARCH_COMMANDS[app].includes(name);
  world.schedule(TIMING.commandStartMs, () => {
    cmd.status = 'started';
    cmd.started = world.now();
  });
  world.schedule(isSearch ? TIMING.searchMs : TIMING.commandStartMs * 2, () => {
    cmd.status = 'completed';
    cmd.ended = world.now();
    if (!isSearch) {
      cmd.message = 'Completed';
      return;
    }
    const stamp = world.now();
    for (const id of numberList(body.episodeIds)) {
      const ep = world.episodeById(id);
      if (ep) ep.lastSearchTime = stamp;
    }
    for (const id of numberList(body.movieIds)) {
      const m = world.movieById(id);
      if (m) m.lastSearchTime = stamp;
    }
    const grabbed = searchTargets(world, app, name, body).filter((t) => grab(world, t));
    cmd.message =
      app === 'sonarr'
        ? `Episode search completed. ${grabbed.length} reports downloaded.`
        : `Movie search completed. ${grabbed.length} reports downloaded.`;
  });
  return cmd;
}

export interface RemoveOptions {
  removeFromClient: boolean;
  blocklist: boolean;
  skipRedownload: boolean;
}

/** DELETE /api/v3/queue/{id}. Returns false when the id is not in the queue. */
export function removeFromQueue(world: SimWorld, app: ArrApp, queueId: number, opts: RemoveOptions): boolean {
  const d = world.arrQueue(app).find((q) => q.arrQueueId === queueId);
  if (!d) return false;
  d.arr = 'removed';
  if (opts.removeFromClient) {
    if (d.sab === 'queued') d.sab = 'gone';
    else d.historyDeleted = true;
    world.sab.historyVersion++;
  }
  if (opts.blocklist) markFailed(world, app, d, 'Manually marked as failed', !opts.skipRedownload, 'manual');
  return true;
}

/** Blocklists the release, records downloadFailed in history and (if allowed and switched on) searches again. */
function markFailed(
  world: SimWorld,
  app: ArrApp,
  d: SimDownload,
  message: string,
  redownload: boolean,
  trigger: CommandRecord['trigger'],
): void {
  world.blocklist.push({
    id: world.newId('blocklist'),
    app,
    sourceTitle: d.title,
    date: world.now(),
    seriesId: d.seriesId,
    episodeIds: d.episodeIds,
    movieId: d.movieId,
    quality: d.quality,
    indexer: d.indexer,
    message,
  });
  const data = { message };
  if (app === 'sonarr') {
    for (const id of d.episodeIds)
      world.addHistory(app, 'downloadFailed', d, { episodeId: id, seriesId: d.seriesId }, data);
  } else {
    world.addHistory(app, 'downloadFailed', d, { movieId: d.movieId }, data);
  }
  // Like the real apps: a failed download is searched again unless told not to or switched off.
  if (redownload && world.arrConfigs[app].downloadclient.autoRedownloadFailed === true) {
    if (app === 'sonarr') runCommand(world, app, 'EpisodeSearch', { episodeIds: d.episodeIds }, trigger);
    else runCommand(world, app, 'MoviesSearch', { movieIds: [d.movieId] }, trigger);
  }
}

/**
 * The *arr's own failed download handling (when the sim is told to do it): the failed download leaves its queue,
 * is blocklisted with SABnzbd's message, its SABnzbd history row is removed (Remove Failed), and it is searched
 * again if Redownload Failed is on.
 */
export function arrHandleFailed(world: SimWorld, d: SimDownload): void {
  if (!d.app || d.arr !== 'failed_pending') return;
  d.arr = 'removed';
  if (world.arrClients[d.app].removeFailedDownloads) {
    d.historyDeleted = true;
    world.sab.historyVersion++;
  }
  markFailed(world, d.app, d, d.failMessage, true, 'scheduled');
}

// ---- SABnzbd ----

/** mode=retry: the failed job goes back into the queue under a new id (its articles are still missing). */
export function sabRetry(world: SimWorld, nzoId: string): SimDownload | undefined {
  const old = world.download(nzoId);
  if (!old || old.sab !== 'failed' || old.historyDeleted) return undefined;
  old.historyDeleted = true;
  world.sab.historyVersion++;
  const d: SimDownload = {
    ...old,
    nzoId: newNzoId(world),
    app: undefined,
    sab: 'queued',
    arr: 'tracking',
    historyDeleted: false,
    failMessage: '',
    bytesLeft: Math.round(old.sizeBytes * (1 - old.triggerFraction * 0.8)),
    triggerFraction: old.triggerFraction,
    addedAt: world.now(),
    lastProgressAt: world.now(),
    downloadStartedAt: undefined,
    downloadEndedAt: undefined,
    ppStartedAt: undefined,
    completedAt: undefined,
  };
  world.downloads.push(d);
  return d;
}

/** mode=addurl: a job nobody in the *arr apps knows about. */
export function sabAddUrl(
  world: SimWorld,
  url: string,
  name: string | undefined,
  category: string,
  priority: number,
): SimDownload {
  const base = name || decodeURIComponent(url.split('/').pop() ?? 'download').replace(/\.nzb$/i, '');
  const size = world.rng.int(700, 4_000) * 1_048_576;
  const d: SimDownload = {
    nzoId: newNzoId(world),
    arrQueueId: 0,
    title: base,
    category: category || '*',
    indexer: '',
    quality: { id: 0, name: 'Unknown', sonarrSource: 'unknown', radarrSource: 'unknown', resolution: 0 },
    releaseGroup: '',
    episodeIds: [],
    sizeBytes: size,
    bytesLeft: size,
    addedAt: world.now(),
    behaviour: 'normal',
    triggerFraction: 1,
    sab: 'queued',
    jobPaused: false,
    priority: Number.isFinite(priority) && priority >= -1 ? priority : 0,
    lastProgressAt: world.now(),
    failMessage: '',
    historyDeleted: false,
    arr: 'tracking',
  };
  world.downloads.push(d);
  return d;
}

export function sabPauseAll(world: SimWorld, minutes?: number): void {
  world.sab.paused = true;
  world.sab.pauseUntil = minutes ? world.now() + minutes * 60_000 : undefined;
}

export function sabResumeAll(world: SimWorld): void {
  world.sab.pauseUntil = undefined;
  if (world.sab.lowDisk) {
    // SABnzbd checks free space again at once and pauses itself again.
    addSabWarning(world, 'WARNING', 'Too little diskspace forcing PAUSE', 'downloader.py812');
    return;
  }
  world.sab.paused = false;
}

export function addSabWarning(world: SimWorld, type: string, text: string, origin: string): void {
  world.sab.warnings.push({ type, text, time: Math.floor(world.now() / 1000), origin });
  if (world.sab.warnings.length > 20) world.sab.warnings.shift();
}
