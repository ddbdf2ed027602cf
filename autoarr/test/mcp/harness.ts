// AutoArr pointed at the simulated stack, with the MCP routers served on a loopback socket (port 0), and SDK clients
// for each transport. The MCP routers are mounted here (not through app.ts) so tests can inject a monitor view
// and an audit service and choose read-only mode.
import { serve, type ServerType } from '@hono/node-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { createAudit } from '../../src/audit/feature.js';
import { explainFeature } from '../../src/explain/feature.js';
import { createHttpApp } from '../../src/http/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { AuditPort, MonitorView } from '../../src/mcp/deps.js';
import { createMcpHttp, type McpHttp } from '../../src/mcp/http.js';
import { createMonitor, type Monitor } from '../../src/monitor/monitor.js';
import { loadSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/settings.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';

/**
 * The clients play an assistant on another computer. On a loopback socket the honest way to be one is through a
 * relay (a reverse proxy adds X-Forwarded-For), which AutoArr treats like any other computer: the token is needed.
 */
export const FROM_ANOTHER_COMPUTER = { 'x-forwarded-for': '192.0.2.10' } as const;

export interface Harness {
  sim: SimStack;
  autoarr: AutoArr;
  /** The monitor whose view the MCP tools read; tick() it to see the sim's current state. */
  monitor?: Monitor;
  mcp: McpHttp;
  baseUrl: string;
  token: string;
  dataDir: string;
  /** Every secret the sim and AutoArr hold: none may appear in any MCP output. */
  secrets: string[];
  client(path?: string, opts?: { token?: string | null }): Promise<Client>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  scenario?: string;
  readOnly?: boolean;
  /** Wire a real monitor and audit into the MCP tools (default true). */
  features?: boolean;
  view?: MonitorView;
  audit?: AuditPort;
  settings?: Partial<Settings>;
  /** The sim's misbehaving text: secrets in names and messages, line-forging titles (sim/hostile.ts). */
  hostileText?: boolean;
  /** The app instances AutoArr is given (default: the simulated apps as they are). */
  instances?: (sim: SimStack) => Settings['instances'];
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimStack({ speed: 0, scenario: opts.scenario ?? 'demo', hostileText: opts.hostileText });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-mcp-'));
  const r = loadSettings({ env: { DATA_DIR: dataDir }, mode: 'container', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const settings: Settings = {
    ...r.settings,
    instances: opts.instances?.(sim) ?? settingsForSim(sim),
    mcp: { readOnly: opts.readOnly ?? false, allowInternalNetwork: false },
    ...opts.settings,
  };
  const autoarr = await startAutoArr(settings, memoryLogger('error'), { listen: false });
  // Own monitor and audit instances, because the composition root does not hand out theirs; started after the
  // built-in ones, so the commands MCP runs reach these.
  let monitor: Monitor | undefined;
  let audit: ReturnType<typeof createAudit> | undefined;
  if (opts.features !== false) {
    monitor = createMonitor(autoarr.ctx);
    audit = createAudit(autoarr.ctx, { runAtStart: false });
    await monitor.feature.start();
    await audit.feature.start();
    await monitor.tick();
  }
  const mcp = createMcpHttp({
    ctx: autoarr.ctx,
    view: opts.view ?? monitor?.view,
    audit: opts.audit ?? audit?.service,
    ...(monitor && audit
      ? { explain: explainFeature(autoarr.ctx, { view: monitor.view, audit: audit.service }).service }
      : {}),
  });
  const app = createHttpApp(autoarr.ctx, mcp.mounts);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = autoarr.ctx.apiToken();
  const clients: Client[] = [];
  const headers = (t: string | null | undefined): Record<string, string> =>
    t === null ? { ...FROM_ANOTHER_COMPUTER } : { ...FROM_ANOTHER_COMPUTER, authorization: `Bearer ${t ?? token}` };

  return {
    sim,
    autoarr,
    monitor,
    mcp,
    baseUrl,
    token,
    dataDir,
    secrets: [...Object.values(sim.apps).map((a) => a.apiKey), token],
    async client(p = '/mcp', o = {}) {
      const client = new Client({ name: 'autoarr-test', version: '1' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(baseUrl + p), { requestInit: { headers: headers(o.token) } }),
      );
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await monitor?.feature.stop();
      await audit?.feature.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      });
      await autoarr.stop();
      await sim.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
