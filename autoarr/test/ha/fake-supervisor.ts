// A small local stand-in for the Supervisor REST API: /services/mqtt, /addons/self/info (with the mapped ports),
// /discovery.
import http from 'node:http';

export interface FakeSupervisor {
  url: string;
  token: string;
  requests: Array<{ method: string; path: string; auth?: string; body?: unknown }>;
  discoveries: Array<{ service: string; config: Record<string, unknown> }>;
  mqtt: Record<string, unknown> | 'not_enabled';
  /** What GET /addons/self/info answers (a test may change it, e.g. the mapped ports in `network`). */
  selfInfo: Record<string, unknown>;
  stop(): Promise<void>;
}

export async function startFakeSupervisor(token = 'supervisor-token-xyz'): Promise<FakeSupervisor> {
  const fake: FakeSupervisor = {
    url: '',
    token,
    requests: [],
    discoveries: [],
    mqtt: 'not_enabled',
    selfInfo: { slug: 'local_autoarr', hostname: 'local-autoarr', name: 'AutoArr', network: { '8099/tcp': null } },
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      fake.requests.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${token}`)
        return reply(401, { result: 'error', message: 'Unauthorized' });
      if (req.method === 'GET' && req.url === '/services/mqtt') {
        return fake.mqtt === 'not_enabled'
          ? reply(400, { result: 'error', message: 'Service not enabled' })
          : reply(200, { result: 'ok', data: fake.mqtt });
      }
      if (req.method === 'GET' && req.url === '/addons/self/info') {
        return reply(200, { result: 'ok', data: fake.selfInfo });
      }
      if (req.method === 'POST' && req.url === '/discovery') {
        fake.discoveries.push(body as FakeSupervisor['discoveries'][number]);
        return reply(200, { result: 'ok', data: { uuid: 'f00d' } });
      }
      reply(404, { result: 'error', message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
