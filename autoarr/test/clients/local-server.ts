// A tiny loopback HTTP(S) server on port 0 for client tests: records every request and answers with a handler.
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status?: number;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** 'hang' never answers (for timeout tests). */
export type Handler = (req: Recorded, index: number) => Reply | 'hang' | Promise<Reply | 'hang'>;

export interface LocalServer {
  url: string;
  port: number;
  requests: Recorded[];
  /** Highest number of requests handled at the same time. */
  maxConcurrent: () => number;
  close(): Promise<void>;
}

export async function startLocalServer(
  handler: Handler,
  opts: { tls?: { key: string; cert: string } } = {},
): Promise<LocalServer> {
  const requests: Recorded[] = [];
  let active = 0;
  let max = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const rec: Recorded = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(rec) - 1;
      active++;
      max = Math.max(max, active);
      void Promise.resolve(handler(rec, index)).then((reply) => {
        if (reply === 'hang') return;
        const body = reply.body;
        const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
        const type =
          reply.contentType ??
          (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
        active--;
        res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
        res.end(text);
      });
    });
  };
  const server: Server = opts.tls ? createHttps(opts.tls, listener) : createHttp(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    maxConcurrent: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening on it (connection refused). */
export async function deadPort(): Promise<number> {
  const s = createHttp();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
