// The monitor against the simulated stack with a controlled clock: sim speed 0, AutoArr's `now` is the sim's now,
// and tests call tick() and control.advance() themselves. The CoreContext is built here (as app.ts does) so the
// test holds the monitor and its tick(); the database is a real SQLite file that can be reopened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppRegistry } from '../../src/apps/registry.js';
import { EventBus } from '../../src/bus/bus.js';
import type { BusEvents } from '../../src/bus/events.js';
import { buildContext } from '../../src/core/build-context.js';
import type { CoreContext } from '../../src/core/context.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { createHttpApp } from '../../src/http/app.js';
import { memoryLogger, type LogRecord } from '../../src/log/logger.js';
import { createMonitor, type Monitor, type MonitorOptions } from '../../src/monitor/monitor.js';
import { portsFromRegistry, type MonitorPorts } from '../../src/monitor/ports.js';
import { loadSettings } from '../../src/settings/load.js';
import type { MonitorSettings, Settings } from '../../src/settings/settings.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';

export type Seen = { [K in keyof BusEvents]: { name: K; payload: BusEvents[K]; at: number } }[keyof BusEvents];

export interface MonitorHarness {
  sim: SimStack;
  ctx: CoreContext;
  db: Db;
  monitor: Monitor;
  http: ReturnType<typeof createHttpApp>;
  file: string;
  events: Seen[];
  /** The process log (info and above). */
  logs: LogRecord[];
  token: string;
  tick(): Promise<void>;
  /** Advances sim time in poll-sized steps, ticking after each step. */
  run(ms: number, stepMs?: number): Promise<void>;
  named<K extends keyof BusEvents>(name: K): Array<BusEvents[K]>;
  /** Stops the monitor, closes the database and the clients (the sim keeps running) — a restart. */
  close(): Promise<void>;
  /** Closes the database and the clients without stopping the monitor — a kill in the middle of a tick. */
  crash(): Promise<void>;
}

export interface HarnessOptions {
  scenario?: string;
  monitor?: Partial<MonitorSettings>;
  sim?: SimStack;
  file?: string;
  options?: MonitorOptions;
  /** Wraps the real clients (to make a call hang, as if AutoArr were killed during it). */
  wrapPorts?: (p: MonitorPorts) => MonitorPorts;
}

export const POLL_MS = 10_000;

export async function startMonitorHarness(opts: HarnessOptions = {}): Promise<MonitorHarness> {
  const sim = opts.sim ?? (await startSimStack({ speed: 0, scenario: opts.scenario ?? 'healthy' }));
  const file = opts.file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-monitor-')), 'autoarr.db');
  const r = loadSettings({ env: { DATA_DIR: path.dirname(file) }, mode: 'container', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const settings: Settings = {
    ...r.settings,
    databasePath: file,
    instances: settingsForSim(sim),
    requestTimeoutMs: 5_000,
    monitor: { ...r.settings.monitor, pollIntervalMs: POLL_MS, minQueueAgeMinutes: 0, ...opts.monitor },
  };
  const log = memoryLogger('info');
  const { db } = await openDatabase(file, log);
  const now = () => new Date(sim.control.now());
  const token = 'test-token-0123456789';
  const ctx = await buildContext({
    settings,
    log,
    bus: new EventBus(log),
    db,
    apps: (bus) =>
      createAppRegistry(settings.instances, bus, log, { requestTimeoutMs: 5_000, client: { maxRetries: 0 } }),
    apiToken: () => token,
    rotateApiToken: async () => token,
    now,
  });
  const { bus, apps } = ctx;
  const events: Seen[] = [];
  for (const name of [
    'download.stalled',
    'download.failed',
    'download.import_blocked',
    'download.recovering',
    'download.recovered',
    'download.gave_up',
    'download.completed',
    'downloads.updated',
  ] as const) {
    bus.on(name, (payload) => void events.push({ name, payload, at: sim.control.now() } as Seen));
  }
  const wrap = opts.wrapPorts;
  const monitor = createMonitor(ctx, {
    autoTick: false,
    ...(wrap ? { ports: () => wrap(portsFromRegistry(apps)) } : {}),
    ...opts.options,
  });
  await monitor.feature.start();
  const http = createHttpApp(ctx, monitor.feature.routes?.() ?? []);
  const h: MonitorHarness = {
    sim,
    ctx,
    db,
    monitor,
    http,
    file,
    events,
    logs: log.records,
    token,
    tick: () => monitor.tick(),
    async run(ms, stepMs = POLL_MS) {
      for (let t = 0; t < ms; t += stepMs) {
        sim.control.advance(Math.min(stepMs, ms - t));
        await monitor.tick();
      }
    },
    named: (name) => events.filter((e) => e.name === name).map((e) => e.payload as BusEvents[typeof name]),
    async close() {
      await monitor.feature.stop();
      await apps.close();
      await db.destroy();
    },
    async crash() {
      await apps.close();
      await db.destroy();
    },
  };
  return h;
}
