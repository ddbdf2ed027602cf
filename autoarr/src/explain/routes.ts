// REST: GET /api/downloads/:id/explain and GET /api/audit/findings/:id/explain. Mounted on those exact paths (the
// feature's routes), so the monitor's and the audit's own routers stay as they are.
import { Hono } from 'hono';
import type { ExplainService } from './service.js';

export function explainDownloadRoute(s: ExplainService): Hono {
  return new Hono().get('/', async (c) => c.json(await s.download(c.req.param('id') ?? '')));
}

export function explainFindingRoute(s: ExplainService): Hono {
  return new Hono().get('/', async (c) => c.json(await s.finding(c.req.param('id') ?? '')));
}
