// Response compression: brotli or gzip (what the browser accepts) for HTML, JS, CSS, JSON and SVG. Streams (SSE,
// MCP's event streams) are never buffered. Static files are compressed once at the best level and kept; dynamic
// JSON at a fast level so a big list costs milliseconds, not the event loop.
import type { MiddlewareHandler } from 'hono';
import zlib from 'node:zlib';

const COMPRESSIBLE =
  /^(text\/(html|css|javascript|plain)|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;
/** Below this the headers cost more than the bytes saved. */
const MIN_BYTES = 1024;
const MAX_CACHED = 64;

export type Encoding = 'br' | 'gzip';

/** The best encoding the request accepts (q=0 refuses one), or undefined for identity. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function compressBuffer(data: Buffer, enc: Encoding, best: boolean): Buffer {
  if (enc === 'gzip') return zlib.gzipSync(data, { level: best ? 9 : 6 });
  return zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: best ? 11 : 4,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

export function compression(): MiddlewareHandler {
  // Static files: key = etag + encoding; the ETag changes with the file, so an old entry is never served.
  const cache = new Map<string, Buffer>();
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      // MCP's transports manage their own streams; never hold them back to compress.
      /^\/(mcp|sse|messages)(\/|$)/.test(c.req.path) ||
      !res.body ||
      res.status === 204 ||
      res.status === 304 ||
      res.headers.has('content-encoding') ||
      !COMPRESSIBLE.test(type)
    )
      return;
    const enc = pickEncoding(c.req.header('accept-encoding'));
    res.headers.append('vary', 'Accept-Encoding');
    if (!enc) return;
    const etag = res.headers.get('etag');
    const key = etag ? `${c.req.path}|${etag}|${enc}` : undefined;
    let out = key ? cache.get(key) : undefined;
    if (!out) {
      const raw = Buffer.from(await res.arrayBuffer());
      if (raw.length < MIN_BYTES) {
        c.res = undefined as unknown as Response;
        c.res = new Response(new Uint8Array(raw), res);
        return;
      }
      out = compressBuffer(raw, enc, key !== undefined);
      if (key) {
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(key, out);
      }
    }
    const headers = new Headers(res.headers);
    headers.set('content-encoding', enc);
    headers.delete('content-length');
    c.res = undefined as unknown as Response; // lets Hono replace a response whose body was read
    c.res = new Response(new Uint8Array(out), { status: res.status, statusText: res.statusText, headers });
  };
}
