// The web UI's own API: live updates (SSE), settings, the access token, the assistants' URLs and the speed history.
// The static files and the cards bundle are served by routes/web.ts, which createHttpApp mounts last.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { RouteMount } from './app.js';
import { accessTokenRoutes } from './routes/access-token.js';
import { assistantsRoutes } from './routes/assistants.js';
import { eventsRoutes, type EventsOptions } from './routes/events.js';
import { settingsRoutes } from './routes/settings.js';
import { SpeedSampler, speedRoutes } from './routes/speed.js';

export function webFeature(ctx: CoreContext, opts: EventsOptions = {}): Feature {
  const sampler = new SpeedSampler(ctx.now);
  let off: (() => void) | undefined;
  return {
    name: 'web',
    start() {
      off = ctx.bus.on('downloads.updated', ({ downloads }) =>
        sampler.add(downloads.reduce((sum, d) => sum + (d.state === 'downloading' ? d.speedBps || 0 : 0), 0)),
      );
    },
    stop() {
      off?.();
    },
    routes(): RouteMount[] {
      return [
        { path: '/api/events', router: eventsRoutes(ctx, opts) },
        { path: '/api/settings', router: settingsRoutes(ctx) },
        { path: '/api/access-token', router: accessTokenRoutes(ctx) },
        { path: '/api/assistants', router: assistantsRoutes(ctx) },
        { path: '/api/speed', router: speedRoutes(sampler) },
      ];
    },
  };
}
