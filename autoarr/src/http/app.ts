// createHttpApp: request ids, logging, one JSON error shape {code, message, requestId}, and the routers each
// feature contributes. Tested through app.request() with the bindings @hono/node-server would give (see app.test.ts).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { DatabaseError } from '../db/driver.js';
import { redactText } from '../log/redact.js';
import { requireAccess, type ApiEnv } from './access.js';
import { compression } from './compress.js';
import { jsonBodiesOnly, noFramingOutsideIngress } from './guard.js';
import { healthRoutes } from './routes/health.js';
import { BAD_REQUEST } from './validate.js';
import { webRoutes } from './routes/web.js';

export interface RouteMount {
  /** Mount path, e.g. "/api/downloads". */
  path: string;
  router: Hono<ApiEnv>;
  /** "api" (default): the API token / ingress rule applies; "self": the router does its own access checks. */
  access?: 'api' | 'self';
}

export interface HttpOptions {
  /** Serve the web UI (default true); AUTOARR_ROLE=worker or mcp serve the API parts they run only. */
  ui?: boolean;
}

export function createHttpApp(ctx: CoreContext, mounts: RouteMount[] = [], opts: HttpOptions = {}): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID().slice(0, 8);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    ctx.log.trace('http', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.use('*', compression());
  app.use('*', noFramingOutsideIngress(ctx.settings.mode));
  app.use('*', jsonBodiesOnly());

  // Health stays open: the Supervisor watchdog and the Docker HEALTHCHECK call it without a token.
  app.route('/api', healthRoutes(ctx));

  for (const m of mounts) {
    if ((m.access ?? 'api') === 'api') app.use(`${m.path}/*`, requireAccess(ctx)).use(m.path, requireAccess(ctx));
    app.route(m.path, m.router);
  }

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ code: 'not_found', message: `No API endpoint ${c.req.method} ${c.req.path}` }, 404)
      : c.text('Not found', 404),
  );

  app.onError((err, c) => {
    const requestId = c.res.headers.get('x-request-id') ?? undefined;
    if (err instanceof UserError) return c.json({ code: err.code, message: err.message, requestId }, err.status);
    if (err instanceof HTTPException) {
      return c.json({ code: BAD_REQUEST, message: redactText(err.message || 'Bad request'), requestId }, err.status);
    }
    // The database cannot be written (full disk, lock) or read (damage): the message says which file and what to do.
    if (err instanceof DatabaseError) return c.json({ code: 'storage', message: err.message, requestId }, 503);
    if (err instanceof SyntaxError)
      return c.json({ code: BAD_REQUEST, message: 'The request body is not valid JSON', requestId }, 400);
    ctx.log.error('Unhandled error in an API request', { path: c.req.path, err });
    return c.json({ code: 'internal', message: 'AutoArr hit an internal error; the log has details', requestId }, 500);
  });

  // The web UI last, so API routes win.
  if (opts.ui !== false) app.route('/', webRoutes(ctx));
  else
    app.all('*', (c) =>
      c.req.path.startsWith('/api/')
        ? c.json({ code: 'not_found', message: `No API endpoint ${c.req.method} ${c.req.path}` }, 404)
        : c.text(
            `This AutoArr process runs with AUTOARR_ROLE=${ctx.settings.role ?? 'all'} and serves no web UI; open a replica with AUTOARR_ROLE=all or api`,
            404,
          ),
    );
  return app;
}
