// REST for the audit: one small router, zod-validated bodies, every action through the AuditService.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditReport, AuditSummary } from '../shared/types.js';
import type { AuditService } from './service.js';
import { askedBy, type ApiEnv } from '../http/access.js';
import { readBody, readParams } from '../http/validate.js';

const fixBody = z.object({ dryRun: z.boolean().optional() }).strict();
const emptyBody = z.object({}).strict();
const changeParams = z.object({ id: z.coerce.number().int().min(1) });
const FIX = { example: '{"dryRun": true|false}' };

export function auditRoutes(service: AuditService): Hono<ApiEnv> {
  const r = new Hono<ApiEnv>();
  r.get('/', async (c) => c.json(await service.latest()));
  // The Overview needs one score, not the whole report (tens of KB with every check).
  r.get('/summary', async (c) => c.json(summarize(await service.latest())));
  r.post('/run', async (c) => {
    await readBody(c, emptyBody);
    return c.json(await service.run({ trigger: 'manual', by: askedBy(c) }));
  });
  r.post('/findings/:id/fix', async (c) => {
    const { dryRun } = await readBody(c, fixBody, FIX);
    const result = await service.fix(c.req.param('id'), { dryRun: dryRun ?? false, by: askedBy(c) });
    return c.json(result, result.ok ? 200 : 502);
  });
  r.post('/fix-all', async (c) => {
    const { dryRun } = await readBody(c, fixBody, FIX);
    const result = await service.fixAllSafe({ dryRun: dryRun ?? false, by: askedBy(c) });
    return c.json(result);
  });
  r.get('/changes', async (c) => c.json({ items: await service.changes() }));
  r.post('/changes/:id/rollback', async (c) => {
    await readBody(c, emptyBody);
    const { id } = readParams(c, changeParams, {
      hints: { id: 'the change id must be a positive whole number (see GET /api/audit/changes)' },
    });
    const result = await service.rollback(id, { by: askedBy(c) });
    return c.json(result, result.ok ? 200 : 502);
  });
  return r;
}

export function summarize(report: AuditReport): AuditSummary {
  const f = report.run?.findings ?? [];
  const count = (sev: string) => f.filter((x) => x.severity === sev).length;
  return {
    ...(report.run ? { runAt: report.run.finishedAt } : {}),
    score: report.run?.score ?? null,
    findings: f.length,
    critical: count('critical'),
    warning: count('warning'),
    info: count('info'),
    fixable: f.filter((x) => x.fixable).length,
    ...(report.nextRunAt ? { nextRunAt: report.nextRunAt } : {}),
  };
}
