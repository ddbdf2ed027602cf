// Keeps the activity log from growing forever: entries older than the retention are removed at start and daily.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';

export const ACTIVITY_RETENTION_DAYS = 90;
const DAY_MS = 24 * 3600_000;

export function activityRetentionFeature(ctx: CoreContext, retentionDays = ACTIVITY_RETENTION_DAYS): Feature {
  let timer: NodeJS.Timeout | undefined;
  const prune = async () => {
    try {
      const removed = await ctx.activity.prune(new Date(ctx.now().getTime() - retentionDays * DAY_MS));
      if (removed) ctx.log.info(`Removed ${removed} activity entries older than ${retentionDays} days`);
    } catch (err) {
      ctx.log.warn('Could not prune the activity log; it will be tried again tomorrow', { err });
    }
  };
  return {
    name: 'activity-retention',
    async start() {
      await prune();
      timer = setInterval(() => void prune(), DAY_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
