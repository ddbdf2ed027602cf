// Small builders for the pure-rule tests: a SABnzbd, a Sonarr and a poll at a given minute.
import type {
  ArrGrab,
  ArrObs,
  ArrRecordObs,
  ItemState,
  RuleSettings,
  SabHistoryObs,
  SabJobObs,
  SabObs,
  Snapshot,
} from '../../src/monitor/model.js';
import { evaluate, type EvalResult } from '../../src/monitor/engine.js';

export const MB = 1_000_000;
export const MIN = 60_000;
export const T0 = Date.parse('2026-01-01T12:00:00Z');

export const settings = (over: Partial<RuleSettings> = {}): RuleSettings => ({
  pollIntervalMs: 10_000,
  stallMinutes: 15,
  maxStrikes: 3,
  strikeWindowHours: 24,
  minProgressBytes: MB,
  minQueueAgeMinutes: 0,
  maxRecoveryAttempts: 3,
  cleanupFailedJobs: true,
  protectedCategories: [],
  protectedTags: [],
  failedImportPatterns: [],
  ignoredImportPatterns: [],
  ...over,
});

export const job = (over: Partial<SabJobObs> = {}): SabJobObs => ({
  nzoId: 'SABnzbd_nzo_1',
  name: 'Show.S01E01.1080p',
  status: 'Downloading',
  category: 'tv',
  sizeBytes: 1000 * MB,
  bytesLeft: 500 * MB,
  labels: [],
  index: 0,
  timeLeftSeconds: 60,
  ...over,
});

export const hist = (over: Partial<SabHistoryObs> = {}): SabHistoryObs => ({
  nzoId: 'SABnzbd_nzo_1',
  name: 'Show.S01E01.1080p',
  status: 'Failed',
  failMessage: 'Aborted, cannot be completed',
  category: 'tv',
  bytes: 1000 * MB,
  completedAt: T0,
  ...over,
});

export const sab = (over: Partial<SabObs> = {}): SabObs => ({
  instanceId: 'sabnzbd',
  name: 'SABnzbd',
  paused: false,
  speedBps: 35 * MB,
  queue: [],
  history: [],
  ...over,
});

export const rec = (over: Partial<ArrRecordObs> = {}): ArrRecordObs => ({
  queueId: 11,
  downloadId: 'SABnzbd_nzo_1',
  title: 'Show.S01E01.1080p',
  status: 'downloading',
  trackedStatus: 'ok',
  trackedState: 'downloading',
  messages: [],
  sizeBytes: 1000 * MB,
  bytesLeft: 500 * MB,
  protocol: 'usenet',
  downloadClient: 'SABnzbd',
  seriesId: 1,
  episodeId: 101,
  label: 'Show S01E01',
  tags: [],
  ...over,
});

export const sonarr = (records: ArrRecordObs[], over: Partial<ArrObs> = {}): ArrObs => ({
  instanceId: 'sonarr',
  app: 'sonarr',
  name: 'Sonarr',
  records,
  ...over,
});

export function snap(minute: number, sabs: SabObs[], arrs: ArrObs[], grabs: ArrGrab[] = []): Snapshot {
  return { now: T0 + minute * MIN, sabs, arrs, grabs: new Map(grabs.map((g) => [g.downloadId, g])) };
}

/** Runs polls in order, carrying the state, and returns every result. */
export function run(
  polls: Snapshot[],
  s: RuleSettings = settings(),
  start: Map<string, ItemState> = new Map(),
): EvalResult[] {
  let prev = start;
  return polls.map((p) => {
    const res = evaluate(prev, p, s);
    prev = res.items;
    return res;
  });
}

export const kinds = (r: EvalResult) =>
  r.decisions.map((d) => (d.kind === 'event' ? d.event : d.kind === 'note' ? `note:${d.action}` : d.kind));
