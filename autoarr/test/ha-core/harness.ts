// A real Home Assistant Core (2024.8.1, built by ../shared/ha-core/ha.sh) for the integration tests: a config dir
// with custom_components/autoarr copied in, HA started on a free loopback port, an owner's long-lived token, and
// small REST and websocket clients. Every wait is bounded and polls for the observable effect.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { freePort } from '../helpers/mosquitto.js';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../../..');
/** In CI the shared folder lies beside the clone, as it does beside the worktrees here. */
const HA_SH = process.env.AUTOARR_HA_SH ?? path.resolve(REPO, '../shared/ha-core/ha.sh');

async function haSh(...args: string[]): Promise<string> {
  // ha.sh needs root (chroot, mount); CI runs as root or with password-less sudo.
  const [cmd, argv] = process.getuid?.() === 0 ? [HA_SH, args] : ['sudo', ['-n', HA_SH, ...args]];
  const { stdout } = await run(cmd, argv, { timeout: 600_000, maxBuffer: 10 * 1024 * 1024 });
  return stdout.trim();
}

export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      last = undefined;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export interface HaCore {
  url: string;
  port: number;
  dir: string;
  token: string;
  /** REST call with the owner's token; returns status and parsed JSON (or text). */
  api(method: string, p: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  ws(): Promise<HaWs>;
  log(): string;
  stop(): Promise<void>;
}

const CONFIGURATION = (port: number, extra: string) => `homeassistant:
  name: Test
  latitude: 52.37
  longitude: 4.89
  elevation: 0
  unit_system: metric
  time_zone: UTC
  country: NL
http:
  server_host: 127.0.0.1
  server_port: ${port}
api:
websocket_api:
onboarding:
config:
device_automation:
diagnostics:
repairs:
automation: []
logger:
  default: warning
  logs:
    custom_components.autoarr: debug
${extra}`;

/** Starts Home Assistant with the integration (and the test probe) installed; `extra` is more configuration.yaml. */
export async function startHaCore(opts: { extra?: string } = {}): Promise<HaCore> {
  await haSh('setup');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-ha-core-'));
  const port = await freePort();
  const cc = path.join(dir, 'custom_components');
  fs.mkdirSync(cc, { recursive: true });
  fs.cpSync(path.join(REPO, 'custom_components/autoarr'), path.join(cc, 'autoarr'), { recursive: true });
  fs.cpSync(path.join(HERE, 'probe/autoarr_probe'), path.join(cc, 'autoarr_probe'), { recursive: true });
  // Stand-ins for two PyPI-only libraries HA's LLM helper imports (see probe/deps/README.md).
  fs.cpSync(path.join(HERE, 'probe/deps'), path.join(dir, 'deps/lib/python3.13/site-packages'), { recursive: true });
  // Without this file HA treats the dir as one from before 0.50 and deletes deps/ while "upgrading" it.
  fs.writeFileSync(path.join(dir, '.HA_VERSION'), '2024.8.1');
  fs.writeFileSync(path.join(dir, 'configuration.yaml'), CONFIGURATION(port, `autoarr_probe:\n${opts.extra ?? ''}`));
  const url = `http://127.0.0.1:${port}`;
  let started = false;
  const ha: HaCore = {
    url,
    port,
    dir,
    token: '',
    async api(method, p, body) {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { authorization: `Bearer ${ha.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // HTML or plain text
      }
      return { status: res.status, body: parsed };
    },
    ws: () => HaWs.connect(`${url.replace('http', 'ws')}/api/websocket`, ha.token),
    log: () => {
      const f = path.join(dir, 'home-assistant.log');
      return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
    },
    async stop() {
      if (started) await haSh('stop', dir);
      started = false;
      if (!process.env.AUTOARR_KEEP_HA) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    started = true;
    await haSh('start', dir, String(port));
    ha.token = await haSh('token', dir, String(port));
    // ha.sh onboards the owner but leaves the last step, and until then GET / redirects to onboarding. HA marks
    // the step done before it answers that a long-lived token has no credentials to hand out.
    await ha.api('POST', '/api/onboarding/integration', {
      client_id: `${url}/`,
      redirect_uri: `${url}/?auth_callback=1`,
    });
    await until(async () => (await fetch(`${url}/`, { redirect: 'manual' })).status === 200, 'onboarding done', 10_000);
  } catch (err) {
    await ha.stop().catch(() => undefined);
    throw err;
  }
  return ha;
}

/** A minimal Home Assistant websocket client: commands by id, and event subscriptions collected in arrays. */
export class HaWs {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly events = new Map<number, unknown[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as {
        id: number;
        type: string;
        success?: boolean;
        result?: unknown;
        error?: { message: string; code?: string };
        event?: unknown;
      };
      if (msg.type === 'event') {
        this.events.get(msg.id)?.push(msg.event);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.success) p.resolve(msg.result);
      else
        p.reject(Object.assign(new Error(msg.error?.message ?? 'websocket command failed'), { code: msg.error?.code }));
    });
  }

  static async connect(url: string, token: string): Promise<HaWs> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('HA websocket: no auth_ok within 10 s')), 10_000);
      socket.on('error', reject);
      socket.on('message', function first(raw) {
        const msg = JSON.parse(String(raw)) as { type: string };
        if (msg.type === 'auth_required') socket.send(JSON.stringify({ type: 'auth', access_token: token }));
        else if (msg.type === 'auth_ok') {
          clearTimeout(timer);
          socket.off('message', first);
          resolve();
        } else reject(new Error(`HA websocket: ${msg.type}`));
      });
    });
    return new HaWs(socket);
  }

  send<T = unknown>(msg: Record<string, unknown>, timeoutMs = 20_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`HA websocket: no answer to ${String(msg.type)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.socket.send(JSON.stringify({ ...msg, id }));
    });
  }

  /** Subscribes to an event type; the returned array fills as events arrive. */
  async subscribe(eventType: string): Promise<unknown[]> {
    const id = this.nextId;
    const list: unknown[] = [];
    this.events.set(id, list);
    await this.send({ type: 'subscribe_events', event_type: eventType });
    return list;
  }

  close(): void {
    this.socket.close();
  }
}
