// REST: /api/downloads (the unified view, retry/ignore/remove, retry every stalled one) and /api/activity (the paged log).
// Request input is validated with zod; commands go through the monitor control, never its state.
import { Hono } from 'hono';
import { z } from 'zod';
import type { ActivityLog } from '../activity/activity-log.js';
import { UserError } from '../core/errors.js';
import type { MonitorControl } from './monitor.js';

const STATES = [
  'queued',
  'downloading',
  'paused',
  'stalled',
  'post_processing',
  'import_pending',
  'import_blocked',
  'failed',
  'recovering',
  'completed',
  'removed',
  'replaced',
] as const;

const listQuery = z.object({
  /** One state or several, comma-separated. */
  state: z
    .string()
    .transform((v) => v.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(STATES)))
    .optional(),
  app: z.enum(['sabnzbd', 'sonarr', 'radarr', 'plex']).optional(),
  instanceId: z.string().min(1).max(100).optional(),
});
const ignoreBody = z.object({ ignored: z.boolean().optional() }).strict();
const removeBody = z.object({ blocklist: z.boolean() }).strict();
const activityQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
  kind: z.enum(['detect', 'action', 'result', 'audit', 'system']).optional(),
  downloadId: z.string().min(1).max(200).optional(),
  instanceId: z.string().min(1).max(100).optional(),
  since: z.iso.datetime().optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new UserError('bad_request', `Invalid ${what}: ${where}${issue?.message ?? 'not valid'}`, 400);
}

async function body(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UserError('bad_json', 'The request body is not valid JSON', 400);
  }
}

const result = (r: { ok: boolean; message: string }) => (r.ok ? 200 : r.message.startsWith('No download') ? 404 : 409);

export function downloadRoutes(m: MonitorControl): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const f = parse(listQuery, c.req.query(), 'filter');
    return c.json({ items: m.view.list(f) });
  });
  app.get('/:id', async (c) => {
    const d = m.view.get(c.req.param('id'));
    if (!d) throw new UserError('not_found', `No download with id ${c.req.param('id')} is being watched`, 404);
    return c.json({ ...d, timeline: await m.view.timeline(d.id) });
  });
  app.post('/retry-stalled', async (c) => {
    const r = await m.retryStalled('api');
    return c.json(r, r.ok ? 200 : 409);
  });
  app.post('/:id/retry', async (c) => {
    const r = await m.retry(c.req.param('id'), 'api');
    return c.json(r, result(r));
  });
  app.post('/:id/ignore', async (c) => {
    const b = parse(ignoreBody, await body(c.req.raw), 'body');
    const r = await m.ignore(c.req.param('id'), b.ignored ?? true, 'api');
    return c.json(r, result(r));
  });
  app.post('/:id/remove', async (c) => {
    const b = parse(removeBody, await body(c.req.raw), 'body (expected {"blocklist": true|false})');
    const r = await m.remove(c.req.param('id'), b.blocklist, 'api');
    return c.json(r, result(r));
  });
  return app;
}

export function activityRoutes(activity: ActivityLog): Hono {
  const app = new Hono();
  app.get('/', async (c) => c.json(await activity.list(parse(activityQuery, c.req.query(), 'query'))));
  return app;
}
