// MCP overhead: how much a tool call over Streamable HTTP (in process, through the Hono app as AutoArr serves it)
// adds over calling the app client directly, and the server's resident memory.
//  - added (the goal figure): the client answers from memory, so the whole MCP call is what MCP adds (transport,
//    pooled server, zod validation of input and output, redaction, JSON both ways).
//  - against the sim: the same call direct and through MCP to the simulated SABnzbd, alternating, for context;
//    on a loaded machine these carry the sim's own jitter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpApp } from '../autoarr/src/http/app.js';
import { memoryLogger } from '../autoarr/src/log/logger.js';
import { createMcpHttp } from '../autoarr/src/mcp/http.js';
import { createStandaloneContext } from '../autoarr/src/mcp/stdio.js';
import { loadSettings } from '../autoarr/src/settings/load.js';
import { settingsForSim, startSimStack } from '../autoarr/src/sim/index.js';

const ITERATIONS = 400;
const WARMUP = 50;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export async function run(): Promise<Record<string, number | string>> {
  const sim = await startSimStack({ speed: 0, scenario: 'demo' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-bench-mcp-'));
  const r = loadSettings({ env: { DATA_DIR: dir }, mode: 'demo', version: 'bench' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  // The tools' context without the monitor and audit features, whose polling would only add noise here.
  const autoarr = await createStandaloneContext(
    { ...r.settings, instances: settingsForSim(sim) },
    memoryLogger('error'),
  );
  try {
    const mcp = createMcpHttp({ ctx: autoarr.ctx });
    const app = createHttpApp(autoarr.ctx, mcp.mounts);
    let id = 0;
    const call = async (name: string, args: Record<string, unknown> = {}) => {
      const res = await app.request('/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } }),
      });
      const body = (await res.json()) as { result?: { isError?: boolean }; error?: unknown };
      if (!body.result || body.result.isError) throw new Error(`MCP call failed: ${JSON.stringify(body)}`);
    };
    const list = async () => {
      const res = await app.request('/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/list' }),
      });
      await res.json();
    };

    const sab = autoarr.ctx.apps.sabnzbd();
    const direct = () => sab.queue({ start: 0, limit: 25 });
    for (let i = 0; i < WARMUP; i++) {
      await direct();
      await call('sabnzbd_get_queue');
    }
    const added: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      await direct();
      const t1 = performance.now();
      await call('sabnzbd_get_queue');
      const t2 = performance.now();
      directMs.push(t1 - t0);
      added.push(t2 - t1 - (t1 - t0));
    }

    // In memory: the answer is fixed, so the MCP call time is all overhead.
    const snapshot = await direct();
    const original = sab.queue.bind(sab);
    sab.queue = async () => snapshot;
    const overhead: number[] = [];
    for (let i = 0; i < WARMUP; i++) await call('sabnzbd_get_queue');
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      await call('sabnzbd_get_queue');
      overhead.push(performance.now() - t0);
    }
    sab.queue = original;

    const listMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await list();
      listMs.push(performance.now() - t0);
    }
    global.gc?.();
    const mem = process.memoryUsage();
    return {
      mcp_added_over_client_ms_p50: pct(overhead, 50),
      mcp_added_over_client_ms_p95: pct(overhead, 95),
      sim_direct_call_ms_p50: pct(directMs, 50),
      sim_via_mcp_minus_direct_ms_p50: pct(added, 50),
      sim_via_mcp_minus_direct_ms_p95: pct(added, 95),
      mcp_tools_list_ms_p50: pct(listMs, 50),
      tools_listed: (await import('../autoarr/src/mcp/tools/index.js')).allTools.length,
      server_rss_mb: Math.round((mem.rss / 1024 / 1024) * 10) / 10,
      server_heap_used_mb: Math.round((mem.heapUsed / 1024 / 1024) * 10) / 10,
      goal: 'mcp_added_over_client_ms_p50 < 2',
    };
  } finally {
    await autoarr.close();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
