// A small stand-in for Home Assistant's ingress: the browser sees /api/hassio_ingress/<token>/…, AutoArr sees the
// path after it plus X-Ingress-Path, and responses stream through (so SSE works as it does behind the Supervisor).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IngressProxy {
  url: string;
  prefix: string;
  /** Paths the browser asked for outside the ingress prefix (must stay empty). */
  strays: string[];
  forwarded: string[];
  close(): Promise<void>;
}

export async function startIngressProxy(target: string, token = 'f3b1c0ffee'): Promise<IngressProxy> {
  const prefix = `/api/hassio_ingress/${token}`;
  const upstream = new URL(target);
  const strays: string[] = [];
  const forwarded: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(prefix)) {
      if (url !== '/favicon.ico') strays.push(url);
      res.writeHead(404).end('outside ingress');
      return;
    }
    const rest = url.slice(prefix.length) || '/';
    forwarded.push(rest);
    const headers = { ...req.headers, host: upstream.host, 'x-ingress-path': prefix, 'x-hass-source': 'core.ingress' };
    const up = http.request(
      { hostname: upstream.hostname, port: upstream.port, path: rest, method: req.method, headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
        // AutoArr went away mid-response (an event stream when it stops): end the browser's side too, as HA does.
        r.on('close', () => {
          if (!r.complete) res.destroy();
        });
      },
    );
    up.on('error', () => res.writeHead(502).end('upstream error'));
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}/`,
    prefix,
    strays,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
