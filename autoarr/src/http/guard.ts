// Guards every request passes before any router: JSON-only bodies on writes (a browser form or a text/plain post
// from another site cannot drive the API), and no framing of AutoArr's pages outside Home Assistant's ingress.
// The Host check against DNS rebinding lives in access.ts: it depends on how the caller was let in.
import type { MiddlewareHandler } from 'hono';
import { SUPERVISOR_IP, remoteAddress } from './access.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths whose bodies are JSON: the REST API and MCP's Streamable HTTP (/mcp). The retired legacy SSE paths
 *  (/sse, /messages) answer 410 whatever they are sent. */
const JSON_PATH = /^\/(api|mcp)(\/|$)/;

const isJsonType = (type: string) => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type.trim());

/**
 * A write to a JSON endpoint must say its body is JSON. text/plain, form and multipart bodies are what a page on
 * another site can send without asking the browser first (no CORS preflight), so they are refused even when empty.
 */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!WRITES.has(c.req.method) || !JSON_PATH.test(c.req.path)) return next();
    const type = c.req.header('content-type');
    const hasBody = !!c.req.header('transfer-encoding') || Number(c.req.header('content-length') ?? 0) > 0;
    if ((type !== undefined && !isJsonType(type)) || (type === undefined && hasBody)) {
      return c.json(
        {
          code: 'unsupported_media_type',
          message: `${c.req.method} ${c.req.path} takes a JSON body: send it with "Content-Type: application/json"${type ? ` (this request sent "${type.slice(0, 60)}")` : ''}`,
        },
        415,
      );
    }
    return next();
  };
}

/**
 * Outside ingress nothing may show AutoArr inside a frame (clickjacking). Through ingress Home Assistant itself frames
 * the panel, so those answers (they come from the Supervisor's address) are left alone.
 */
export function noFramingOutsideIngress(mode: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (mode === 'addon' && remoteAddress(c) === SUPERVISOR_IP) return;
    c.res.headers.set('x-frame-options', 'DENY');
    const csp = c.res.headers.get('content-security-policy');
    if (!csp) c.res.headers.set('content-security-policy', "frame-ancestors 'none'");
    else if (!/frame-ancestors/i.test(csp))
      c.res.headers.set('content-security-policy', `${csp}; frame-ancestors 'none'`);
  };
}
