// REST: /api/downloads (the unified view, retry/ignore/remove, retry every stalled one) and /api/activity (the paged log).
// Request input is validated with zod; reads go through the monitor's view, actions through the command path (so a
// replica that does not lead hands them to the leader).
import { Hono } from 'hono';
import { z } from 'zod';
import type { ActivityLog } from '../activity/activity-log.js';
import type { CommandRegistry } from '../core/commands.js';
import { UserError } from '../core/errors.js';
import { ACTIVITY_KINDS, APP_KINDS, DOWNLOAD_STATES } from '../shared/domain.js';
import type { DownloadPage } from '../shared/types.js';
import type { MonitorControl } from './monitor.js';
import type { ApiEnv } from '../http/access.js';
import { readBody, readQuery } from '../http/validate.js';

/** A page of downloads unless asked otherwise: small enough for a phone, a 1 000-job queue is 20 pages. */
export const DOWNLOADS_PAGE = 50;
export const MAX_DOWNLOADS_PAGE = 500;

const listQuery = z.object({
  /** One state or several, comma-separated. */
  state: z
    .string()
    .transform((v) => v.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(DOWNLOAD_STATES)))
    .optional(),
  app: z.enum(APP_KINDS).optional(),
  instanceId: z.string().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_DOWNLOADS_PAGE).optional(),
});
const ignoreBody = z.object({ ignored: z.boolean().optional() }).strict();
const removeBody = z.object({ blocklist: z.boolean() }).strict();
const activityQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
  kind: z.enum(ACTIVITY_KINDS).optional(),
  downloadId: z.string().min(1).max(200).optional(),
  instanceId: z.string().min(1).max(100).optional(),
  since: z.iso.datetime().optional(),
});

const result = (r: { ok: boolean; message: string }) => (r.ok ? 200 : r.message.startsWith('No download') ? 404 : 409);

export function downloadRoutes(m: MonitorControl, commands: CommandRegistry): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', (c) => {
    const { page = 1, pageSize = DOWNLOADS_PAGE, state, ...rest } = readQuery(c, listQuery);
    // byState counts every state under the other filters, so a UI can show its filter chips with numbers.
    const all = m.view.list(rest);
    const byState: DownloadPage['byState'] = {};
    for (const d of all) byState[d.state] = (byState[d.state] ?? 0) + 1;
    const hits = state ? all.filter((d) => state.includes(d.state)) : all;
    const out: DownloadPage = {
      items: hits.slice((page - 1) * pageSize, page * pageSize),
      total: hits.length,
      page,
      pageSize,
      byState,
    };
    return c.json(out);
  });
  app.get('/:id', async (c) => {
    const d = m.view.get(c.req.param('id'));
    if (!d) throw new UserError('not_found', `No download with id ${c.req.param('id')} is being watched`, 404);
    return c.json({ ...d, timeline: await m.view.timeline(d.id) });
  });
  app.post('/retry-stalled', async (c) => {
    const r = await commands.run('monitor.retry_stalled', { by: 'api' });
    return c.json(r, r.ok ? 200 : 409);
  });
  app.post('/:id/retry', async (c) => {
    const r = await commands.run('download.retry', { id: c.req.param('id'), by: 'api' });
    return c.json(r, result(r));
  });
  app.post('/:id/ignore', async (c) => {
    const b = await readBody(c, ignoreBody, { example: '{"ignored": true|false}' });
    const r = await commands.run('download.ignore', { id: c.req.param('id'), ignored: b.ignored ?? true, by: 'api' });
    return c.json(r, result(r));
  });
  app.post('/:id/remove', async (c) => {
    const b = await readBody(c, removeBody, { example: '{"blocklist": true|false}' });
    const r = await commands.run('download.remove', { id: c.req.param('id'), blocklist: b.blocklist, by: 'api' });
    return c.json(r, result(r));
  });
  return app;
}

export function activityRoutes(activity: ActivityLog): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', async (c) => c.json(await activity.list(readQuery(c, activityQuery))));
  return app;
}
