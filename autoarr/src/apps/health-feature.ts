// Tests every app connection at start and then every minute, so /api/health, entities and the UI stay current.
// Also serves /api/apps (list + on-demand test) and closes the clients' connections on stop.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import { appRoutes } from './routes.js';

export function appHealthFeature(ctx: CoreContext, intervalMs = 60_000): Feature {
  let timer: NodeJS.Timeout | undefined;
  const run = () => ctx.apps.testAll().catch((err: unknown) => ctx.log.error('App connection check failed', { err }));
  return {
    name: 'app-health',
    start() {
      void run();
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await ctx.apps.close();
    },
    routes: () => [{ path: '/api/apps', router: appRoutes(ctx) }],
  };
}
