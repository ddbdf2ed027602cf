// MCP as the composition root serves it: startAutoArr with the monitor, the audit and the MCP feature, the tools
// reached through AutoArr's own Hono app, with the monitor's read-only view handed over by the composition root.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { MCP_PATHS } from '../../src/mcp/feature.js';
import { createMcpHttp } from '../../src/mcp/http.js';
import { loadSettings } from '../../src/settings/load.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { withToken } from '../helpers/http.js';

let sim: SimStack;
let autoarr: AutoArr;
let dir: string;
let client: Client;

beforeAll(async () => {
  sim = await startSimStack({ speed: 0, scenario: 'demo' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-mcp-root-'));
  const r = loadSettings({ env: { DATA_DIR: dir }, mode: 'demo', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  autoarr = await startAutoArr({ ...r.settings, instances: settingsForSim(sim) }, memoryLogger('error'), {
    listen: false,
  });
  client = new Client({ name: 'root-test', version: '1' });
  // In process there is no socket, so the client sends the token like any remote client.
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://autoarr.local/mcp'), {
      fetch: async (url, init) => withToken(autoarr)(String(url), init as RequestInit),
    }),
  );
});
afterAll(async () => {
  await client.close();
  await autoarr.stop();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('serves every tool at /mcp and lists the monitor downloads', async () => {
  expect((await client.listTools()).tools.length).toBeGreaterThan(50);
  let result: CallToolResult | undefined;
  // The monitor's first poll runs while AutoArr starts; wait for its published list (bounded).
  for (let i = 0; i < 200; i++) {
    result = (await client.callTool({ name: 'autoarr_list_downloads', arguments: {} })) as CallToolResult;
    if (!result.isError && (result.structuredContent as { total: number }).total > 0) break;
    await new Promise((r) => setImmediate(r));
  }
  expect(result?.isError).toBeFalsy();
  expect((result?.structuredContent as { total: number }).total).toBeGreaterThan(0);
});

it('the MCP feature, loaded on first request, covers exactly the paths the MCP routers serve', async () => {
  expect(createMcpHttp({ ctx: autoarr.ctx }).mounts.map((m) => m.path)).toEqual([...MCP_PATHS]);
  const res = await autoarr.http.request('/sse');
  expect(res.status).toBe(410);
});
