// A small server speaking Home Assistant's documented websocket protocol, for tests: auth_required → auth →
// auth_ok / auth_invalid, then id-numbered commands (fire_event, subscribe_events, unsubscribe_events, call_service,
// ping) answered with result messages; fired events reach subscribers like in HA. It can drop every client and be
// stopped and started again on the same port (HA restarting).
import { WebSocketServer, type WebSocket } from 'ws';

export interface FiredEvent {
  event_type: string;
  event_data: Record<string, unknown>;
}
export interface ServiceCall {
  domain: string;
  service: string;
  service_data: Record<string, unknown>;
}

export interface HaWsServer {
  port: number;
  url: string;
  token: string;
  fired: FiredEvent[];
  calls: ServiceCall[];
  /** When true, pings go unanswered (a dead socket that never closes). */
  ignorePings: boolean;
  /** Auth attempts seen (token values are kept only as valid/invalid). */
  auths: Array<'ok' | 'invalid'>;
  /** When each auth attempt arrived (performance.now()), to measure retry spacing. */
  authAt: number[];
  /** Sends an event to every subscriber of its type (or of all events), as HA's bus would. */
  emit(eventType: string, data: Record<string, unknown>): void;
  subscriberCount(eventType: string): number;
  /** Closes every client connection (HA restarted); the server keeps listening. */
  dropClients(): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

interface Client {
  ws: WebSocket;
  authed: boolean;
  subs: Map<number, string | undefined>;
}

export async function startHaWsServer(
  opts: { token?: string; haVersion?: string; path?: string } = {},
): Promise<HaWsServer> {
  const token = opts.token ?? 'ha-test-token-1234';
  const haVersion = opts.haVersion ?? '2026.8.0';
  const clients = new Set<Client>();
  let wss: WebSocketServer | undefined;
  let port = 0;

  const send = (c: Client, msg: unknown) => c.ws.send(JSON.stringify(msg));

  function deliver(eventType: string, data: Record<string, unknown>): void {
    for (const c of clients) {
      for (const [id, type] of c.subs) {
        if (type === undefined || type === eventType) {
          send(c, {
            id,
            type: 'event',
            event: { event_type: eventType, data, origin: 'LOCAL', time_fired: new Date().toISOString() },
          });
        }
      }
    }
  }

  function onMessage(c: Client, raw: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return;
    }
    if (!c.authed) {
      if (msg.type !== 'auth') return;
      server.authAt.push(performance.now());
      if (msg.access_token === token) {
        c.authed = true;
        server.auths.push('ok');
        send(c, { type: 'auth_ok', ha_version: haVersion });
      } else {
        server.auths.push('invalid');
        send(c, { type: 'auth_invalid', message: 'Invalid access token or password' });
        c.ws.close();
      }
      return;
    }
    const id = msg.id as number;
    const ok = (result: unknown = null) => send(c, { id, type: 'result', success: true, result });
    switch (msg.type) {
      case 'ping':
        if (!server.ignorePings) send(c, { id, type: 'pong' });
        return;
      case 'supported_features':
        return ok();
      case 'subscribe_events':
        c.subs.set(id, msg.event_type as string | undefined);
        return ok();
      case 'unsubscribe_events':
        c.subs.delete(msg.subscription as number);
        return ok();
      case 'fire_event': {
        const ev = {
          event_type: String(msg.event_type),
          event_data: (msg.event_data ?? {}) as Record<string, unknown>,
        };
        server.fired.push(ev);
        ok({ context: { id: 'ctx' } });
        deliver(ev.event_type, ev.event_data);
        return;
      }
      case 'call_service':
        server.calls.push({
          domain: String(msg.domain),
          service: String(msg.service),
          service_data: (msg.service_data ?? {}) as Record<string, unknown>,
        });
        return ok({ context: { id: 'ctx' } });
      default:
        send(c, {
          id,
          type: 'result',
          success: false,
          error: { code: 'unknown_command', message: 'Unknown command.' },
        });
    }
  }

  async function start(): Promise<void> {
    const s = new WebSocketServer({ host: '127.0.0.1', port, path: opts.path });
    await new Promise<void>((resolve, reject) => {
      s.once('listening', resolve);
      s.once('error', reject);
    });
    port = (s.address() as { port: number }).port;
    server.port = port;
    server.url = `ws://127.0.0.1:${port}${opts.path ?? ''}`;
    s.on('connection', (ws) => {
      const c: Client = { ws, authed: false, subs: new Map() };
      clients.add(c);
      ws.on('message', (data) => onMessage(c, data.toString()));
      ws.on('close', () => clients.delete(c));
      send(c, { type: 'auth_required', ha_version: haVersion });
    });
    wss = s;
  }

  const server: HaWsServer = {
    port: 0,
    url: '',
    token,
    fired: [],
    calls: [],
    auths: [],
    authAt: [],
    ignorePings: false,
    emit: deliver,
    subscriberCount: (t) => [...clients].reduce((n, c) => n + [...c.subs.values()].filter((x) => x === t).length, 0),
    dropClients() {
      for (const c of clients) c.ws.terminate();
      clients.clear();
    },
    async stop() {
      server.dropClients();
      const s = wss;
      wss = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start,
  };
  await start();
  return server;
}
