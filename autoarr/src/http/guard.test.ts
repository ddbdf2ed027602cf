// The edge guards through the whole app (every feature's routes mounted): JSON-only write bodies, the Host check
// against DNS rebinding on REST and MCP, the read-only token, no framing outside ingress, and no %2f way around the
// ingress-only UI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { RunMode, Settings } from '../settings/settings.js';
import { hostAllowed } from './access.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-guard-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let running: AutoArr | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function boot(mode: RunMode, patch: { readOnly?: boolean } = {}) {
  const env = { DATA_DIR: fs.mkdtempSync(path.join(tmp, 'd-')) };
  const r = loadSettings({ env, version: '1.0.0', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  const settings: Settings = {
    ...r.settings,
    mode,
    host: mode === 'demo' ? '127.0.0.1' : '0.0.0.0',
    mcp: { ...r.settings.mcp, readOnly: patch.readOnly ?? false },
  };
  running = await startAutoArr(settings, memoryLogger('error'), { listen: false });
  return { http: running.http, token: running.ctx.apiToken() };
}

/** The bindings @hono/node-server gives a request, as far as the access check reads them. */
const from = (remoteAddress: string) => ({
  incoming: { httpVersion: '1.1', socket: { remoteAddress, remotePort: 50000 } },
});
/** The Host a browser on this computer sends; with a loopback socket it makes a tokenless caller. */
const HERE = { host: '127.0.0.1:8099' };
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const MCP_INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};
const MCP_HEADERS = { accept: 'application/json, text/event-stream' };

describe('JSON bodies only', () => {
  it('refuses text/plain and form bodies on API writes, with what to send instead', async () => {
    const { http } = await boot('demo');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await http.request(
        '/api/settings',
        { method: 'PUT', headers: { 'content-type': type, ...HERE }, body: '{"dryRun":true}' },
        from('127.0.0.1'),
      );
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(await res.json()).toMatchObject({
        code: 'unsupported_media_type',
        message: expect.stringContaining('Content-Type: application/json'),
      });
    }
    // A body-less text/plain post is what a cross-site form sends to an action endpoint: refused too.
    const empty = await http.request(
      '/api/settings',
      { method: 'PUT', headers: { 'content-type': 'text/plain', ...HERE } },
      from('127.0.0.1'),
    );
    expect(empty.status).toBe(415);
    expect(running!.ctx.runtime.get().dryRun).toBe(false);
    const ok = await http.request('/api/settings', json('PUT', { dryRun: true }, HERE), from('127.0.0.1'));
    expect(ok.status).toBe(200);
    expect(running!.ctx.runtime.get().dryRun).toBe(true);
  });

  it('refuses a text/plain MCP post', async () => {
    const { http } = await boot('demo');
    const res = await http.request(
      '/mcp',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...HERE, ...MCP_HEADERS },
        body: JSON.stringify(MCP_INIT),
      },
      from('127.0.0.1'),
    );
    expect(res.status).toBe(415);
  });
});

describe('Host check (DNS rebinding)', () => {
  it('does not let a loopback caller that names another host in without the token, on REST and MCP', async () => {
    const { http, token } = await boot('demo');
    // A rebound name, or this machine's name in a browser, is not how a browser here names loopback: token needed.
    for (const host of ['rebind.attacker.example:8099', `${os.hostname()}:8099`, '192.168.1.5:8099']) {
      const rest = await http.request('/api/settings', { headers: { host } }, from('127.0.0.1'));
      expect({ host, status: rest.status }).toEqual({ host, status: 401 });
      expect(await rest.json()).toMatchObject({ code: 'unauthorized' });
    }
    const evil = { host: 'rebind.attacker.example:8099' };
    const mcp = await http.request('/mcp', json('POST', MCP_INIT, { ...evil, ...MCP_HEADERS }), from('127.0.0.1'));
    expect(mcp.status).toBe(401);
    const withToken = await http.request(
      '/api/settings',
      { headers: { ...evil, authorization: `Bearer ${token}` } },
      from('127.0.0.1'),
    );
    expect(withToken.status).toBe(200);
    for (const host of ['127.0.0.1:8099', 'localhost:8099', '[::1]:8099']) {
      const res = await http.request('/api/settings', { headers: { host } }, from('127.0.0.1'));
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
    }
    const mcpOk = await http.request(
      '/mcp',
      json('POST', MCP_INIT, { host: '127.0.0.1:8099', ...MCP_HEADERS }),
      from('127.0.0.1'),
    );
    expect(mcpOk.status).toBe(200);
  });

  it('refuses Home Assistant internal-network MCP callers that name another host', async () => {
    const { http } = await boot('addon');
    const bad = await http.request(
      '/mcp',
      json('POST', MCP_INIT, { host: 'evil.example', ...MCP_HEADERS }),
      from('172.30.32.1'),
    );
    expect(bad.status).toBe(403);
    const good = await http.request(
      '/mcp',
      json('POST', MCP_INIT, { host: `${os.hostname()}:8099`, ...MCP_HEADERS }),
      from('172.30.32.1'),
    );
    expect(good.status).toBe(200);
  });

  it('accepts loopback names, IP literals and this machine name only', () => {
    expect(hostAllowed('localhost:8099', 'box')).toBe(true);
    expect(hostAllowed('192.168.1.5:8099', 'box')).toBe(true);
    expect(hostAllowed('[fe80::1]:8099', 'box')).toBe(true);
    expect(hostAllowed('BOX:8099', 'box')).toBe(true);
    expect(hostAllowed('box.attacker.example', 'box')).toBe(false);
    expect(hostAllowed('127.0.0.1.nip.io', 'box')).toBe(false);
  });
});

describe('read-only token (mcp_read_only)', () => {
  it('lets the token read but not write, while ingress still writes', async () => {
    const { http, token } = await boot('addon', { readOnly: true });
    const auth = { authorization: `Bearer ${token}` };
    const read = await http.request('/api/settings', { headers: auth }, from('192.168.1.50'));
    expect(read.status).toBe(200);
    const write = await http.request('/api/settings', json('PUT', { dryRun: true }, auth), from('192.168.1.50'));
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: 'read_only', message: expect.stringContaining('mcp_read_only') });
    const rotate = await http.request('/api/access-token/rotate', { method: 'POST', headers: auth }, from('10.0.0.9'));
    expect(rotate.status).toBe(403);
    expect(running!.ctx.runtime.get().dryRun).toBe(false);
    const ingress = await http.request('/api/settings', json('PUT', { dryRun: true }), from('172.30.32.2'));
    expect(ingress.status).toBe(200);
    expect(running!.ctx.runtime.get().dryRun).toBe(true);
  });

  it('leaves the token writable while mcp_read_only is off', async () => {
    const { http, token } = await boot('container');
    const auth = { authorization: `Bearer ${token}` };
    const write = await http.request('/api/settings', json('PUT', { dryRun: true }, auth), from('192.168.1.50'));
    expect(write.status).toBe(200);
  });
});

describe('framing and static paths', () => {
  it('forbids framing outside ingress and leaves ingress answers alone', async () => {
    const { http, token } = await boot('addon');
    const outside = await http.request('/api/health', {}, from('192.168.1.50'));
    expect(outside.headers.get('x-frame-options')).toBe('DENY');
    expect(outside.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const api = await http.request(
      '/api/settings',
      { headers: { authorization: `Bearer ${token}` } },
      from('10.1.1.1'),
    );
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    const ingress = await http.request('/', {}, from('172.30.32.2'));
    expect(ingress.status).toBe(200);
    expect(ingress.headers.get('x-frame-options')).toBeNull();
  });

  it('does not reach the ingress-only UI through an escaped slash after the open cards folder', async () => {
    await boot('addon');
    const http = running!.http;
    expect((await http.request('/settings', {}, from('192.168.1.50'))).status).toBe(403);
    for (const p of ['/cards%2f..%2fsettings', '/cards%2F..%2F', '/cards/..%2fsettings', '/cards%5c..%5csettings']) {
      const res = await http.request(p, {}, from('192.168.1.50'));
      expect({ p, refused: [403, 404].includes(res.status) }).toEqual({ p, refused: true });
      expect(await res.text()).not.toContain('<');
    }
  });
});
