// REST for SABnzbd's queue controls: GET /status, POST /pause {minutes?}, /resume, /speed-limit {percent}, each with
// an optional ?instance=<id> (default: the first SABnzbd). Writes go through the one command path.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { SabnzbdControlResult } from '../../shared/types.js';
import { MAX_PAUSE_MINUTES } from './client.js';
import type { SabnzbdControls } from './controls.js';
import type { ApiEnv } from '../../http/access.js';
import { readBody, readQuery, type ReadOptions } from '../../http/validate.js';

const pauseBody = z.object({ minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES).optional() }).strict();
const speedBody = z.object({ percent: z.number().int().min(1).max(100) }).strict();
const emptyBody = z.object({}).strict();
const instanceQuery = z.object({ instance: z.string().min(1).max(100).optional() });

const HINTS: ReadOptions = {
  hints: {
    minutes: `minutes must be a whole number from 1 to ${MAX_PAUSE_MINUTES} (one week), or left out to pause until resumed`,
    percent: 'percent must be a whole number from 1 to 100 (100 = no limit)',
  },
};

const instanceOf = (c: Context) =>
  readQuery(c, instanceQuery, { hints: { instance: 'instance must be the id of a SABnzbd instance' } }).instance;

function reply(c: Context, r: SabnzbdControlResult) {
  // Not ok = SABnzbd refused or could not be reached; the message says which and what to do.
  return r.ok ? c.json(r) : c.json({ code: 'sabnzbd_failed', ...r }, 502);
}

export function sabnzbdRoutes(ctx: CoreContext, controls: SabnzbdControls): Hono<ApiEnv> {
  // Who asked, for the activity log: the web UI and the HA integration say so; anything else is "api".
  const by = (c: Context) => {
    const h = c.req.header('x-autoarr-client');
    return h === 'ui' || h === 'home_assistant' ? h : 'api';
  };
  return new Hono<ApiEnv>()
    .get('/status', async (c) => {
      const id = instanceOf(c);
      const items = await controls.status();
      if (id !== undefined && !items.some((s) => s.instanceId === id)) {
        throw new UserError('not_found', `There is no SABnzbd instance "${id}"`, 404);
      }
      return c.json({ items: id === undefined ? items : items.filter((s) => s.instanceId === id) });
    })
    .post('/pause', async (c) => {
      const { minutes } = await readBody(c, pauseBody, HINTS);
      return reply(c, await ctx.commands.run('sabnzbd.pause', { minutes, instanceId: instanceOf(c), by: by(c) }));
    })
    .post('/resume', async (c) => {
      await readBody(c, emptyBody);
      return reply(c, await ctx.commands.run('sabnzbd.resume', { instanceId: instanceOf(c), by: by(c) }));
    })
    .post('/speed-limit', async (c) => {
      const { percent } = await readBody(c, speedBody, HINTS);
      return reply(c, await ctx.commands.run('sabnzbd.speed_limit', { percent, instanceId: instanceOf(c), by: by(c) }));
    });
}
