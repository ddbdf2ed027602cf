// Feeds the Stats service from the bus and serves it at GET /api/stats. Started before the features that read it
// (MQTT, MCP) so its listeners run first and those readers see an event already counted. A worker part: where it
// does not run (an api replica, a replica that does not lead) the route reads what the leader stored.
import { Hono } from 'hono';
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { RouteMount } from '../http/app.js';
import type { ApiEnv } from '../http/access.js';

export function statsFeature(ctx: CoreContext): Feature {
  const offs: Array<() => void> = [];
  return {
    name: 'stats',
    async start() {
      await ctx.stats.load();
      offs.push(
        ctx.bus.on('download.failed', () => ctx.stats.recordFailed()),
        ctx.bus.on('download.recovered', (e) => ctx.stats.recordRecovered(e.download, e.reason)),
        ctx.bus.on('audit.completed', (e) => ctx.stats.recordAudit(e.score, e.findings)),
      );
      ctx.stats.setFed(true);
    },
    async stop() {
      ctx.stats.setFed(false);
      for (const off of offs.splice(0)) off();
      await ctx.stats.flush();
    },
    routes(): RouteMount[] {
      const router = new Hono<ApiEnv>().get('/', async (c) => c.json(await ctx.stats.read()));
      return [{ path: '/api/stats', router }];
    },
  };
}
