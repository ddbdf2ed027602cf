// Monitor benchmarks (issue 4): CPU per tick on a big stack (1 000-item queue, 10 000-item histories,
// 20 000-title library) with in-memory fakes of the clients, heap over 10 000 ticks, and the latency from a job
// failing in the simulated SABnzbd to the download.failed event with the real poll timer.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { AppRegistry } from '../autoarr/src/apps/registry.js';
import type { SabHistorySlot, SabQueue, SabQueueSlot } from '../autoarr/src/apps/sabnzbd/types.js';
import type { HistoryResource, QueueResource, SeriesResource } from '../autoarr/src/apps/sonarr/types.js';
import { EventBus } from '../autoarr/src/bus/bus.js';
import { buildContext } from '../autoarr/src/core/build-context.js';
import type { CoreContext } from '../autoarr/src/core/context.js';
import { openDatabase } from '../autoarr/src/db/database.js';
import { memoryLogger } from '../autoarr/src/log/logger.js';
import { createMonitor } from '../autoarr/src/monitor/monitor.js';
import type { MonitorPorts, SonarrPort } from '../autoarr/src/monitor/ports.js';
import { loadSettings } from '../autoarr/src/settings/load.js';
import type { Settings } from '../autoarr/src/settings/settings.js';
import { startMonitorHarness } from '../autoarr/test/monitor/harness.js';

const QUEUE = 1_000;
const HISTORY = 10_000;
const LIBRARY = 20_000;
const MB = 1_000_000;

export function baseSettings(dir: string): Settings {
  const r = loadSettings({ env: { DATA_DIR: dir }, mode: 'container', version: 'bench' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return { ...r.settings, instances: [], databasePath: ':memory:' };
}

export async function benchContext(settings: Settings, now: () => number): Promise<CoreContext> {
  const log = memoryLogger('error');
  const { db } = await openDatabase(':memory:', log);
  return buildContext({
    settings,
    log,
    bus: new EventBus(log),
    db,
    apps: {} as AppRegistry,
    switches: { autoRecovery: true, dryRun: false },
    apiToken: () => 'bench',
    rotateApiToken: async () => 'bench',
    now: () => new Date(now()),
  });
}

/**
 * A big, quiet stack: the top job downloads, 999 wait; histories and the library never change. `set` names a
 * further SABnzbd + Sonarr pair (own instance ids and job ids), for the capacity bench.
 */
export function fakeStack(start: number, queueSize = QUEUE, set = 1) {
  const tag = set === 1 ? '' : `_${set}`;
  const nzo = (i: number) => `SABnzbd_nzo${tag}_${i.toString(36).padStart(8, '0')}`;
  let topLeft = 4_000 * MB;
  let version = 1;
  const history: SabHistorySlot[] = Array.from({ length: HISTORY }, (_, i) => ({
    nzoId: nzo(100_000 + i),
    name: `Old.Show.S01E${i}`,
    nzbName: '',
    status: 'Completed',
    failMessage: '',
    category: 'tv',
    bytes: 1_000 * MB,
    completedAt: Math.floor(start / 1000) - 3600 - i * 60,
    addedAt: 0,
    storage: '/tv',
    path: '',
    downloadTime: 60,
    postProcessTime: 10,
    retry: false,
    stageLog: [],
    url: '',
  }));
  const arrHistory: HistoryResource[] = Array.from({ length: HISTORY }, (_, i) => ({
    id: HISTORY - i,
    episodeId: 50_000 + i,
    seriesId: 1 + (i % LIBRARY),
    sourceTitle: `Old.Show.S01E${i}`,
    date: new Date(start - 3_600_000 - i * 60_000).toISOString(),
    downloadId: nzo(100_000 + i),
    eventType: 'grabbed',
  }));
  const library: SeriesResource[] = Array.from({ length: LIBRARY }, (_, i) => ({
    id: i + 1,
    title: `Series ${i + 1}`,
  }));
  let calls = { history: 0, library: 0 };

  function queue(): SabQueue {
    const slots: SabQueueSlot[] = Array.from({ length: queueSize }, (_, i) => ({
      nzoId: nzo(i),
      filename: `Show.${i}.S01E01.1080p`,
      status: i === 0 ? 'Downloading' : 'Queued',
      category: 'tv',
      priority: 'Normal',
      sizeBytes: 5_000 * MB,
      bytesLeft: i === 0 ? topLeft : 5_000 * MB,
      percentage: 0,
      timeLeftSeconds: 100 * i,
      labels: [],
      index: i,
      addedAt: Math.floor(start / 1000) - 3600,
      missingBytes: 0,
    }));
    return {
      paused: false,
      status: 'Downloading',
      speedBps: 30 * MB,
      speedLimitPercent: 100,
      sizeLeftBytes: QUEUE * 5_000 * MB,
      timeLeftSeconds: 0,
      diskFreeBytes: 900e9,
      completeDiskFreeBytes: 900e9,
      diskTotalBytes: 2e12,
      noOfSlots: QUEUE,
      noOfSlotsTotal: QUEUE,
      haveWarnings: 0,
      version: '4.5.0',
      slots,
    };
  }
  function arrQueue(): QueueResource[] {
    return Array.from({ length: queueSize }, (_, i) => ({
      id: 1_000 + i,
      seriesId: 1 + i,
      episodeId: 10_000 + i,
      title: `Show.${i}.S01E01.1080p`,
      size: 5_000 * MB,
      sizeleft: i === 0 ? topLeft : 5_000 * MB,
      status: i === 0 ? 'downloading' : 'queued',
      trackedDownloadStatus: 'ok',
      trackedDownloadState: 'downloading',
      statusMessages: [],
      downloadId: nzo(i),
      protocol: 'usenet',
      downloadClient: 'SABnzbd',
      added: new Date(start - 3_600_000).toISOString(),
      series: { title: `Series ${i + 1}` },
      episode: { seasonNumber: 1, episodeNumber: 1 },
    }));
  }
  /** Builds this tick's answers (not timed: a client's parsing is the clients' benchmark). */
  function prepare(): MonitorPorts {
    topLeft -= 20 * MB;
    const q = queue();
    const aq = arrQueue();
    const sonarr = {
      queueAll: async () => ({ page: 1, pageSize: aq.length, totalRecords: aq.length, records: aq }),
      removeFromQueue: async () => undefined,
      command: async () => ({}),
      history: async (o: { page?: number; pageSize?: number } = {}) => {
        calls.history++;
        const size = o.pageSize ?? 10;
        const from = ((o.page ?? 1) - 1) * size;
        return {
          page: o.page ?? 1,
          pageSize: size,
          totalRecords: HISTORY,
          records: arrHistory.slice(from, from + size),
        };
      },
      series: async () => {
        calls.library++;
        return library;
      },
    } as unknown as SonarrPort;
    return {
      sabs: [
        {
          instanceId: `sabnzbd${tag}`,
          name: `SABnzbd${tag}`,
          client: {
            queue: async () => q,
            history: async (o = {}) => {
              calls.history++;
              if (o.since === version)
                return { noOfSlots: HISTORY, slots: [], unchanged: true, lastHistoryUpdate: version };
              return {
                noOfSlots: HISTORY,
                slots: history.slice(0, o.limit ?? 100),
                unchanged: false,
                lastHistoryUpdate: version,
              };
            },
            retry: async (id) => id,
            deleteHistory: async () => undefined,
            deleteJob: async () => true,
          },
        },
      ],
      arrs: [{ instanceId: `sonarr${tag}`, name: `Sonarr${tag}`, app: 'sonarr', client: sonarr }],
    };
  }
  return { prepare, calls: () => calls, bump: () => version++, reset: () => (calls = { history: 0, library: 0 }) };
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

function gcFn(): (() => void) | undefined {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

async function tickCpu(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-bench-'));
  let now = Date.parse('2026-01-01T12:00:00Z');
  const stack = fakeStack(now);
  let ports = stack.prepare();
  const ctx = await benchContext(baseSettings(dir), () => now);
  const m = createMonitor(ctx, { ports: () => ports, autoTick: false });
  await m.feature.start();
  await m.tick(); // first tick: reads the histories once
  const cpu: number[] = [];
  const wall: number[] = [];
  stack.reset();
  for (let i = 0; i < 200; i++) {
    now += 10_000;
    ports = stack.prepare();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await m.tick();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  const calls = stack.calls();
  await m.feature.stop();
  await ctx.db.destroy();
  return {
    tick_cpu_ms_p50: pct(cpu, 50),
    tick_cpu_ms_p95: pct(cpu, 95),
    tick_wall_ms_p50: pct(wall, 50),
    queue_items: QUEUE,
    history_items: HISTORY,
    library_titles: LIBRARY,
    history_reads_per_200_ticks: calls.history,
    library_reads_per_200_ticks: calls.library,
  };
}

/** 10 000 polls of a 100-item stack (a leak grows per poll; the item count only scales the time it takes). */
async function heap(ticks: number, queueSize: number): Promise<Record<string, number>> {
  const gc = gcFn();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-bench-'));
  let now = Date.parse('2026-01-01T12:00:00Z');
  const stack = fakeStack(now, queueSize);
  let ports = stack.prepare();
  const ctx = await benchContext(baseSettings(dir), () => now);
  const m = createMonitor(ctx, { ports: () => ports, autoTick: false });
  await m.feature.start();
  const sample = () => {
    gc?.();
    return process.memoryUsage().heapUsed / MB;
  };
  let at1k = 0;
  for (let i = 1; i <= ticks; i++) {
    now += 10_000;
    ports = stack.prepare();
    await m.tick();
    if (i === 1_000) at1k = sample();
  }
  const end = sample();
  await m.feature.stop();
  await ctx.db.destroy();
  return {
    heap_queue_items: queueSize,
    heap_mb_after_1k_ticks: at1k,
    heap_mb_after_10k_ticks: end,
    heap_growth_mb_1k_to_10k: end - at1k,
    heap_gc_forced: gc ? 1 : 0,
  };
}

/** Real timer (poll 2 s), sim clock stopped; a job is made to fail at a random point of the poll cycle. */
async function failureLatency(samples: number): Promise<Record<string, number>> {
  const pollMs = 2_000;
  const lat: number[] = [];
  for (let i = 0; i < samples; i++) {
    const h = await startMonitorHarness({
      scenario: 'sab_failed',
      monitor: { pollIntervalMs: pollMs },
      options: { autoTick: true },
    });
    try {
      await h.tick();
      await new Promise((r) => setTimeout(r, Math.random() * pollMs));
      const t0 = performance.now();
      h.sim.control.advance(60_000); // The Bear reaches its failure point inside this step.
      const deadline = t0 + 10 * pollMs;
      while (!h.named('download.failed').length && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      lat.push(h.named('download.failed').length ? performance.now() - t0 : Number.POSITIVE_INFINITY);
    } finally {
      await h.close();
      await h.sim.stop();
    }
  }
  return {
    fail_to_event_ms_p50: pct(lat, 50),
    fail_to_event_ms_max: Math.max(...lat),
    fail_poll_interval_ms: pollMs,
    fail_samples: samples,
  };
}

export async function run(): Promise<Record<string, number | string>> {
  return { ...(await tickCpu()), ...(await heap(10_000, 100)), ...(await failureLatency(5)) };
}
