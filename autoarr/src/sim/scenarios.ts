// Scenarios: each one starts from a fresh world and puts in the downloads and settings that show one situation.
import { addSabWarning, grab, type GrabOptions, type GrabTarget } from './world/actions.js';
import type { ArrApp, SimDownload } from './world/model.js';
import { FAIL_NOT_COMPLETE, LOW_DISK_WARNING, TIMING, type SimWorld } from './world/world.js';

const MIN = 60_000;
const MB = 1_048_576;

export const SCENARIOS = [
  'healthy',
  'stalled',
  'sab_failed',
  'import_blocked',
  'low_disk_pause',
  'bad_settings',
  'demo',
  'long_queue',
  'long_queue_stuck',
  'unknown_items',
  'arr_handles_failures',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

function episode(world: SimWorld, seriesTitle: string, season: number, ep: number): GrabTarget {
  const series = world.series.find((s) => s.title === seriesTitle);
  const e = world.episodes.find(
    (x) => x.seriesId === series?.id && x.seasonNumber === season && x.episodeNumber === ep,
  );
  if (!e) throw new Error(`sim catalog has no ${seriesTitle} ${season}x${ep}`);
  return { app: 'sonarr', episodeIds: [e.id] };
}

function movie(world: SimWorld, title: string): GrabTarget {
  const m = world.movies.find((x) => x.title === title);
  if (!m) throw new Error(`sim catalog has no movie ${title}`);
  return { app: 'radarr', movieId: m.id };
}

function add(world: SimWorld, target: GrabTarget, opts: GrabOptions): SimDownload {
  const d = grab(world, target, opts);
  if (!d) throw new Error('sim could not grab a release');
  return d;
}

/** A download that finished before the scenario started (history in SABnzbd and the *arr, file on disk). */
function past(world: SimWorld, target: GrabTarget, hoursAgo: number): void {
  const d = add(world, target, { ageMs: hoursAgo * 3_600_000 });
  const end = world.now() - hoursAgo * 3_600_000 + 6 * MIN;
  d.bytesLeft = 0;
  d.sab = 'completed';
  d.arr = 'imported';
  d.downloadStartedAt = d.addedAt + 5_000;
  d.downloadEndedAt = end - TIMING.postProcessMs;
  d.ppStartedAt = d.downloadEndedAt;
  d.completedAt = end;
  d.lastProgressAt = d.downloadEndedAt;
  for (const h of world.history) if (h.downloadId === d.nzoId) h.date = d.addedAt;
  const app: ArrApp = target.app;
  const ids =
    target.app === 'sonarr'
      ? target.episodeIds.map((episodeId) => ({ episodeId, seriesId: d.seriesId }))
      : [{ movieId: target.movieId }];
  for (const t of ids) {
    world.addHistory(app, 'downloadFolderImported', d, t);
    world.history[world.history.length - 1]!.date = end + TIMING.importMs;
  }
}

/** A download that finished in SABnzbd and now waits in the *arr queue with a status message. */
function blocked(world: SimWorld, target: GrabTarget, behaviour: 'import_blocked' | 'import_pending'): void {
  const d = add(world, target, { behaviour, ageMs: 40 * MIN });
  d.bytesLeft = 0;
  d.sab = 'completed';
  d.downloadStartedAt = d.addedAt + 5_000;
  d.downloadEndedAt = world.now() - 20 * MIN;
  d.ppStartedAt = d.downloadEndedAt;
  d.completedAt = world.now() - 19 * MIN;
  d.lastProgressAt = d.downloadEndedAt;
  d.arr = 'blocked';
  const name = d.app === 'radarr' ? world.movieById(d.movieId)?.file?.quality.name : undefined;
  d.blockMessage =
    behaviour === 'import_pending'
      ? { state: 'importPending', text: 'Episode has a TBA title and recently aired' }
      : d.app === 'radarr'
        ? {
            state: 'importBlocked',
            text: `Not an upgrade for existing movie file. Existing quality: ${name ?? 'Bluray-1080p'}. New Quality ${d.quality.name}.`,
          }
        : { state: 'importBlocked', text: 'Not an upgrade for existing episode file(s)' };
}

function history(world: SimWorld): void {
  past(world, episode(world, 'Severance', 2, 4), 30);
  past(world, episode(world, 'The Bear', 2, 1), 50);
  past(world, movie(world, 'Spirited Away'), 70);
}

/** Settings that break best practice in every app (what the audit should find). */
export function applyBadSettings(world: SimWorld): void {
  const misc = world.sabConfig.misc;
  Object.assign(misc, {
    fail_hopeless_jobs: false,
    fast_fail: false,
    pause_on_post_processing: true,
    safe_postproc: false,
    deobfuscate_final_filenames: false,
    history_retention_option: 'days-delete',
    history_retention_number: 1,
    download_free: '',
    direct_unpack: true,
  });
  // SABnzbd 5 has no enable_tv_sorting: its sorters do the renaming that breaks the *arr imports.
  const sorter = world.sabConfig.sorters[0];
  if (sorter) sorter.is_active = 1;
  for (const app of ['sonarr', 'radarr'] as const) {
    const c = world.arrConfigs[app];
    Object.assign(c.mediamanagement, {
      copyUsingHardlinks: false,
      recycleBin: '',
      skipFreeSpaceCheckWhenImporting: true,
    });
    Object.assign(c.downloadclient, { autoRedownloadFailed: false, autoRedownloadFailedFromInteractiveSearch: false });
    Object.assign(c.indexer, { rssSyncInterval: 0 });
    if (app === 'sonarr') c.naming.renameEpisodes = false;
    else c.naming.renameMovies = false;
  }
  for (const app of ['sonarr', 'radarr'] as const) {
    Object.assign(world.arrClients[app], { removeCompletedDownloads: false, removeFailedDownloads: false });
    // The lists behind S11, S12 and S16: a path mapping, no 1080p floor, blocklisted torrents grabbed again.
    const lists = world.arrLists[app];
    lists.remotePathMappings.push({
      id: 1,
      host: 'sabnzbd',
      remotePath: '/config/Downloads/',
      localPath: '/downloads/',
    });
    lists.minSizes['WEBDL-1080p'] = 0;
    lists.rejectBlocklistedHashes = false;
  }
  const set = (id: string, value: string | number | boolean) => {
    const p = world.plexPrefs.get(id);
    if (p) p.value = value;
  };
  set('GenerateBIFBehavior', 'asap');
  set('GenerateChapterThumbBehavior', 'asap');
  set('LoudnessAnalysisBehavior', 'asap');
  set('FSEventLibraryUpdatesEnabled', false);
  set('ScheduledLibraryUpdatesEnabled', false);
  set('secureConnections', 2);
  set('DlnaEnabled', true);
  set('allowMediaDeletion', true);
  set('GenerateIntroMarkerBehavior', 'asap');
  set('TranscoderTempDirectory', '/config/Library/Application Support/Plex Media Server/Cache/Transcode');
}

export function applyScenario(world: SimWorld, name: ScenarioName): void {
  world.scenario = name;
  switch (name) {
    case 'healthy':
    case 'bad_settings':
      history(world);
      add(world, episode(world, 'Severance', 2, 5), { doneFraction: 0.3, ageMs: 12 * MIN });
      add(world, movie(world, 'Past Lives'), { ageMs: 5 * MIN });
      if (name === 'bad_settings') applyBadSettings(world);
      return;
    case 'stalled': {
      history(world);
      // The top job stopped at 37 % twenty minutes ago; SABnzbd keeps downloading the next one.
      const stuck = add(world, movie(world, 'Oppenheimer'), {
        behaviour: 'stall',
        triggerFraction: 0.37,
        doneFraction: 0.37,
        ageMs: 45 * MIN,
      });
      stuck.downloadStartedAt = stuck.addedAt + 5_000;
      stuck.lastProgressAt = world.now() - 20 * MIN;
      add(world, episode(world, 'Severance', 2, 5), { doneFraction: 0.3, ageMs: 12 * MIN });
      return;
    }
    case 'sab_failed':
      history(world);
      add(world, episode(world, 'The Bear', 2, 2), {
        behaviour: 'fail',
        triggerFraction: 0.6,
        doneFraction: 0.55,
        ageMs: 15 * MIN,
      });
      world.downloads.push(untrackedFailing(world));
      return;
    case 'import_blocked':
      history(world);
      blocked(world, episode(world, 'Severance', 2, 3), 'import_blocked');
      blocked(world, episode(world, 'Slow Horses', 2, 2), 'import_pending');
      blocked(world, movie(world, 'Amélie'), 'import_blocked');
      return;
    case 'low_disk_pause':
      history(world);
      add(world, episode(world, 'Severance', 2, 5), { doneFraction: 0.4, ageMs: 20 * MIN });
      add(world, movie(world, 'Past Lives'), { ageMs: 15 * MIN });
      world.sab.lowDisk = true;
      world.sab.paused = true;
      world.sab.diskFree1 = 0.31 * 1_073_741_824;
      world.sab.diskFree2 = 0.31 * 1_073_741_824;
      addSabWarning(world, 'WARNING', LOW_DISK_WARNING, 'downloader.py812');
      return;
    case 'demo':
      demo(world);
      return;
    case 'long_queue':
    case 'long_queue_stuck':
      longQueue(world, name === 'long_queue_stuck');
      return;
    case 'unknown_items':
      unknownItems(world);
      return;
    case 'arr_handles_failures':
      arrHandlesFailures(world);
      return;
  }
}

/**
 * A SABnzbd that reports every unpaused job as `Downloading`: a 2-hour head download (14.4 GB at 2 MB/s) and five
 * jobs waiting behind it whose `mbleft` does not move. With `stuck`, a movie and an episode stuck part-way sit on top.
 */
function longQueue(world: SimWorld, stuck: boolean): void {
  history(world);
  world.sab.waitingStatus = 'Downloading';
  world.sab.lineSpeedBps = 2 * MB;
  if (stuck) {
    for (const [target, fraction] of [
      [movie(world, 'Perfect Days'), 0.3],
      [episode(world, 'Slow Horses', 2, 1), 0.4],
    ] as const) {
      const top = add(world, target, {
        behaviour: 'stall',
        triggerFraction: fraction,
        doneFraction: fraction,
        ageMs: 50 * MIN,
        sizeBytes: 3_000 * MB,
      });
      top.downloadStartedAt = top.addedAt + 5_000;
      top.lastProgressAt = world.now() - 25 * MIN;
    }
  }
  add(world, movie(world, 'Oppenheimer'), { ageMs: 40 * MIN, sizeBytes: 2 * 7_200 * MB });
  const waiting: GrabTarget[] = [
    episode(world, 'Severance', 2, 5),
    episode(world, 'Severance', 2, 6),
    episode(world, 'The Bear', 2, 2),
    episode(world, 'The Bear', 2, 3),
    movie(world, 'Past Lives'),
  ];
  waiting.forEach((t, i) => add(world, t, { ageMs: (30 - i) * MIN, sizeBytes: 1_500 * MB }));
}

/** Queue items Sonarr/Radarr cannot match (no series/episode, no movie): one stalls on top, one fails. */
function unknownItems(world: SimWorld): void {
  history(world);
  const stuck = unknownDownload(world, 'sonarr', 'The.Rehearsal.S02E03.1080p.WEB.h264-EDITH', 'stall', 0.4);
  stuck.downloadStartedAt = stuck.addedAt + 5_000;
  stuck.lastProgressAt = world.now() - 20 * MIN;
  unknownDownload(world, 'radarr', 'Nosferatu.2024.1080p.WEB-DL.DDP5.1.H.264-FLUX', 'fail', 0.15);
  add(world, episode(world, 'Severance', 2, 5), { doneFraction: 0.3, ageMs: 12 * MIN });
}

/**
 * Sonarr and Radarr handle failed downloads themselves ("Failed Download Handling"): an episode and a movie fail in
 * SABnzbd; each *arr removes its download (and SABnzbd's history row), blocklists it and records downloadFailed.
 * Sonarr searches again ("Redownload Failed" on); Radarr does not (off), so the movie stays missing.
 */
function arrHandlesFailures(world: SimWorld): void {
  history(world);
  world.arrHandlesFailures = { sonarr: true, radarr: true };
  world.arrConfigs.radarr.downloadclient.autoRedownloadFailed = false;
  add(world, episode(world, 'The Bear', 2, 2), {
    behaviour: 'fail',
    triggerFraction: 0.6,
    doneFraction: 0.55,
    ageMs: 15 * MIN,
  });
  add(world, movie(world, 'Past Lives'), {
    behaviour: 'fail',
    triggerFraction: 0.3,
    doneFraction: 0.25,
    ageMs: 15 * MIN,
  });
}

function unknownDownload(
  world: SimWorld,
  app: ArrApp,
  title: string,
  behaviour: 'stall' | 'fail',
  done: number,
): SimDownload {
  const size = 2_000 * MB;
  const d: SimDownload = {
    ...untrackedFailing(world),
    app,
    unknown: true,
    arrQueueId: world.rng.int(100_000_000, 2_000_000_000),
    title,
    category: app === 'sonarr' ? 'tv' : 'movies',
    indexer: 'NZBgeek (Prowlarr)',
    sizeBytes: size,
    bytesLeft: Math.round(size * (1 - done)),
    addedAt: world.now() - 40 * MIN,
    behaviour,
    triggerFraction: behaviour === 'stall' ? done : done + 0.05,
  };
  world.downloads.push(d);
  return d;
}

/**
 * The demo story (at the demo speed, under a minute): the top job is stuck at 37 % (AutoArr blocklists it and
 * searches, a new release is grabbed), an episode downloads and is imported into Plex, another fails in SABnzbd
 * ("Aborted, cannot be completed") and is searched again.
 */
function demo(world: SimWorld): void {
  history(world);
  world.sab.lineSpeedBps = 12 * MB;
  // Like some SABnzbd servers, the waiting jobs say "Downloading" too: AutoArr must not take them for stalls.
  world.sab.waitingStatus = 'Downloading';
  const stuck = add(world, movie(world, 'Oppenheimer'), {
    behaviour: 'stall',
    triggerFraction: 0.37,
    doneFraction: 0.37,
    ageMs: 30 * MIN,
    sizeBytes: 4_200 * MB,
  });
  stuck.downloadStartedAt = stuck.addedAt + 5_000;
  stuck.lastProgressAt = world.now() - 4 * MIN;
  add(world, episode(world, 'Severance', 2, 5), { doneFraction: 0.25, ageMs: 15 * MIN, sizeBytes: 2_400 * MB });
  add(world, episode(world, 'The Bear', 2, 2), {
    behaviour: 'fail',
    triggerFraction: 0.45,
    ageMs: 12 * MIN,
    sizeBytes: 1_600 * MB,
  });
}

function untrackedFailing(world: SimWorld): SimDownload {
  const size = 1_200 * MB;
  return {
    nzoId: `SABnzbd_nzo_${world.rng.chars(8)}`,
    arrQueueId: 0,
    title: 'ubuntu-24.04.1-desktop-amd64',
    category: '*',
    indexer: '',
    quality: { id: 0, name: 'Unknown', sonarrSource: 'unknown', radarrSource: 'unknown', resolution: 0 },
    releaseGroup: '',
    episodeIds: [],
    sizeBytes: size,
    bytesLeft: size,
    addedAt: world.now() - 10 * MIN,
    behaviour: 'fail',
    triggerFraction: 0.2,
    sab: 'queued',
    jobPaused: false,
    priority: 0,
    lastProgressAt: world.now() - 10 * MIN,
    failMessage: '',
    historyDeleted: false,
    arr: 'tracking',
  };
}

export { FAIL_NOT_COMPLETE, LOW_DISK_WARNING };
