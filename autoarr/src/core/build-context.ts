// The one place a CoreContext is put together: the server (app.ts), stdio MCP, the test harnesses and the benchmark
// all call this, so a new field is added once and every caller gets it.
import { ActivityLog } from '../activity/activity-log.js';
import { createAppRegistry, type AppRegistry } from '../apps/registry.js';
import { EventBus } from '../bus/bus.js';
import type { Db } from '../db/database.js';
import { KvStore } from '../db/kv.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../settings/settings.js';
import { Stats } from '../stats/stats.js';
import { CommandRegistry } from './commands.js';
import type { CoreContext } from './context.js';
import { HealthParts } from './health-parts.js';
import { RuntimeSwitches } from './runtime.js';
import { Thresholds } from './thresholds.js';

export interface ContextParts {
  settings: Settings;
  log: Logger;
  db: Db;
  /** Defaults to a new bus logging as component "bus". */
  bus?: EventBus;
  kv?: KvStore;
  /** The app clients; by default a registry of settings.instances with settings.requestTimeoutMs. */
  apps?: AppRegistry | ((bus: EventBus) => AppRegistry);
  /** The run-time switches' first values when none are stored (default: settings.monitor's). */
  switches?: { autoRecovery: boolean; dryRun: boolean };
  apiToken: () => string;
  rotateApiToken: () => Promise<string>;
  now?: () => Date;
}

export async function buildContext(p: ContextParts): Promise<CoreContext> {
  const { settings, log, db } = p;
  const bus = p.bus ?? new EventBus(log.child({ component: 'bus' }));
  const kv = p.kv ?? new KvStore(db);
  const now = p.now ?? (() => new Date());
  const apps =
    typeof p.apps === 'function'
      ? p.apps(bus)
      : (p.apps ??
        createAppRegistry(settings.instances, bus, log.child({ component: 'apps' }), {
          requestTimeoutMs: settings.requestTimeoutMs,
        }));
  return {
    settings,
    log,
    bus,
    db,
    kv,
    activity: new ActivityLog(db, bus, now),
    apps,
    health: new HealthParts(),
    commands: new CommandRegistry(),
    runtime: await RuntimeSwitches.load(
      kv,
      bus,
      p.switches ?? { autoRecovery: settings.monitor.autoRecovery, dryRun: settings.monitor.dryRun },
    ),
    thresholds: await Thresholds.load(kv, bus, settings.monitor),
    stats: new Stats(kv, now),
    apiToken: p.apiToken,
    rotateApiToken: p.rotateApiToken,
    now,
  };
}
