// MCP over HTTP on AutoArr's own Hono server. Streamable HTTP at /mcp (all tools) and /mcp/<app> (one app's tools),
// stateless: a fresh transport per request, so nothing leaks between callers and nothing needs expiring. Building an
// McpServer with ~60 tools costs milliseconds, so idle servers are pooled and reconnected to the next transport.
// The legacy HTTP+SSE transport is not served: Home Assistant's MCP client speaks Streamable HTTP since 2026.2 (the
// AutoArr integration needs 2026.3), desktop assistants use stdio; /sse answers 410 saying which URL to use.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono, type Context } from 'hono';
import type { RouteMount } from '../http/app.js';
import { mcpAccess } from './auth.js';
import { TOOL_GROUPS, type ToolGroup } from './define.js';
import type { McpDeps } from './deps.js';
import { createMcpServer } from './server.js';
import type { ApiEnv } from '../http/access.js';

export interface McpHttp {
  mounts: RouteMount[];
}

const jsonRpcError = (c: Context, status: 404 | 405 | 400, message: string) =>
  c.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, status);

function groupOf(c: Context): ToolGroup | undefined | null {
  const g = c.req.param('group');
  if (!g) return undefined;
  return (TOOL_GROUPS as readonly string[]).includes(g) ? (g as ToolGroup) : null;
}

/** Idle servers kept per endpoint; more concurrent requests simply build more (and drop them afterwards). */
const MAX_IDLE = 4;

export function createMcpHttp(deps: McpDeps): McpHttp {
  const idle = new Map<string, McpServer[]>();
  const access = mcpAccess(deps.ctx);
  const acquire = (group: ToolGroup | undefined) =>
    idle.get(group ?? '')?.pop() ?? createMcpServer(deps, group ? { group } : {});
  const release = (group: ToolGroup | undefined, server: McpServer) => {
    const list = idle.get(group ?? '') ?? [];
    if (list.length < MAX_IDLE) list.push(server);
    idle.set(group ?? '', list);
  };

  async function streamable(c: Context): Promise<Response> {
    const group = groupOf(c);
    if (group === null) {
      return c.json(
        { code: 'not_found', message: `No MCP endpoint ${c.req.path}; use /mcp or /mcp/<${TOOL_GROUPS.join('|')}>` },
        404,
      );
    }
    if (c.req.method !== 'POST') {
      // Stateless server: no standalone notification stream and no session to delete.
      c.header('allow', 'POST');
      return jsonRpcError(c, 405, 'Method not allowed: this MCP endpoint is stateless; send JSON-RPC with POST.');
    }
    const server = acquire(group);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      // The JSON response is complete here: detach the transport and keep the server for the next request.
      await server.close().then(
        () => release(group, server),
        () => undefined,
      );
    }
  }

  const mcp = new Hono<ApiEnv>().use('*', access).all('/', streamable).all('/:group', streamable);

  // Old client configurations pointing at the legacy SSE transport get told what to use instead.
  const gone = new Hono<ApiEnv>().all('*', (c) =>
    c.json(
      {
        code: 'gone',
        message:
          'AutoArr no longer serves the legacy SSE transport. Use Streamable HTTP at /mcp ' +
          '(Home Assistant 2026.2 or newer; other assistants: any current MCP client, or `autoarr mcp --url`).',
      },
      410,
    ),
  );

  return {
    mounts: [
      { path: '/mcp', router: mcp, access: 'self' },
      { path: '/sse', router: gone, access: 'self' },
      { path: '/messages', router: gone, access: 'self' },
    ],
  };
}
