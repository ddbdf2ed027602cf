// Replicas (PostgreSQL) share the runtime switches and thresholds through the database, but each keeps them in memory.
// A change made on one replica (UI, REST, MCP, MQTT) is taken by the others here: the leader before every monitor poll,
// so it never decides a recovery on an old switch, the others once per poll interval and at once when the change's
// live update arrives. A difference is announced like a local change (settings.changed), so the monitor, MQTT and the
// UI follow it. SQLite has one process and never calls this.
import type { CoreContext } from '../core/context.js';
import type { RuntimeValues } from '../core/runtime.js';
import type { Logger } from '../log/logger.js';

const LABELS: Record<keyof RuntimeValues, string> = { autoRecovery: 'Automatic recovery', dryRun: 'Dry run' };

/** Re-reads the switches and thresholds; calls never overlap (two at once would announce one change twice). */
export function settingsSync(ctx: Pick<CoreContext, 'runtime' | 'thresholds'>, log: Logger): () => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  async function run(): Promise<void> {
    try {
      for (const key of await ctx.runtime.reload()) {
        const on = ctx.runtime.get()[key];
        log.info(`${LABELS[key]} was turned ${on ? 'on' : 'off'} on another replica; this replica follows`, {
          setting: key,
        });
      }
      const tuned = await ctx.thresholds.reload();
      if (tuned.length)
        log.info(`Monitor thresholds were changed on another replica (${tuned.join(', ')}); this replica follows`, {
          setting: 'thresholds',
        });
    } catch (err) {
      log.warn('The switches and thresholds could not be re-read from the database; the next poll tries again', {
        err,
      });
    }
  }
  return () => (chain = chain.then(run));
}
