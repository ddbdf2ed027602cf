// The state of the whole simulated stack and how it moves with sim time: SABnzbd downloads one job at a time,
// post-processes it, the *arr imports it and Plex picks it up. Actions (grab, search, remove…) live in actions.ts.
import { defaultArrConfigs, type ArrConfigs } from '../arr/config-defaults.js';
import { defaultArrLists, type ArrLists } from '../arr/lists.js';
import { defaultPlexPrefs, type PlexPref } from '../plex/prefs.js';
import type { Rng } from '../rng.js';
import { defaultSabConfig, type SabConfig } from '../sabnzbd/config.js';
import { buildCatalog } from './catalog.js';
import { arrHandleFailed } from './actions.js';
import { blockMessageFor, importDownload, seedPlexLibrary } from './library.js';
import type {
  ArrApp,
  BlocklistRecord,
  CommandRecord,
  HealthIssue,
  HistoryRecord,
  PlexItem,
  SimDownload,
  SimEpisode,
  SimMovie,
  SimSeries,
} from './model.js';

export const FAIL_NOT_COMPLETE = 'Aborted, cannot be completed - https://sabnzbd.org/not-complete';
export const LOW_DISK_WARNING = 'Too little diskspace forcing PAUSE';

/** Sim durations (ms) of the steps after a download finishes. */
export const TIMING = {
  postProcessMs: 25_000,
  importCheckMs: 10_000,
  importMs: 15_000,
  plexScanMs: 5_000,
  commandStartMs: 1_000,
  searchMs: 20_000,
};

export interface SabState {
  paused: boolean;
  /** Epoch ms when a timed pause ends. */
  pauseUntil?: number;
  /** Paused by SABnzbd itself because the download folder is (nearly) full. */
  lowDisk: boolean;
  warnings: { type: string; text: string; time: number; origin: string }[];
  historyVersion: number;
  /** Bytes per second of the line (before the speed limit). */
  lineSpeedBps: number;
  /** Bytes received in the last step per second (what SABnzbd shows as speed). */
  speedBps: number;
  diskFree1: number;
  diskTotal1: number;
  diskFree2: number;
  diskTotal2: number;
  startedAt: number;
  /** False while the simulated SABnzbd is down (the *arr apps then report it). */
  reachable: boolean;
  /**
   * The status word of unpaused jobs waiting behind the active one: `Queued` (SABnzbd's usual word) or
   * `Downloading` (as some servers report every unpaused job; only the change of `mbleft` shows who receives data).
   */
  waitingStatus: SabWaitingStatus;
}

export type SabWaitingStatus = 'Queued' | 'Downloading';
export const SAB_WAITING_STATUSES: readonly SabWaitingStatus[] = ['Queued', 'Downloading'];

export interface PlexSection {
  id: number;
  title: string;
  type: 'movie' | 'show';
  uuid: string;
  location: string;
  createdAt: number;
  updatedAt: number;
  scannedAt: number;
  refreshingUntil: number;
}

interface Timer {
  at: number;
  run: () => void;
}

export interface WorldInit {
  start: number;
  rng: Rng;
  sabApiKey: string;
  sabNzbKey: string;
  sabUrlBase: string;
  plexMachineId: string;
}

export class SimWorld {
  readonly rng: Rng;
  readonly start: number;
  private clockNow: number;
  scenario = 'healthy';
  series: SimSeries[];
  episodes: SimEpisode[];
  movies: SimMovie[];
  downloads: SimDownload[] = [];
  history: HistoryRecord[] = [];
  blocklist: BlocklistRecord[] = [];
  commands: CommandRecord[] = [];
  plexItems: PlexItem[] = [];
  plexSections: PlexSection[];
  plexPrefs: Map<string, PlexPref>;
  plexMachineId: string;
  sabConfig: SabConfig;
  sab: SabState;
  arrConfigs: Record<ArrApp, ArrConfigs>;
  arrHealth: Record<ArrApp, HealthIssue[]>;
  /** The SABnzbd download client as each *arr has it configured (editable through PUT /downloadclient/{id}). */
  arrClients: Record<
    ArrApp,
    {
      enable: boolean;
      priority: number;
      removeCompletedDownloads: boolean;
      removeFailedDownloads: boolean;
      category: string;
    }
  >;
  /** Remote path mappings, quality sizes and indexer options each *arr reports (read by the audit). */
  arrLists: Record<ArrApp, ArrLists>;
  arrStartedAt: number;
  /** Whether each *arr handles a failed download itself (blocklist, remove, re-search) or leaves it failedPending. */
  arrHandlesFailures: Record<ArrApp, boolean> = { sonarr: false, radarr: false };
  private timers: Timer[] = [];
  private nextId = { file: 1, history: 1, blocklist: 1, command: 1, plex: 5000 };

  constructor(init: WorldInit) {
    this.rng = init.rng;
    this.start = init.start;
    this.clockNow = init.start;
    const catalog = buildCatalog(init.start);
    this.series = catalog.series;
    this.episodes = catalog.episodes;
    this.movies = catalog.movies;
    this.nextId.file = catalog.nextFileId;
    this.plexMachineId = init.plexMachineId;
    this.sabConfig = defaultSabConfig(init.sabApiKey, init.sabNzbKey, init.sabUrlBase);
    this.sab = {
      paused: false,
      lowDisk: false,
      warnings: [],
      historyVersion: 1,
      lineSpeedBps: 25 * 1_048_576,
      speedBps: 0,
      diskFree1: 812.44 * 1_073_741_824,
      diskTotal1: 931.51 * 1_073_741_824,
      diskFree2: 3120.87 * 1_073_741_824,
      diskTotal2: 7451.77 * 1_073_741_824,
      startedAt: init.start - 6 * 86_400_000,
      reachable: true,
      waitingStatus: 'Queued',
    };
    this.arrConfigs = { sonarr: defaultArrConfigs('sonarr'), radarr: defaultArrConfigs('radarr') };
    this.arrHealth = { sonarr: [], radarr: [] };
    const client = (category: string) => ({
      enable: true,
      priority: 1,
      removeCompletedDownloads: true,
      removeFailedDownloads: true,
      category,
    });
    this.arrClients = { sonarr: client('tv'), radarr: client('movies') };
    this.arrLists = { sonarr: defaultArrLists(), radarr: defaultArrLists() };
    this.arrStartedAt = init.start - 3 * 86_400_000;
    this.plexPrefs = defaultPlexPrefs();
    const year = 86_400_000 * 365;
    this.plexSections = [
      {
        id: 1,
        title: 'Movies',
        type: 'movie',
        uuid: 'b2a1c0de-6f0e-4a51-9d0f-5e1d2a6c7b01',
        location: '/movies',
        createdAt: init.start - 3 * year,
        updatedAt: init.start - 86_400_000,
        scannedAt: init.start - 3_600_000,
        refreshingUntil: 0,
      },
      {
        id: 2,
        title: 'TV Shows',
        type: 'show',
        uuid: 'c3b2d1ef-7a1f-4b62-8e10-6f2e3b7d8c02',
        location: '/tv',
        createdAt: init.start - 3 * year,
        updatedAt: init.start - 86_400_000,
        scannedAt: init.start - 3_600_000,
        refreshingUntil: 0,
      },
    ];
    seedPlexLibrary(this);
  }

  now(): number {
    return this.clockNow;
  }

  newId(kind: keyof SimWorld['nextId']): number {
    return this.nextId[kind]++;
  }

  schedule(delayMs: number, run: () => void): void {
    this.timers.push({ at: this.clockNow + delayMs, run });
  }

  // ---- queries used by the app views ----

  seriesById(id: number | undefined): SimSeries | undefined {
    return this.series.find((s) => s.id === id);
  }
  episodeById(id: number | undefined): SimEpisode | undefined {
    return this.episodes.find((e) => e.id === id);
  }
  movieById(id: number | undefined): SimMovie | undefined {
    return this.movies.find((m) => m.id === id);
  }
  download(nzoId: string): SimDownload | undefined {
    return this.downloads.find((d) => d.nzoId === nzoId);
  }

  /** Jobs in the SABnzbd queue, in queue order (priority first, then the order they were added). */
  sabQueue(): SimDownload[] {
    return this.downloads.filter((d) => d.sab === 'queued').sort((a, b) => b.priority - a.priority);
  }

  /** Jobs in the SABnzbd history, newest first, post-processing on top. */
  sabHistory(): SimDownload[] {
    return this.downloads
      .filter((d) => (d.sab === 'pp' || d.sab === 'completed' || d.sab === 'failed') && !d.historyDeleted)
      .sort((a, b) => {
        if ((a.sab === 'pp') !== (b.sab === 'pp')) return a.sab === 'pp' ? -1 : 1;
        return (b.completedAt ?? b.ppStartedAt ?? 0) - (a.completedAt ?? a.ppStartedAt ?? 0);
      });
  }

  /**
   * Items an *arr shows in its queue: grabbed by it, not yet imported/removed, still known to SABnzbd. Items it
   * cannot match to a series/movie are listed only when asked for (includeUnknownSeriesItems/…MovieItems).
   */
  arrQueue(app: ArrApp, includeUnknown = true): SimDownload[] {
    return this.downloads.filter(
      (d) =>
        d.app === app &&
        (includeUnknown || !d.unknown) &&
        d.arr !== 'imported' &&
        d.arr !== 'removed' &&
        d.sab !== 'gone' &&
        !(d.historyDeleted && d.sab !== 'queued'),
    );
  }

  /** A stalled job sits at the top as "Downloading" but receives nothing. */
  isStuck(d: SimDownload): boolean {
    return d.behaviour === 'stall' && d.sab === 'queued' && 1 - d.bytesLeft / d.sizeBytes >= d.triggerFraction - 1e-9;
  }

  /** Status SABnzbd shows for a queued job. */
  sabSlotStatus(d: SimDownload): SabWaitingStatus | 'Paused' {
    if (d.jobPaused) return 'Paused';
    if (this.sab.paused) return 'Queued';
    if (this.isStuck(d)) return 'Downloading';
    const active = this.sabQueue().find((q) => !q.jobPaused && !this.isStuck(q));
    return active === d ? 'Downloading' : this.sab.waitingStatus;
  }

  speedLimitPercent(): number {
    const v = Number(this.sabConfig.misc.bandwidth_perc);
    return Number.isFinite(v) && v > 0 ? Math.min(100, v) : 100;
  }

  // ---- time ----

  tick(stepMs: number): void {
    this.clockNow += stepMs;
    const now = this.clockNow;
    if (this.sab.pauseUntil !== undefined && now >= this.sab.pauseUntil) {
      this.sab.pauseUntil = undefined;
      if (!this.sab.lowDisk) this.sab.paused = false;
    }
    this.progressDownloads(stepMs);
    for (const d of this.downloads) {
      if (d.sab === 'pp' && d.ppStartedAt !== undefined && now >= d.ppStartedAt + TIMING.postProcessMs) {
        this.finishPostProcessing(d);
      }
      if (d.arr === 'importing' && d.importAt !== undefined && now >= d.importAt) importDownload(this, d);
    }
    const due = this.timers.filter((t) => t.at <= now);
    if (due.length) {
      this.timers = this.timers.filter((t) => t.at > now);
      for (const t of due) t.run();
    }
    for (const s of this.plexSections) if (s.refreshingUntil && now >= s.refreshingUntil) s.refreshingUntil = 0;
  }

  private progressDownloads(stepMs: number): void {
    if (this.sab.paused) {
      this.sab.speedBps = 0;
      return;
    }
    const perSecond = (this.sab.lineSpeedBps * this.speedLimitPercent()) / 100;
    let budget = (perSecond * stepMs) / 1000;
    let received = 0;
    for (const d of this.sabQueue()) {
      if (budget <= 0) break;
      if (d.jobPaused || this.isStuck(d)) continue;
      let take = Math.min(budget, d.bytesLeft);
      if (d.behaviour === 'stall' || d.behaviour === 'fail') {
        const untilTrigger = d.bytesLeft - d.sizeBytes * (1 - d.triggerFraction);
        take = Math.max(0, Math.min(take, untilTrigger));
      }
      d.downloadStartedAt ??= this.clockNow - stepMs;
      if (take > 0) {
        d.bytesLeft -= take;
        d.lastProgressAt = this.clockNow;
        budget -= take;
        received += take;
      }
      const done = 1 - d.bytesLeft / d.sizeBytes;
      if (d.behaviour === 'fail' && done >= d.triggerFraction - 1e-9) this.failDownload(d, FAIL_NOT_COMPLETE);
      else if (d.bytesLeft <= 0) this.startPostProcessing(d);
      else if (!this.isStuck(d)) budget = 0; // sequential: the active job takes the whole line
    }
    this.sab.speedBps = (received * 1000) / stepMs;
  }

  private startPostProcessing(d: SimDownload): void {
    d.bytesLeft = 0;
    d.sab = 'pp';
    d.downloadEndedAt = this.clockNow;
    d.ppStartedAt = this.clockNow;
    this.sab.historyVersion++;
  }

  private finishPostProcessing(d: SimDownload): void {
    d.sab = 'completed';
    d.completedAt = this.clockNow;
    this.sab.historyVersion++;
    if (!d.app || d.arr !== 'tracking') return;
    if (d.behaviour === 'import_blocked' || d.behaviour === 'import_pending') {
      this.schedule(TIMING.importCheckMs, () => {
        if (d.arr !== 'tracking') return;
        d.arr = 'blocked';
        d.blockMessage = blockMessageFor(this, d);
      });
      return;
    }
    if (!this.arrConfigs[d.app].downloadclient.enableCompletedDownloadHandling) return;
    d.arr = 'importing';
    d.importAt = this.clockNow + TIMING.importCheckMs + TIMING.importMs;
  }

  failDownload(d: SimDownload, message: string): void {
    d.sab = 'failed';
    d.failMessage = message;
    d.downloadEndedAt = this.clockNow;
    d.ppStartedAt = this.clockNow;
    d.completedAt = this.clockNow;
    this.sab.historyVersion++;
    if (d.app && d.arr === 'tracking') {
      d.arr = 'failed_pending';
      // The *arr notices at its next download check, like an import.
      if (this.arrHandlesFailures[d.app]) this.schedule(TIMING.importCheckMs, () => arrHandleFailed(this, d));
    }
  }

  addHistory(
    app: ArrApp,
    eventType: string,
    d: SimDownload,
    target: { episodeId?: number; seriesId?: number; movieId?: number },
    data: Record<string, string | null> = {},
  ): void {
    this.history.push({
      id: this.newId('history'),
      app,
      eventType,
      date: this.clockNow,
      downloadId: d.nzoId,
      sourceTitle: d.title,
      ...target,
      quality: d.quality,
      data: {
        indexer: d.indexer,
        releaseGroup: d.releaseGroup,
        size: String(d.sizeBytes),
        downloadClient: 'SABnzbd',
        downloadClientName: 'SABnzbd',
        ...data,
      },
    });
  }
}
