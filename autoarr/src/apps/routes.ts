// /api/apps: the configured instances with their status, and an on-demand connection test per instance.
import { Hono } from 'hono';
import type { CoreContext } from '../core/context.js';
import { redactText } from '../log/redact.js';
import type { AppInfo } from '../shared/types.js';
import type { ApiEnv } from '../http/access.js';

export function appRoutes(ctx: CoreContext): Hono<ApiEnv> {
  const info = (): AppInfo[] =>
    ctx.apps.instances().map((i) => ({
      id: i.id,
      app: i.app,
      name: i.name,
      state: 'unknown',
      ...ctx.apps.status(i.id),
      url: redactText(i.url),
      verifySsl: i.verifySsl,
    }));

  return new Hono<ApiEnv>()
    .get('/', (c) => c.json(info()))
    .post('/:id/test', async (c) => c.json(await ctx.apps.test(c.req.param('id'))));
}
