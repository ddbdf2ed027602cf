// Helpers to run AutoArr as a real process: a free port, waiting for /api/health, and a bounded wait for exit.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/** A port the OS just handed out (AutoArr's PORT must be 1–65535, so port 0 cannot be passed through). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function start(cmd: string, args: string[], opts: SpawnOptions): Running {
  // Its own process group, so killGroup() also reaches grandchildren (tsx runs the code in a child node).
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
}

/** Last-resort cleanup after a failed test: kills the whole process group, so nothing is left running. */
export async function killGroup(run: Running | undefined): Promise<void> {
  if (!run?.child.pid) return;
  try {
    process.kill(-run.child.pid, 'SIGKILL');
  } catch {
    return; // already gone
  }
  await run.exited;
}

/** Polls /api/health until it answers (bounded), failing early if the process exits. */
export async function waitForHealth(url: string, run: Running, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`AutoArr exited before it was healthy:\n${run.output()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`AutoArr did not answer /api/health within ${timeoutMs} ms:\n${run.output()}`);
}

/** Resolves with the exit, or with "timeout" once the bound passes (measured, not slept). */
export async function exitWithin(
  run: Running,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Environment for a child AutoArr: nothing from the test runner's own settings leaks in. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'npm_config_cache'];
  const env: NodeJS.ProcessEnv = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k];
  return { ...env, ...extra };
}
