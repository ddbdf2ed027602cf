// REST for SABnzbd's queue controls: GET /status, POST /pause {minutes?}, /resume, /speed-limit {percent}, each with
// an optional ?instance=<id> (default: the first SABnzbd). Writes go through the one command path.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { SabnzbdControlResult } from '../../shared/types.js';
import { MAX_PAUSE_MINUTES } from './client.js';
import type { SabnzbdControls } from './controls.js';

const pauseBody = z.object({ minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES).optional() }).strict();
const speedBody = z.object({ percent: z.number().int().min(1).max(100) }).strict();
const emptyBody = z.object({}).strict();
const instanceQuery = z.object({ instance: z.string().min(1).max(100).optional() });

const FIELD_HINT: Record<string, string> = {
  minutes: `minutes must be a whole number from 1 to ${MAX_PAUSE_MINUTES} (one week), or left out to pause until resumed`,
  percent: 'percent must be a whole number from 1 to 100 (100 = no limit)',
};

async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text) as unknown;
    } catch {
      throw new UserError('bad_json', 'The request body is not valid JSON', 400);
    }
  }
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const key = issue?.path[0];
  const hint =
    typeof key === 'string' && FIELD_HINT[key]
      ? FIELD_HINT[key]
      : issue?.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : (issue?.message ?? 'not valid');
  throw new UserError('bad_request', `Invalid request: ${hint}`, 400);
}

function instanceOf(c: Context): string | undefined {
  const q = instanceQuery.safeParse(c.req.query());
  if (!q.success) throw new UserError('bad_request', 'Invalid request: instance must be an instance id', 400);
  return q.data.instance;
}

function reply(c: Context, r: SabnzbdControlResult) {
  // Not ok = SABnzbd refused or could not be reached; the message says which and what to do.
  return r.ok ? c.json(r) : c.json({ code: 'sabnzbd_failed', ...r }, 502);
}

export function sabnzbdRoutes(ctx: CoreContext, controls: SabnzbdControls): Hono {
  // Who asked, for the activity log: the web UI and the HA integration say so; anything else is "api".
  const by = (c: Context) => {
    const h = c.req.header('x-autoarr-client');
    return h === 'ui' || h === 'home_assistant' ? h : 'api';
  };
  return new Hono()
    .get('/status', async (c) => {
      const id = instanceOf(c);
      const items = await controls.status();
      if (id !== undefined && !items.some((s) => s.instanceId === id)) {
        throw new UserError('not_found', `There is no SABnzbd instance "${id}"`, 404);
      }
      return c.json({ items: id === undefined ? items : items.filter((s) => s.instanceId === id) });
    })
    .post('/pause', async (c) => {
      const { minutes } = await parseBody(c, pauseBody);
      return reply(c, await ctx.commands.run('sabnzbd.pause', { minutes, instanceId: instanceOf(c), by: by(c) }));
    })
    .post('/resume', async (c) => {
      await parseBody(c, emptyBody);
      return reply(c, await ctx.commands.run('sabnzbd.resume', { instanceId: instanceOf(c), by: by(c) }));
    })
    .post('/speed-limit', async (c) => {
      const { percent } = await parseBody(c, speedBody);
      return reply(c, await ctx.commands.run('sabnzbd.speed_limit', { percent, instanceId: instanceOf(c), by: by(c) }));
    });
}
