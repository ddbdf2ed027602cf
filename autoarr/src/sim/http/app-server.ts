// One simulated app on its own loopback port, with the failure modes tests need: down (connection refused),
// html (a 200 login page), slow (never answers), bad_key (rejects every key), truncated (half a JSON answer after
// doing the work), huge (an endless JSON body). Records every request.
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redactValue } from '../../log/redact.js';
import type { AppMode, RecordedRequest, SimApp } from '../types.js';

const SECRET_PARAM = /^(apikey|api_key|nzb_key|x-plex-token|token|password|ma_password|ma_username)$/i;
export const REDACTED = 'REDACTED';
/** What the huge mode sends: far beyond any sane answer (the field report saw 560 MB). */
export const HUGE_BODY_BYTES = 600 * 1024 * 1024;

const LOGIN_PAGES: Record<SimApp, string> = {
  sabnzbd:
    '<!DOCTYPE html><html><head><title>SABnzbd Login</title></head><body><form method="post" action="./login/"><input name="username"><input type="password" name="password"><button>Login</button></form></body></html>',
  sonarr:
    '<!DOCTYPE html><html><head><title>Login - Sonarr</title></head><body><form method="POST"><input name="username"><input type="password" name="password"><button type="submit">Login</button></form></body></html>',
  radarr:
    '<!DOCTYPE html><html><head><title>Login - Radarr</title></head><body><form method="POST"><input name="username"><input type="password" name="password"><button type="submit">Login</button></form></body></html>',
  plex: '<!DOCTYPE html><html><head><title>Plex</title></head><body><div id="plex">Sign in to Plex</div></body></html>',
};

export interface AppServerOptions {
  app: SimApp;
  host: string;
  port: number;
  router: Hono;
  now: () => number;
  record: (r: RecordedRequest) => void;
  /** Whether a request changes state (non-GET, or a SABnzbd write mode). */
  isWrite: (method: string, query: Record<string, string>) => boolean;
}

export function redactQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const secretKeyword = SECRET_PARAM.test(query.keyword ?? '');
  for (const [k, v] of Object.entries(query)) {
    out[k] = SECRET_PARAM.test(k) || (k === 'value' && secretKeyword) ? REDACTED : v;
  }
  return out;
}

export class AppServer {
  mode: AppMode = 'ok';
  private server: ServerType | undefined;
  private boundPort = 0;
  private held = new Set<() => void>();

  constructor(private readonly opts: AppServerOptions) {}

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<void> {
    const outer = new Hono();
    outer.use('*', async (c, next) => {
      const query: Record<string, string> = {};
      for (const [k, v] of new URL(c.req.url).searchParams) if (!(k in query)) query[k] = v;
      const method = c.req.method;
      const write = this.opts.isWrite(method, query);
      let body: unknown;
      if (write && method !== 'GET') body = await readBody(c);
      await next();
      this.opts.record({
        app: this.opts.app,
        method,
        path: c.req.path,
        query: redactQuery(query),
        status: c.res.status,
        body,
        at: this.opts.now(),
      });
    });
    outer.use('*', async (c, next) => {
      if (this.mode === 'html') return c.html(LOGIN_PAGES[this.opts.app], 200);
      if (this.mode === 'huge') return new Response(hugeBody(HUGE_BODY_BYTES), { headers: JSON_HEADERS });
      if (this.mode === 'truncated') {
        await next();
        const text = await c.res.text();
        // A fresh response: the original's content-length would no longer match.
        c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
          status: c.res.status,
          headers: { 'content-type': c.res.headers.get('content-type') ?? 'application/json' },
        });
        return;
      }
      if (this.mode === 'slow') {
        // Answers only when the mode changes or the stack stops: longer than any client timeout.
        await new Promise<void>((resolve) => this.held.add(resolve));
        return c.body('Service Unavailable', 503);
      }
      await next();
    });
    outer.route('/', this.opts.router);
    await this.listen(this.opts.port, outer);
  }

  private app: Hono | undefined;

  private listen(port: number, app?: Hono): Promise<void> {
    if (app) this.app = app;
    const fetch = this.app!.fetch;
    return new Promise((resolve, reject) => {
      const s = serve({ fetch, port, hostname: this.opts.host }, (info) => {
        this.boundPort = info.port;
        resolve();
      });
      s.once('error', reject);
      this.server = s;
    });
  }

  async setMode(mode: AppMode): Promise<void> {
    const previous = this.mode;
    this.mode = mode;
    if (previous === 'slow' && mode !== 'slow') this.release();
    if (mode === 'down' && previous !== 'down') await this.close();
    if (previous === 'down' && mode !== 'down') await this.listen(this.boundPort);
  }

  private release(): void {
    for (const r of this.held) r();
    this.held.clear();
  }

  private async close(): Promise<void> {
    const s = this.server as Server | undefined;
    this.server = undefined;
    if (!s) return;
    this.release();
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  async stop(): Promise<void> {
    this.release();
    await this.close();
  }

  address(): AddressInfo | undefined {
    return (this.server?.address() as AddressInfo | null) ?? undefined;
  }
}

async function readBody(c: Context): Promise<unknown> {
  try {
    const text = await c.req.raw.clone().text();
    if (!text) return undefined;
    try {
      return redactValue(JSON.parse(text) as unknown);
    } catch {
      return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
    }
  } catch {
    return undefined;
  }
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** A JSON text that starts well and goes on for `bytes`, produced as the client reads it (never held in memory). */
function hugeBody(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"records":[],"padding":"'));
    },
    pull(controller) {
      if (sent >= bytes) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}
