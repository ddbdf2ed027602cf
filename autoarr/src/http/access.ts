// Who may call the API. Ingress requests come from the Supervisor (172.30.32.2) and are already authenticated by
// Home Assistant; outside the add-on a person at this computer (see fromThisComputer) needs no token; everything
// else needs the bearer token.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import type { CoreContext } from '../core/context.js';

export const SUPERVISOR_IP = '172.30.32.2';

/**
 * The caller's IP address, or 'unknown' when there is none to read (a socket that closed before we looked, a request
 * made in process without @hono/node-server's bindings). 'unknown' matches no door, so such a request needs the token.
 */
export function remoteAddress(c: Context): string {
  let addr: string | undefined;
  try {
    addr = getConnInfo(c).remote.address;
  } catch {
    addr = undefined;
  }
  return (addr || 'unknown').replace(/^::ffff:/, '');
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

/** The Hono env of the API: requireAccess records how the caller was let in, for the routes to read. */
export interface ApiEnv {
  Variables: { caller: Caller };
}

/** Who asked, for the activity log: "api:token", "api:ingress" … */
export function askedBy(c: Context<ApiEnv>): string {
  // A router used on its own (a test mounting it without requireAccess) has no caller.
  const caller = c.get('caller') as Caller | undefined;
  return caller ? `api:${caller}` : 'api';
}

/** Headers a relay (reverse proxy, tunnel, CDN) adds for the client it speaks for. */
const RELAY_HEADERS = [
  'forwarded',
  'via',
  'x-real-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'fastly-client-ip',
];

/** The names a browser on this computer uses for it: localhost, *.localhost, 127.x.x.x, [::1] (with any port). */
export const isLoopbackName = (hostHeader: string | undefined): boolean => {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (/^\[::1\](:\d+)?$/.test(h)) return true;
  const name = h.replace(/:\d+$/, '').replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name);
};

/**
 * A person at this computer, let in without the token outside the add-on. A local reverse proxy, an SSH or
 * Cloudflare tunnel and a port mapping all connect from loopback on behalf of someone else, so loopback alone
 * proves nothing; every sign must agree, and anything unclear needs the token (fails closed):
 * - the socket is loopback (in a container that is the container itself: the Docker host arrives from the bridge
 *   gateway and needs the token);
 * - no relay header (X-Forwarded-*, Forwarded, Via, X-Real-IP, …);
 * - Host is a loopback name, as a browser here sends it (a proxy passing the public name through is refused);
 * - HTTP/1.1 or newer (nginx relays with HTTP/1.0 and Host 127.0.0.1 unless told otherwise; no browser does);
 * - not a cross-site request from a page on another site (Sec-Fetch-Site).
 */
export function fromThisComputer(c: Context, addr: string): boolean {
  if (!isLoopback(addr)) return false;
  const headers = c.req.header();
  if (Object.keys(headers).some((h) => h.startsWith('x-forwarded-') || RELAY_HEADERS.includes(h))) return false;
  if (!isLoopbackName(headers.host)) return false;
  if (!/^(1\.1|[2-9])/.test(httpVersion(c))) return false;
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** The request's HTTP version as @hono/node-server saw it ('' when unknown, which counts as too old). */
function httpVersion(c: Context): string {
  const env = c.env as { incoming?: { httpVersion?: unknown } } | undefined;
  return typeof env?.incoming?.httpVersion === 'string' ? env.incoming.httpVersion : '';
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * mcp_read_only makes the doors an assistant uses read-only: the API token and Home Assistant's internal network.
 * The panel through ingress, and loopback in the demo, are the person's own doors and keep full access.
 */
export const isReadOnlyDoor = (ctx: CoreContext, caller: Caller) =>
  ctx.settings.mcp.readOnly && (caller === 'token' || caller === 'internal');

export interface AccessOptions {
  /** Let Home Assistant's internal network in without the token (MCP with mcp_allow_internal_network). */
  allowInternal?: boolean;
  /** Refuse writes through a read-only door. MCP passes false: its POSTs carry reads too and its tools are filtered. */
  enforceReadOnly?: boolean;
}

/** Allows the request and records how it was let in, or answers 401/403 with what to do. */
export function requireAccess(ctx: CoreContext, opts: AccessOptions = {}): MiddlewareHandler<ApiEnv> {
  const enforceReadOnly = opts.enforceReadOnly ?? true;
  return async (c, next) => {
    const addr = remoteAddress(c);
    const { mode } = ctx.settings;
    let caller: Caller | undefined;
    if (tokenMatches(c.req.header('authorization'), ctx.apiToken())) caller = 'token';
    else if (mode === 'addon' && addr === SUPERVISOR_IP) caller = 'ingress';
    else if (mode === 'addon' ? isLoopback(addr) && ctx.settings.host === '127.0.0.1' : fromThisComputer(c, addr))
      caller = 'loopback';
    else if (opts.allowInternal && mode === 'addon' && isHassioNetwork(addr)) caller = 'internal';
    const hasHeader = !!c.req.header('authorization');
    // A caller that sends a token means to use it: a wrong or old one is refused even from a tokenless door, so a
    // rotated token shows up at once instead of working here and failing everywhere else.
    if (hasHeader && (caller === 'loopback' || caller === 'internal')) caller = undefined;
    if (!caller) {
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
    // DNS rebinding: a page on another site whose name now points here would be let in as loopback or internal. The
    // token and the Supervisor's address cannot be reached that way, so only the tokenless doors check the name.
    const tokenless = caller === 'loopback' || caller === 'internal';
    if (tokenless && !hostAllowed(c.req.header('host'))) {
      return c.json(
        {
          code: 'forbidden_host',
          message: `Refused a request for host "${(c.req.header('host') ?? '').slice(0, 80)}": without the API token AutoArr answers only to its own address (localhost, an IP address or this machine's name). Open AutoArr by that address, or send the API token.`,
        },
        403,
      );
    }
    if (enforceReadOnly && !READS.has(c.req.method) && isReadOnlyDoor(ctx, caller)) {
      return c.json(
        {
          code: 'read_only',
          message:
            'mcp_read_only is on, so the API token and the internal network may read but not change anything. Make the change from the AutoArr panel in Home Assistant, or turn mcp_read_only off (AUTOARR_MCP_READ_ONLY in a container).',
        },
        403,
      );
    }
    c.set('caller', caller);
    await next();
  };
}

/**
 * The names a browser may use for AutoArr when it is let in without the token: loopback names, IP literals (a
 * rebinding attack needs a domain name of its own) and this machine's host name (Home Assistant reaches the add-on as
 * http://<hostname>:8099). Anything else is a page on another site whose name was pointed at AutoArr.
 */
export function hostAllowed(hostHeader: string | undefined, hostname: string = os.hostname()): boolean {
  if (hostHeader === undefined || hostHeader === '') return true; // HTTP/1.0 clients send none
  const h = hostHeader.trim().toLowerCase();
  if (/^\[[0-9a-f:.]+\](:\d+)?$/.test(h)) return true; // [IPv6]:port
  const name = h.replace(/:\d+$/, '').replace(/\.$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return name === hostname.toLowerCase();
}
