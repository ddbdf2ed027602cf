// REST for the audit: one small router, zod-validated bodies, every action through the AuditService.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import type { AuditReport, AuditSummary } from '../shared/types.js';
import type { AuditService } from './service.js';

const fixBody = z.object({ dryRun: z.boolean().optional() }).strict();
const emptyBody = z.object({}).strict();

/** Parses an optional JSON body; an empty body counts as {}. */
async function body<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new UserError('bad_json', 'The request body is not valid JSON', 400);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new UserError('invalid_body', `The request body is not valid (${issues}). Send {"dryRun": true|false}.`, 400);
  }
  return parsed.data;
}

function by(c: Context): string {
  const caller = c.get('caller' as never) as string | undefined;
  return caller ? `api:${caller}` : 'api';
}

export function auditRoutes(service: AuditService): Hono {
  const r = new Hono();
  r.get('/', async (c) => c.json(await service.latest()));
  // The Overview needs one score, not the whole report (tens of KB with every check).
  r.get('/summary', async (c) => c.json(summarize(await service.latest())));
  r.post('/run', async (c) => {
    await body(c, emptyBody);
    return c.json(await service.run({ trigger: 'manual', by: by(c) }));
  });
  r.post('/findings/:id/fix', async (c) => {
    const { dryRun } = await body(c, fixBody);
    const result = await service.fix(c.req.param('id'), { dryRun: dryRun ?? false, by: by(c) });
    return c.json(result, result.ok ? 200 : 502);
  });
  r.post('/fix-all', async (c) => {
    const { dryRun } = await body(c, fixBody);
    const result = await service.fixAllSafe({ dryRun: dryRun ?? false, by: by(c) });
    return c.json(result);
  });
  r.get('/changes', async (c) => c.json({ items: await service.changes() }));
  r.post('/changes/:id/rollback', async (c) => {
    await body(c, emptyBody);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0)
      throw new UserError('bad_request', 'The change id must be a positive number', 400);
    const result = await service.rollback(id, { by: by(c) });
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
