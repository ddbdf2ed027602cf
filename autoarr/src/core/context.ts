// The one deps object every feature receives. Built by the composition root (app.ts), never a global.
import type { ActivityLog } from '../activity/activity-log.js';
import type { AppRegistry } from '../apps/registry.js';
import type { EventBus } from '../bus/bus.js';
import type { Db } from '../db/database.js';
import type { KvStore } from '../db/kv.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../settings/settings.js';
import type { Stats } from '../stats/stats.js';
import type { CommandRegistry } from './commands.js';
import type { HealthParts } from './health-parts.js';
import type { RuntimeSwitches } from './runtime.js';
import type { Thresholds } from './thresholds.js';

export interface CoreContext {
  settings: Settings;
  log: Logger;
  bus: EventBus;
  db: Db;
  kv: KvStore;
  activity: ActivityLog;
  apps: AppRegistry;
  health: HealthParts;
  /** The one command path (retry, ignore, run audit …). */
  commands: CommandRegistry;
  /** Automatic recovery and dry run, switchable at run time and persisted. */
  runtime: RuntimeSwitches;
  /** The monitor's thresholds, tunable at run time and persisted; read them here, never from settings.monitor. */
  thresholds: Thresholds;
  /** The last 24 hours' failures and recoveries and the last audit result (fed by the stats feature). */
  stats: Stats;
  /** The bearer token for the API and MCP (from AUTOARR_API_TOKEN, or generated and stored). */
  apiToken: () => string;
  /** Replaces the stored token (not one set by AUTOARR_API_TOKEN) and returns the new one. */
  rotateApiToken: () => Promise<string>;
  now: () => Date;
}
