// Access and transports: bearer token (401 with a clear message), the DNS-rebinding guard, loopback in the demo and
// the add-on's internal network, the retired legacy SSE paths, and stdio (direct and bridged) through the `autoarr`
// CLI, each with the SDK's own client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Hono } from 'hono';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnv } from '../../src/http/access.js';
import { createMcpHttp } from '../../src/mcp/http.js';
import { EXPECTED } from './expected.js';
import { withToken } from '../helpers/http.js';
import { fakeCtx } from './fake-ctx.js';
import { FROM_ANOTHER_COMPUTER, startHarness, type Harness } from './harness.js';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};
const post = (headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...FROM_ANOTHER_COMPUTER,
    ...headers,
  },
  body: JSON.stringify(INIT),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ scenario: 'healthy' });
});
afterAll(async () => {
  await h.stop();
});

describe('bearer token', () => {
  it('a missing token gets 401 saying where to find it', async () => {
    for (const p of ['/mcp', '/mcp/sonarr']) {
      const res = await fetch(h.baseUrl + p, post());
      expect(res.status, p).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(((await res.json()) as { message: string }).message).toContain('Authorization: Bearer <token>');
    }
  });

  it('a wrong token gets 401 saying it is wrong, and the right one is let in', async () => {
    const res = await fetch(`${h.baseUrl}/mcp`, post({ authorization: 'Bearer not-the-token' }));
    expect(res.status).toBe(401);
    const body = (await res.json()) as { message: string };
    expect(body.message).toContain('token is wrong');
    expect(JSON.stringify(body)).not.toContain(h.token);
    expect((await fetch(`${h.baseUrl}/mcp`, post({ authorization: `Bearer ${h.token}` }))).status).toBe(200);
  });

  it('the SDK client without the token cannot connect', async () => {
    await expect(h.client('/mcp', { token: null })).rejects.toThrow(/401|token/i);
  });

  it('a browser page on another origin is refused (DNS rebinding guard)', async () => {
    const res = await fetch(
      `${h.baseUrl}/mcp`,
      post({ authorization: `Bearer ${h.token}`, origin: 'http://evil.example' }),
    );
    expect(res.status).toBe(403);
  });

  it('GET on the stateless endpoint answers 405 with Allow: POST', async () => {
    const res = await fetch(`${h.baseUrl}/mcp`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('who is let in without a token', () => {
  const from = (address: string) => ({
    incoming: { httpVersion: '1.1', socket: { remoteAddress: address, remotePort: 1, remoteFamily: 'IPv4' } },
  });
  const appWith = (mode: string, allowInternalNetwork: boolean) => {
    const { ctx } = fakeCtx();
    Object.assign(ctx.settings, { mode, host: mode === 'demo' ? '127.0.0.1' : '0.0.0.0' });
    ctx.settings.mcp.allowInternalNetwork = allowInternalNetwork;
    const app = new Hono();
    for (const m of createMcpHttp({ ctx }).mounts) app.route(m.path, m.router);
    return app;
  };

  it('the add-on internal network only when mcp_allow_internal_network is on', async () => {
    expect((await appWith('addon', true).request('/mcp', post(), from('172.30.33.7'))).status).toBe(200);
    expect((await appWith('addon', false).request('/mcp', post(), from('172.30.33.7'))).status).toBe(401);
    expect((await appWith('addon', true).request('/mcp', post(), from('192.168.1.20'))).status).toBe(401);
  });

  it('a person at this computer outside the add-on; a relay or another name needs the token', async () => {
    const here = (host: string, relay: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', host, ...relay },
      body: JSON.stringify(INIT),
    });
    const status = async (mode: string, init: RequestInit) =>
      (await appWith(mode, false).request('/mcp', init, from('127.0.0.1'))).status;
    for (const mode of ['demo', 'container']) {
      expect(await status(mode, here('127.0.0.1:8099')), mode).toBe(200);
      expect(await status(mode, here('localhost:8099')), mode).toBe(200);
      expect(await status(mode, here('127.0.0.1:8099', FROM_ANOTHER_COMPUTER)), mode).toBe(401);
      expect(await status(mode, here('nas.lan:8099')), mode).toBe(401);
    }
    // The add-on keeps Home Assistant's rules: loopback is no door there.
    expect(await status('addon', here('127.0.0.1:8099'))).toBe(401);
  });
});

describe('concurrent calls', () => {
  it('parallel tool calls on one endpoint each get their own answer', async () => {
    const client = await h.client();
    const names = [
      'sabnzbd_get_queue',
      'sonarr_get_queue',
      'radarr_get_queue',
      'plex_get_libraries',
      'sonarr_list_series',
    ];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.callTool({ name: names[i % names.length]!, arguments: {} })),
    );
    results.forEach((r, i) => {
      expect(r.isError, names[i % names.length]).toBeFalsy();
      expect((r.structuredContent as { instance: string }).instance).toBe(names[i % names.length]!.split('_')[0]);
    });
  });
});

describe('legacy SSE (/sse + /messages) is retired', () => {
  it('answers 410 with the Streamable HTTP URL to use instead, and serves no tools', async () => {
    for (const [p, init] of [
      ['/sse', { headers: { authorization: `Bearer ${h.token}`, accept: 'text/event-stream' } }],
      ['/messages?sessionId=x', post({ authorization: `Bearer ${h.token}` })],
    ] as const) {
      const res = await fetch(h.baseUrl + p, init);
      expect(res.status, p).toBe(410);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('gone');
      expect(body.message).toContain('/mcp');
      expect(body.message).toContain('Home Assistant 2026.2');
    }
  });
});

describe('stdio through the autoarr CLI', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const cli = path.resolve('autoarr/src/cli.ts');
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-stdio-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function stdioClient(args: string[], env: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'stdio-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: tsx,
        args: [cli, ...args],
        env: { PATH: process.env.PATH ?? '', ...env },
        stderr: 'pipe',
      }),
    );
    return client;
  }

  it('`autoarr mcp --app sonarr` serves only Sonarr tools with the same settings as the server', async () => {
    const client = await stdioClient(['mcp', '--app', 'sonarr'], {
      DATA_DIR: dataDir,
      SONARR_URL: h.sim.apps.sonarr.url,
      SONARR_API_KEY: h.sim.apps.sonarr.apiKey,
    });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...EXPECTED.sonarr].sort());
      const r = await client.callTool({ name: 'sonarr_get_queue', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect(JSON.stringify(r)).not.toContain(h.sim.apps.sonarr.apiKey);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('`autoarr mcp --url` relays to a running AutoArr, monitor tools included', async () => {
    const client = await stdioClient(['mcp', '--url', `${h.baseUrl}/mcp`], { AUTOARR_API_TOKEN: h.token });
    try {
      const { tools } = await client.listTools();
      expect(tools.length).toBe(Object.values(EXPECTED).flat().length);
      const r = await client.callTool({ name: 'autoarr_list_downloads', arguments: {} });
      expect(r.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('Streamable HTTP in process', () => {
  it('works through app.request() with no socket when the client sends the token', async () => {
    const { ctx } = fakeCtx({
      sab: {
        fullStatus: async () => ({
          version: '5',
          paused: false,
          speedLimitPercent: 100,
          diskFreeBytes: 1,
          completeDiskFreeBytes: 1,
          warnings: [],
          servers: [],
        }),
      },
    });
    const app = new Hono<ApiEnv>();
    for (const m of createMcpHttp({ ctx }).mounts) app.route(m.path, m.router);
    const url = 'http://autoarr.test/mcp/sabnzbd';
    // No token and no socket: no known caller, so refused (access fails closed).
    const anonymous = await app.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    const client = new Client({ name: 't', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        fetch: async (u, init) => withToken({ http: app, ctx })(String(u), init as RequestInit),
      }),
    );
    const r = await client.callTool({ name: 'sabnzbd_get_status', arguments: {} });
    expect(r.structuredContent).toMatchObject({ version: '5', warningsTotal: 0 });
  });
});
