// Who may call the API. Ingress requests come from the Supervisor (172.30.32.2) and are already authenticated by
// Home Assistant; everything else needs the bearer token unless it comes from loopback in the demo.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { CoreContext } from '../core/context.js';

export const SUPERVISOR_IP = '172.30.32.2';

export function remoteAddress(c: Context): string {
  let addr: string | undefined;
  try {
    addr = getConnInfo(c).remote.address;
  } catch {
    return ''; // app.request() in tests has no socket
  }
  // A socket that closed before we looked has no address; that must never count as loopback ('').
  return (addr ?? 'unknown').replace(/^::ffff:/, '');
}

export const isLoopback = (addr: string) => addr === '127.0.0.1' || addr === '::1' || addr.startsWith('127.');
/** The add-on's internal Docker network, where Home Assistant Core and other add-ons live. */
export const isHassioNetwork = (addr: string) => /^172\.30\.(3[2-3])\.\d+$/.test(addr);

export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]!.trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Caller = 'ingress' | 'token' | 'loopback' | 'internal';

/** Allows the request and records how it was let in, or answers 401/403 with what to do. */
export function requireAccess(ctx: CoreContext, opts: { allowInternal?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const addr = remoteAddress(c);
    const { mode } = ctx.settings;
    let caller: Caller | undefined;
    if (tokenMatches(c.req.header('authorization'), ctx.apiToken())) caller = 'token';
    else if (mode === 'addon' && addr === SUPERVISOR_IP) caller = 'ingress';
    else if (addr === '' || (isLoopback(addr) && (mode === 'demo' || ctx.settings.host === '127.0.0.1')))
      caller = 'loopback';
    else if (opts.allowInternal && mode === 'addon' && isHassioNetwork(addr)) caller = 'internal';
    if (!caller) {
      const hasHeader = !!c.req.header('authorization');
      return c.json(
        {
          code: 'unauthorized',
          message: hasHeader
            ? 'The API token is wrong. Copy the current token from AutoArr → Assistants, or rotate it there.'
            : 'An API token is required: send "Authorization: Bearer <token>". Find the token in AutoArr → Assistants.',
        },
        401,
      );
    }
    c.set('caller' as never, caller as never);
    await next();
  };
}
