// GET /api/assistants per mode: the add-on's mapped port and internal hostname come from a local Supervisor stand-in
// (mapped, not mapped, Supervisor down); a container gets `docker exec`; outside Docker the CLI path of this build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSupervisor, type FakeSupervisor } from '../../../test/ha/fake-supervisor.js';
import type { CoreContext } from '../../core/context.js';
import { loadSettings } from '../../settings/load.js';
import type { Settings } from '../../settings/settings.js';
import { REMOTE_MCP_URL, type AssistantsInfo } from '../../shared/assistants.js';
import { assistantsRoutes, type AssistantsOptions } from './assistants.js';

let supervisor: FakeSupervisor;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-assist-'));
beforeAll(async () => {
  supervisor = await startFakeSupervisor();
});
afterAll(async () => {
  await supervisor.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function settings(mode: Settings['mode'], patch: Partial<Settings> = {}): Settings {
  const r = loadSettings({ env: { DATA_DIR: dir }, mode: mode === 'addon' ? 'container' : mode, version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return { ...r.settings, mode, port: 8099, ...patch };
}

const addon = (patch: Partial<Settings> = {}) =>
  settings('addon', {
    homeAssistant: { supervisorToken: supervisor.token, supervisorUrl: supervisor.url },
    ...patch,
  });

async function info(s: Settings, opts: AssistantsOptions = {}): Promise<AssistantsInfo> {
  const res = await assistantsRoutes({ settings: s } as CoreContext, opts).request('/');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as AssistantsInfo;
}

describe('add-on', () => {
  it('the mapped host port and the internal hostname from the Supervisor; stdio relays to the mapped port', async () => {
    supervisor.selfInfo = { hostname: 'a0d7b954-autoarr', network: { '8099/tcp': 18099 } };
    const a = await info(addon());
    expect(a.remote).toEqual({ kind: 'mapped', hostPort: 18099 });
    expect(a.internal).toEqual({ baseUrl: 'http://a0d7b954-autoarr:8099/', allowed: true });
    expect(a.token.remote).toBe(true);
    expect(a.endpoints.all).toBe('mcp');
    expect(a.endpoints.perApp.map((e) => e.path)).toEqual([
      'mcp/autoarr',
      'mcp/sabnzbd',
      'mcp/sonarr',
      'mcp/radarr',
      'mcp/plex',
    ]);
    expect(a.stdio?.args).toEqual(['/path/to/autoarr/dist/autoarr/src/cli.js', 'mcp', '--url', REMOTE_MCP_URL]);
    expect(a.stdio?.env).toEqual({ AUTOARR_API_TOKEN: '<token>' });
    expect(JSON.stringify(a)).not.toMatch(/sse|hassio_ingress|npx/);
  });

  it('a port that is not mapped: no host port and no stdio command that could not connect', async () => {
    supervisor.selfInfo = { hostname: 'local-autoarr', network: { '8099/tcp': null } };
    // A fresh route (the client asks the Supervisor once per start).
    const a = await info(addon({ mcp: { ...addon().mcp, allowInternalNetwork: false } }));
    expect(a.remote).toEqual({ kind: 'mapped', hostPort: null });
    expect(a.stdio).toBeUndefined();
    // Home Assistant's MCP client cannot send a token: the page has to say the internal URL is closed.
    expect(a.internal).toEqual({ baseUrl: 'http://local-autoarr:8099/', allowed: false });
  });

  it('the Supervisor not answering: the mapped port is unknown and says why', async () => {
    const a = await info(addon({ homeAssistant: { supervisorToken: 'x', supervisorUrl: 'http://127.0.0.1:9' } }));
    expect(a.remote.kind).toBe('mapped');
    expect(a.remote.kind === 'mapped' && a.remote.hostPort).toBeUndefined();
    expect(a.remote.kind === 'mapped' && a.remote.unknownWhy).toMatch(/Supervisor GET \/addons\/self\/info failed/);
    expect(a.internal?.baseUrl).toBe(`http://${os.hostname()}:8099/`);
  });
});

describe('container and demo', () => {
  it('in Docker: docker exec relays to AutoArr inside the container (no token needed there)', async () => {
    const a = await info(settings('container'), { inContainer: () => true });
    expect(a.remote).toEqual({ kind: 'page' });
    expect(a.internal).toBeUndefined();
    expect(a.token).toEqual({ remote: true, sameComputer: true });
    const id = os.hostname();
    const container = /^[0-9a-f]{12}$/.test(id) ? id : '<container>';
    expect(a.stdio).toMatchObject({
      command: 'docker',
      args: ['exec', '-i', container, 'node', 'dist/autoarr/src/cli.js', 'mcp', '--url', 'http://127.0.0.1:8099/mcp'],
    });
  });

  it('outside Docker and in the demo: this build’s own CLI, no token on this computer', async () => {
    for (const mode of ['container', 'demo'] as const) {
      const a = await info(settings(mode, mode === 'demo' ? { host: '127.0.0.1' } : {}), { inContainer: () => false });
      expect(a.token.sameComputer).toBe(false);
      expect(a.thisComputerOnly).toBe(mode === 'demo');
      expect(a.stdio?.command).toBe(process.execPath);
      // Run from source here: the TypeScript CLI through tsx, both files that exist.
      const [flag, loader, cli, ...rest] = a.stdio!.args;
      expect(flag).toBe('--import');
      expect(fs.existsSync(new URL(loader!))).toBe(true);
      expect(fs.existsSync(cli!)).toBe(true);
      expect(rest).toEqual(['mcp', '--url', 'http://127.0.0.1:8099/mcp']);
    }
  });
});
