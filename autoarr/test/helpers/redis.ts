// A real Redis server for tests (Debian's redis-server package): an OS-assigned free port on loopback, no persistence,
// a password, stop and start again on the same port (to test reconnects). Readiness is awaited by asking the server,
// never by sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { freePort } from './mosquitto.js';

export interface Redis {
  port: number;
  /** The password it requires (to check it never shows up anywhere). */
  password: string;
  /** redis://:password@127.0.0.1:port */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const BIN = '/usr/bin/redis-server';
export const redisAvailable = fs.existsSync(BIN);

/** Whether the server answers a PING (any reply, NOAUTH included, means it is up). */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1_000, () => done(false));
    s.once('error', () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => done(/^[+-]/.test(d.toString())));
  });

export async function startRedis(): Promise<Redis> {
  if (!redisAvailable) throw new Error('Redis is not installed: apt-get install -y redis-server');
  const port = await freePort();
  const password = `rpw-${Math.random().toString(36).slice(2)}/secret`;
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');

  async function start(): Promise<void> {
    process.removeListener('exit', killOnExit);
    process.once('exit', killOnExit);
    const c = spawn(
      BIN,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password],
      { stdio: 'ignore' },
    );
    child = c;
    const until = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (c.exitCode !== null) throw new Error(`redis-server exited at start (code ${c.exitCode})`);
      if (Date.now() > until) throw new Error(`Timed out waiting for redis-server on port ${port}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function stop(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL'); // as when the server dies: clients see the connection drop
    });
  }

  await start();
  return {
    port,
    password,
    url: `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    start,
    async stop() {
      await stop();
      process.removeListener('exit', killOnExit);
    },
  };
}
