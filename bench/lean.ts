// Lean runtime and light MCP (issue 14.5-6), measured on the built server (`npm run build` first) as separate
// processes against one simulated stack:
//  - start to ready (spawn → /api/health 200) and idle RSS with four apps at the default 10 s polling;
//  - side by side with mcp-arr-server (a popular Sonarr/Radarr MCP server, dev dependency) on the same simulated
//    Sonarr: tools/list size, per-call overhead of sonarr_get_queue over a direct Sonarr call, idle RSS.
// BENCH_DIST=<folder> measures another build (e.g. an older checkout's dist) for before/after figures.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSimStack, type SimStack } from '../autoarr/src/sim/index.js';

const DIST = path.resolve(process.env.BENCH_DIST ?? 'dist');
const PEER = path.resolve('node_modules/mcp-arr-server/dist/index.js');
const TOKEN = 'bench-token-0123456789abcdef';
const IDLE_MS = 25_000;
const CALLS = 150;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * (xs.length - 1))]!;
const round = (n: number) => Math.round(n * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

/** Resident memory of a process in MB, from /proc (what `top` shows as RES). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return round(Number(kb) / 1024);
}

function launch(args: string[], env: Record<string, string>): ChildProcess {
  const base = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])),
  );
  return spawn(process.execPath, args, { env: { ...base, ...env }, stdio: ['ignore', 'ignore', 'ignore'] });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(10);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

function appEnv(sim: SimStack, apps: Array<keyof SimStack['apps']>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const app of apps) {
    const a = sim.apps[app];
    env[`${app.toUpperCase()}_URL`] = a.url;
    env[app === 'plex' ? 'PLEX_TOKEN' : `${app.toUpperCase()}_API_KEY`] = a.apiKey;
  }
  return env;
}

async function startAutoArr(sim: SimStack, apps: Array<keyof SimStack['apps']>) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-bench-lean-'));
  const t0 = performance.now();
  const child = launch([path.join(DIST, 'autoarr/src/main.js')], {
    ...appEnv(sim, apps),
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTOARR_API_TOKEN: TOKEN,
    LOG_LEVEL: 'warning',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`, child);
  const readyMs = performance.now() - t0;
  return {
    child,
    readyMs,
    mcpUrl: `${base}/mcp`,
    async stop() {
      await stop(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One JSON-RPC request to a stateless Streamable HTTP endpoint; answers the body (JSON or one SSE event). */
interface RpcBody {
  result?: { isError?: boolean; tools?: unknown[] };
}

async function rpc(
  url: string,
  method: string,
  params: unknown,
  auth = true,
): Promise<{ text: string; body: RpcBody }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const raw = await res.text();
  const text = raw.startsWith('event:') || raw.startsWith('data:') ? /^data: (.*)$/m.exec(raw)![1]! : raw;
  return { text, body: JSON.parse(text) as RpcBody };
}

export async function run(): Promise<Record<string, number | string>> {
  if (!fs.existsSync(path.join(DIST, 'autoarr/src/main.js'))) throw new Error(`${DIST} has no build: npm run build`);
  const sim = await startSimStack({ speed: 1, scenario: 'demo' });
  const out: Record<string, number | string> = { build: path.relative(process.cwd(), DIST) || DIST };
  try {
    // Start time: three cold starts, each to a healthy /api/health.
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await startAutoArr(sim, ['sabnzbd', 'sonarr', 'radarr', 'plex']);
      starts.push(a.readyMs);
      if (i < 2) await a.stop();
      else {
        // Idle with four apps polled every 10 s (a few cycles), then the resident memory.
        await sleep(IDLE_MS);
        out.idle_rss_mb_four_apps_10s_polling = rssMb(a.child.pid!);
        const list = await rpc(a.mcpUrl, 'tools/list', {});
        out.tools_list_kb_four_apps = round(Buffer.byteLength(list.text) / 1024);
        out.tools_listed_four_apps = (list.body.result?.tools ?? []).length;
        await sleep(2000);
        out.rss_mb_after_mcp_loaded = rssMb(a.child.pid!);
        await a.stop();
      }
    }
    out.start_to_ready_ms_median = round(pct(starts, 50));
    out.start_to_ready_ms_max = round(Math.max(...starts));
    out['targets: start, idle RSS'] = '≤ 1000 ms, ≤ 80 MB';

    // Side by side on the same simulated Sonarr.
    const sonarr = sim.apps.sonarr;
    const auto = await startAutoArr(sim, ['sonarr']);
    const peerPort = await freePort();
    const peer = launch([PEER], {
      MCP_TRANSPORT: 'http',
      PORT: String(peerPort),
      HOST: '127.0.0.1',
      SONARR_URL: sonarr.url,
      SONARR_API_KEY: sonarr.apiKey,
    });
    const bare = launch(['-e', 'setInterval(() => {}, 1e9)'], {});
    try {
      await waitFor(`http://127.0.0.1:${peerPort}/health`, peer);
      const peerUrl = `http://127.0.0.1:${peerPort}/mcp`;
      const direct = () =>
        fetch(`${sonarr.url}/api/v3/queue?page=1&pageSize=25&includeUnknownSeriesItems=true`, {
          headers: { 'x-api-key': sonarr.apiKey },
        }).then((r) => r.text());
      const call = async (url: string, auth: boolean) => {
        const r = await rpc(url, 'tools/call', { name: 'sonarr_get_queue', arguments: {} }, auth);
        if (!r.body.result || r.body.result.isError) throw new Error(`${url}: ${r.text.slice(0, 300)}`);
      };
      // An empty round trip to each server (its health endpoint): the HTTP cost both pay before any MCP work.
      const autoHealth = auto.mcpUrl.replace(/\/mcp$/, '/api/health');
      const peerHealth = `http://127.0.0.1:${peerPort}/health`;
      const ping = (url: string) => fetch(url).then((r) => r.text());
      const times = {
        direct: [] as number[],
        autoarr: [] as number[],
        peer: [] as number[],
        autoPing: [] as number[],
        peerPing: [] as number[],
      };
      for (let i = 0; i < 20; i++) await Promise.all([direct(), call(auto.mcpUrl, true), call(peerUrl, false)]);
      for (let i = 0; i < CALLS; i++) {
        let t = performance.now();
        await direct();
        times.direct.push(performance.now() - t);
        t = performance.now();
        await call(auto.mcpUrl, true);
        times.autoarr.push(performance.now() - t);
        t = performance.now();
        await call(peerUrl, false);
        times.peer.push(performance.now() - t);
        t = performance.now();
        await ping(autoHealth);
        times.autoPing.push(performance.now() - t);
        t = performance.now();
        await ping(peerHealth);
        times.peerPing.push(performance.now() - t);
      }
      const d = pct(times.direct, 50);
      const overA = Math.max(0, pct(times.autoarr, 50) - d);
      const overP = Math.max(0, pct(times.peer, 50) - d);
      // What the MCP server itself adds: the call less the Sonarr call and less an empty round trip to it.
      const netA = Math.max(0, overA - pct(times.autoPing, 50));
      const netP = Math.max(0, overP - pct(times.peerPing, 50));
      const listA = await rpc(auto.mcpUrl, 'tools/list', {});
      const listP = await rpc(peerUrl, 'tools/list', {}, false);
      await sleep(5000);
      const rssA = rssMb(auto.child.pid!);
      const rssP = rssMb(peer.pid!);
      const rssNode = rssMb(bare.pid!);
      Object.assign(out, {
        sonarr_direct_ms_p50: round(d),
        autoarr_call_ms_p50: round(pct(times.autoarr, 50)),
        peer_call_ms_p50: round(pct(times.peer, 50)),
        autoarr_overhead_ms_p50: round(overA),
        peer_overhead_ms_p50: round(overP),
        'overhead ratio': round(overA / overP),
        autoarr_empty_round_trip_ms_p50: round(pct(times.autoPing, 50)),
        peer_empty_round_trip_ms_p50: round(pct(times.peerPing, 50)),
        autoarr_mcp_work_ms_p50: round(netA),
        peer_mcp_work_ms_p50: round(netP),
        'MCP work ratio (target ≤ 0.5)': round(netA / netP),
        autoarr_tools_list_kb_sonarr_only: round(Buffer.byteLength(listA.text) / 1024),
        peer_tools_list_kb: round(Buffer.byteLength(listP.text) / 1024),
        autoarr_tools_sonarr_only: listA.body.result?.tools?.length ?? 0,
        peer_tools: listP.body.result?.tools?.length ?? 0,
        autoarr_idle_rss_mb_sonarr_only: rssA,
        peer_idle_rss_mb: rssP,
        bare_node_rss_mb: rssNode,
        'RSS ratio (target ≤ 0.7)': round(rssA / rssP),
        'RSS ratio above bare node': round((rssA - rssNode) / (rssP - rssNode)),
      });
    } finally {
      await Promise.all([auto.stop(), stop(peer), stop(bare)]);
    }
  } finally {
    await sim.stop();
  }
  return out;
}
