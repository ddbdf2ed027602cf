// The MCP feature: serves the tools over HTTP on AutoArr's own server. The monitor's view and the audit service
// come in through the arguments (never by reaching into those features); without them their tools explain why.
// The SDK, zod schemas and ~60 tool modules are loaded on the first MCP request, not at start: most installs
// rarely or never use MCP, and loading them costs start time and memory.
import { Hono } from 'hono';
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import { busView, type BusView } from './bus-view.js';
import type { AuditPort, ExplainPort, MonitorView } from './deps.js';
import type { ApiEnv } from '../http/access.js';

/** The paths createMcpHttp mounts (test/mcp/composition.test.ts holds the two lists together). */
export const MCP_PATHS = ['/mcp', '/sse', '/messages'] as const;

export function mcpFeature(
  ctx: CoreContext,
  parts: { view?: MonitorView; audit?: AuditPort; explain?: ExplainPort } = {},
): Feature {
  // Without the monitor's view object, the same list arrives on the bus (downloads.updated); it listens from the
  // start so the first request finds the latest list.
  let fromBus: BusView | undefined;
  let loading: Promise<Hono<ApiEnv>> | undefined;
  const load = () =>
    (loading ??= import('./http.js').then(({ createMcpHttp }) => {
      const http = createMcpHttp({ ctx, view: parts.view ?? fromBus, audit: parts.audit, explain: parts.explain });
      const app = new Hono<ApiEnv>();
      for (const m of http.mounts) app.route(m.path, m.router);
      return app;
    }));
  // One small router in front of each path hands the request (and the socket info in env) to the real routers.
  const lazy = new Hono<ApiEnv>().all('*', async (c) => (await load()).fetch(c.req.raw, c.env));
  return {
    name: 'mcp',
    start() {
      if (!parts.view) fromBus ??= busView(ctx);
    },
    stop() {
      fromBus?.stop();
      fromBus = undefined;
    },
    routes: () => MCP_PATHS.map((path) => ({ path, router: lazy, access: 'self' as const })),
  };
}
