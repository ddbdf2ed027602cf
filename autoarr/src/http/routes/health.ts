import { Hono } from 'hono';
import type { CoreContext } from '../../core/context.js';
import type { HealthResponse } from '../../shared/types.js';
import type { ApiEnv } from '../access.js';

export function buildHealth(ctx: CoreContext): HealthResponse {
  const apps: HealthResponse['apps'] = {};
  for (const s of ctx.apps.statuses()) {
    const { id, ...rest } = s;
    apps[id] = rest;
  }
  const parts = ctx.health.parts();
  const degraded =
    ctx.apps.statuses().some((s) => s.state !== 'connected' && s.state !== 'unknown') || !!parts.problems?.length;
  return { status: degraded ? 'degraded' : 'ok', version: ctx.settings.version, apps, ...parts };
}

export function healthRoutes(ctx: CoreContext): Hono<ApiEnv> {
  return new Hono<ApiEnv>().get('/health', (c) => c.json(buildHealth(ctx)));
}
