// A real Mosquitto broker for tests: own temp config, an OS-assigned free port on loopback, stop and restart on
// the same port (to test reconnects). Readiness is awaited by connecting, never by sleeping.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Mosquitto {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
}

const BIN = '/usr/sbin/mosquitto';

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

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** users: require these logins (no anonymous access), to test credentials. */
export async function startMosquitto(opts: { users?: Record<string, string> } = {}): Promise<Mosquitto> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-mosq-'));
  const conf = path.join(dir, 'mosquitto.conf');
  const lines = [`listener ${port} 127.0.0.1`, 'persistence false', 'log_dest none'];
  if (opts.users) {
    const pw = path.join(dir, 'passwd');
    fs.writeFileSync(pw, '');
    for (const [user, pass] of Object.entries(opts.users))
      execFileSync('/usr/bin/mosquitto_passwd', ['-b', pw, user, pass]);
    // Mosquitto started as root drops to its own user, which must be able to read the file.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(pw, 0o644);
    lines.push('allow_anonymous false', `password_file ${pw}`);
  } else lines.push('allow_anonymous true');
  fs.writeFileSync(conf, [...lines, ''].join('\n'));
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const c = spawn(BIN, ['-c', conf], { stdio: 'ignore' });
    child = c;
    await waitFor(() => canConnect(port), `Mosquitto on port ${port}`);
  }

  async function stop(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
    await waitFor(async () => !(await canConnect(port)), 'Mosquitto to stop');
  }

  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
