// A real PostgreSQL server for tests (Debian's postgresql package): a fresh cluster in a temp folder, loopback only,
// an OS-assigned free port, password logins, optional TLS. PostgreSQL refuses to run as root, so under root the
// server runs as the `postgres` user. Readiness is awaited by connecting, never by sleeping.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './mosquitto.js';

export interface Postgres {
  port: number;
  /** The superuser's password (to check it never shows up anywhere). */
  password: string;
  /** The CA that signed the server certificate (tls only). */
  caFile?: string;
  /** A URL for a new, empty database (each call creates one). */
  createDatabase(query?: string): Promise<string>;
  /** The URL of an existing database (by name). */
  urlFor(database: string, query?: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

// Debian installs each major version under its own folder (15 on bookworm, 17 on trixie); the newest is used.
const BIN = (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
  .sort((a, b) => Number(b) - Number(a))
  .map((v) => `/usr/lib/postgresql/${v}/bin`)
  .find((d) => fs.existsSync(path.join(d, 'postgres')));

export const postgresAvailable = !!BIN;

const USER = 'autoarr_test';
let dbCounter = 0;

export async function startPostgres(opts: { tls?: 'on' | 'required' } = {}): Promise<Postgres> {
  if (!BIN) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-pg-'));
  const data = path.join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  fs.writeFileSync(path.join(dir, 'pwfile'), password);
  if (asRoot) chownTree(dir, ids.uid!, ids.gid!);
  const run = (bin: string, args: string[]) => execFileSync(path.join(BIN, bin), args, { ...ids, stdio: 'pipe' });
  run('initdb', [
    '-D',
    data,
    '-U',
    USER,
    `--pwfile=${path.join(dir, 'pwfile')}`,
    '--auth=scram-sha-256',
    '-N',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const conf = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
  ];
  conf.push('full_page_writes = off', 'synchronous_commit = off', "log_min_messages = 'fatal'", 'max_connections = 60');
  let caFile: string | undefined;
  if (opts.tls) {
    caFile = makeCertificates(dir);
    conf.push('ssl = on', `ssl_cert_file = '${dir}/server.crt'`, `ssl_key_file = '${dir}/server.key'`);
    if (asRoot) chownTree(dir, ids.uid!, ids.gid!);
  }
  fs.appendFileSync(path.join(data, 'postgresql.conf'), conf.join('\n') + '\n');
  if (opts.tls === 'required') {
    // Only encrypted logins from loopback.
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');
  }

  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const urlFor = (database: string, query = '') =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${query ? `?${query}` : ''}`;
  const adminUrl = () => urlFor('postgres', opts.tls ? `sslmode=verify-full&sslrootcert=${caFile}` : '');

  async function ready(): Promise<boolean> {
    const c = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 1_000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  async function start(): Promise<void> {
    const c = spawn(path.join(BIN!, 'postgres'), ['-D', data], { ...ids, stdio: 'ignore' });
    child = c;
    const until = Date.now() + 20_000;
    while (!(await ready())) {
      if (c.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${c.exitCode})`);
      if (Date.now() > until) throw new Error(`Timed out waiting for PostgreSQL on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stop(): Promise<void> {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    // SIGINT: fast shutdown (open sessions are cut, as when a server goes down).
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGINT');
    });
  }

  await start();
  return {
    port,
    password,
    caFile,
    urlFor,
    async createDatabase(query) {
      const name = `t${process.pid}_${++dbCounter}`;
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return urlFor(name, query);
    },
    start,
    async stop() {
      await stop();
      process.removeListener('exit', killOnExit);
    },
  };
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid, gid);
    else fs.chownSync(p, uid, gid);
  }
}

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it; returns the CA file. */
function makeCertificates(dir: string): string {
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=AutoArr test CA',
  ]);
  ssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  ]);
  fs.chmodSync(path.join(dir, 'server.key'), 0o600);
  fs.chmodSync(path.join(dir, 'ca.crt'), 0o644);
  return path.join(dir, 'ca.crt');
}
