// Who may use MCP: the bearer token, loopback in the demo, or — when mcp_allow_internal_network is on — the
// add-on's internal network, where Home Assistant's own MCP client (which cannot send a static token) connects.
// Plus DNS-rebinding guards: a browser page on another origin must not drive the tools (Origin here, Host in
// requireAccess).
import type { MiddlewareHandler } from 'hono';
import type { CoreContext } from '../core/context.js';
import { requireAccess } from '../http/access.js';

export function mcpAccess(ctx: CoreContext): MiddlewareHandler {
  const access = requireAccess(ctx, {
    allowInternal: ctx.settings.mcp.allowInternalNetwork,
    // Read-only MCP is enforced by not listing the tools that change anything (server.ts).
    enforceReadOnly: false,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin && !sameHost(origin, c.req.header('host'))) {
      return c.json(
        {
          code: 'forbidden_origin',
          message: `MCP requests from the web page ${origin} are refused; MCP clients connect directly, not from a browser page`,
        },
        403,
      );
    }
    const denied = await access(c, next);
    if (denied instanceof Response && denied.status === 401) {
      denied.headers.set('www-authenticate', 'Bearer realm="AutoArr MCP"');
    }
    return denied;
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
