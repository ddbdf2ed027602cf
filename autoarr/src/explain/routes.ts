// REST: GET /api/downloads/:id/explain and GET /api/audit/findings/:id/explain. Mounted on those exact paths (the
// feature's routes), so the monitor's and the audit's own routers stay as they are.
import { Hono } from 'hono';
import type { ExplainService } from './service.js';
import type { ApiEnv } from '../http/access.js';

export function explainDownloadRoute(s: ExplainService): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/', async (c) => c.json(await s.download(c.req.param('id') ?? '')));
}

export function explainFindingRoute(s: ExplainService): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/', async (c) => c.json(await s.finding(c.req.param('id') ?? '')));
}
