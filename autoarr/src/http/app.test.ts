// The HTTP edge through app.request(): error shape, 404s, and who may call the API in each run mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { UserError } from '../core/errors.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { RunMode, Settings } from '../settings/settings.js';
import type { ApiEnv } from './access.js';
import { createHttpApp } from './app.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-http-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let running: AutoArr | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function boot(mode: RunMode, patch: Partial<Settings> = {}) {
  const r = loadSettings({
    env: { DATA_DIR: fs.mkdtempSync(path.join(tmp, 'd-')) },
    version: '9.8.7',
    mode: 'container',
  });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  const settings: Settings = { ...r.settings, mode, host: mode === 'demo' ? '127.0.0.1' : '0.0.0.0', ...patch };
  const log = memoryLogger();
  running = await startAutoArr(settings, log, { listen: false });
  const things = new Hono<ApiEnv>()
    .get('/', (c) => c.json({ things: [] }))
    .get('/user-error', () => {
      throw new UserError('no_such_thing', 'There is no such thing; pick one from the list', 422);
    })
    .get('/crash', () => {
      throw new Error('exploded while using apikey=supersecret999');
    })
    .get('/http-exception', () => {
      throw new HTTPException(413, { message: 'Too big' });
    })
    .post('/json', async (c) => c.json(await c.req.json()));
  const app = createHttpApp(running.ctx, [{ path: '/api/things', router: things }]);
  return { app, log, token: running.ctx.apiToken() };
}

/** The bindings @hono/node-server gives a request, as far as the access check reads them. */
const from = (remoteAddress: string | undefined, httpVersion = '1.1') => ({
  incoming: { httpVersion, socket: { remoteAddress, remotePort: 50000 } },
});
/** The Host a browser on this computer sends. */
const HERE = { host: '127.0.0.1:8099' };
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
/** A browser on this computer. */
const LOCAL = from('127.0.0.1');

describe('HTTP app', () => {
  it('answers /api/health without a token, with status, version and a request id', async () => {
    const { app } = await boot('container');
    const res = await app.request('/api/health', {}, from('203.0.113.7'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '9.8.7', apps: {} });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}$/);
    const echoed = await app.request('/api/health', { headers: { 'x-request-id': 'abc123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc123');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const { app } = await boot('demo');
    const res = await app.request('/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: expect.stringContaining('/api/does-not-exist') });
  });

  it('turns a UserError into {code, message, requestId} with its status', async () => {
    const { app } = await boot('demo');
    const res = await app.request('/api/things/user-error', { headers: { ...HERE, 'x-request-id': 'req-1' } }, LOCAL);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      code: 'no_such_thing',
      message: 'There is no such thing; pick one from the list',
      requestId: 'req-1',
    });
  });

  it('hides an unexpected error behind a 500 and logs it without secrets', async () => {
    const { app, log } = await boot('demo');
    const res = await app.request('/api/things/crash', { headers: HERE }, LOCAL);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { code: string; message: string; requestId: string };
    expect(body.code).toBe('internal');
    expect(body.message).not.toContain('exploded');
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    const logged = JSON.stringify(log.records.filter((r) => r.level === 'error'));
    expect(logged).toContain('exploded');
    expect(logged).not.toContain('supersecret999');
  });

  it('maps an HTTPException and bad JSON to the same shape', async () => {
    const { app } = await boot('demo');
    const big = await app.request('/api/things/http-exception', { headers: HERE }, LOCAL);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'bad_request', message: 'Too big' });
    const bad = await app.request(
      '/api/things/json',
      { method: 'POST', headers: { ...HERE, 'content-type': 'application/json' }, body: '{"broken": ' },
      LOCAL,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'bad_request', message: 'The request body is not valid JSON' });
  });
});

describe('API access', () => {
  it('container: a browser on this computer needs no token; other hosts and anything relayed do', async () => {
    const { app, token } = await boot('container');
    for (const [addr, host] of [
      ['127.0.0.1', '127.0.0.1:8099'],
      ['::1', 'localhost:8099'],
      ['127.0.0.1', '[::1]:8099'],
    ] as const) {
      const res = await app.request('/api/things', { headers: { host } }, from(addr));
      expect({ addr, host, status: res.status }).toEqual({ addr, host, status: 200 });
    }
    for (const addr of ['192.168.1.50', '172.30.32.2', '172.17.0.1']) {
      const res = await app.request('/api/things', { headers: HERE }, from(addr));
      expect({ addr, status: res.status }).toEqual({ addr, status: 401 });
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('unauthorized');
      expect(body.message).toContain('Authorization: Bearer');
    }
    // A reverse proxy, tunnel or CDN on this computer connects from loopback for someone else.
    for (const h of ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-real-ip', 'via', 'cf-connecting-ip']) {
      const relayed = await app.request('/api/things', { headers: { ...HERE, [h]: '203.0.113.9' } }, from('127.0.0.1'));
      expect({ h, status: relayed.status }).toEqual({ h, status: 401 });
    }
    // nginx's default relay: HTTP/1.0, Host 127.0.0.1, no forwarding header.
    const nginx = await app.request('/api/things', { headers: HERE }, from('127.0.0.1', '1.0'));
    expect(nginx.status).toBe(401);
    // A proxy passing the public name through, or a browser using this machine's name.
    const named = await app.request('/api/things', { headers: { host: 'autoarr.example.org' } }, from('127.0.0.1'));
    expect(named.status).toBe(401);
    expect((await app.request('/api/things', {}, from('127.0.0.1'))).status).toBe(401); // no Host at all
    // A page on another site calling this computer's AutoArr from the person's browser.
    const crossSite = { headers: { ...HERE, 'sec-fetch-site': 'cross-site' } };
    expect((await app.request('/api/things', crossSite, from('127.0.0.1'))).status).toBe(401);
    const sameOrigin = { headers: { ...HERE, 'sec-fetch-site': 'same-origin' } };
    expect((await app.request('/api/things', sameOrigin, from('127.0.0.1'))).status).toBe(200);
    const ok = await app.request('/api/things', bearer(token), from('192.168.1.50'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ things: [] });
  });

  it('container: says when the token is wrong, without echoing it', async () => {
    const { app } = await boot('container');
    const res = await app.request('/api/things', bearer('guessed-token-123'), from('192.168.1.50'));
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toContain('The API token is wrong');
    expect(text).not.toContain('guessed-token-123');
  });

  it('a wrong token is refused even from a door that needs none (a rotated token shows up at once)', async () => {
    const { app, token } = await boot('container');
    const wrong = { headers: { ...HERE, authorization: 'Bearer old-token-456' } };
    const res = await app.request('/api/things', wrong, from('127.0.0.1'));
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('The API token is wrong');
    const right = { headers: { ...HERE, authorization: `Bearer ${token}` } };
    expect((await app.request('/api/things', right, from('127.0.0.1'))).status).toBe(200);
    expect((await app.request('/api/things', { headers: HERE }, from('127.0.0.1'))).status).toBe(200);
  });

  it('container: a socket without an address is not loopback', async () => {
    const { app } = await boot('container', { host: '127.0.0.1' });
    expect((await app.request('/api/things', { headers: HERE }, from(undefined))).status).toBe(401);
    expect((await app.request('/api/things', { headers: HERE }, from('127.0.0.1'))).status).toBe(200);
  });

  it('every mode: a request with no socket at all (in process) has no known caller and needs the token', async () => {
    for (const mode of ['demo', 'container', 'addon'] as const) {
      const { app, token } = await boot(mode, mode === 'addon' ? { host: '127.0.0.1' } : {});
      const anonymous = await app.request('/api/things', { headers: HERE });
      expect(anonymous.status, mode).toBe(401);
      expect(((await anonymous.json()) as { code: string }).code).toBe('unauthorized');
      expect((await app.request('/api/things', bearer(token))).status, mode).toBe(200);
      await running?.stop();
      running = undefined;
    }
  });

  it('add-on: lets ingress (the Supervisor) in without a token, nobody else', async () => {
    const { app, token } = await boot('addon');
    expect((await app.request('/api/things', {}, from('172.30.32.2'))).status).toBe(200);
    expect((await app.request('/api/things', {}, from('::ffff:172.30.32.2'))).status).toBe(200);
    expect((await app.request('/api/things', {}, from('172.30.32.1'))).status).toBe(401);
    expect((await app.request('/api/things', {}, from('172.30.33.9'))).status).toBe(401);
    expect((await app.request('/api/things', {}, from('192.168.1.50'))).status).toBe(401);
    expect((await app.request('/api/things', bearer(token), from('192.168.1.50'))).status).toBe(200);
  });

  it('demo: a browser on this computer is trusted, other addresses and relays are not', async () => {
    const { app } = await boot('demo');
    expect((await app.request('/api/things', { headers: HERE }, from('127.0.0.1'))).status).toBe(200);
    expect((await app.request('/api/things', { headers: HERE }, from('::1'))).status).toBe(200);
    expect((await app.request('/api/things', { headers: HERE }, from('10.0.0.2'))).status).toBe(401);
    const relayed = { headers: { ...HERE, 'x-forwarded-for': '10.0.0.2' } };
    expect((await app.request('/api/things', relayed, from('127.0.0.1'))).status).toBe(401);
  });

  it('add-on: loopback is no door unless AutoArr listens on loopback only, as before', async () => {
    const { app } = await boot('addon');
    expect((await app.request('/api/things', { headers: HERE }, from('127.0.0.1'))).status).toBe(401);
  });
});
