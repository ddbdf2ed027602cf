// One connection to Home Assistant's websocket API, shared by the events bridge and the notifications. It
// connects forever with a growing delay (the library reconnects dropped sockets itself; we handle the first
// connect and a rejected token), re-applies event subscriptions on every new connection and reports its state.
import { createConnection, ERR_INVALID_AUTH, type Connection } from 'home-assistant-js-websocket';
import type { Logger } from '../../log/logger.js';
import { createSocketFactory, type SocketTarget } from './socket.js';

export type HaState = 'connected' | 'disconnected' | 'disabled';

interface Subscription {
  eventType: string;
  callback: (data: Record<string, unknown>) => void;
}

export class HaLink {
  state: HaState = 'disconnected';
  message = 'Connecting to Home Assistant';
  private conn: Connection | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private attempt = 0;
  private readonly subs: Subscription[] = [];
  private readonly readyListeners = new Set<() => void>();

  constructor(
    private readonly target: SocketTarget,
    private readonly log: Logger,
    private readonly maxDelayMs = 30_000,
    private readonly pingMs = 30_000,
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
    // A socket can die without a close (a NAT timeout, a suspended VM): ping, and reconnect when no pong comes.
    this.pinger = setInterval(() => void this.ping(), this.pingMs);
    this.pinger.unref();
  }

  private async ping(): Promise<void> {
    const c = this.conn;
    if (!c?.connected) return;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('no pong')), Math.min(10_000, this.pingMs));
    });
    try {
      await Promise.race([c.ping(), late]);
    } catch {
      this.log.warn('Home Assistant did not answer a ping; reconnecting');
      c.reconnect(true);
    } finally {
      clearTimeout(timeout);
    }
  }

  get connected(): boolean {
    return !!this.conn?.connected;
  }

  /** Called each time a (re)connected socket is ready. */
  onReady(cb: () => void): () => void {
    this.readyListeners.add(cb);
    return () => this.readyListeners.delete(cb);
  }

  /** Subscribes now and on every later connection. */
  subscribe(eventType: string, callback: (data: Record<string, unknown>) => void): void {
    const sub = { eventType, callback };
    this.subs.push(sub);
    if (this.conn) void this.apply(this.conn, sub);
  }

  async fireEvent(eventType: string, data: Record<string, unknown>): Promise<void> {
    const c = this.requireConn();
    await c.sendMessagePromise({ type: 'fire_event', event_type: eventType, event_data: data });
  }

  async callService(domain: string, service: string, data: Record<string, unknown>): Promise<void> {
    const c = this.requireConn();
    await c.sendMessagePromise({ type: 'call_service', domain, service, service_data: data });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    this.conn?.close();
    this.conn = undefined;
    this.state = 'disconnected';
  }

  private requireConn(): Connection {
    if (!this.conn?.connected) throw new Error('Home Assistant is not connected');
    return this.conn;
  }

  private async apply(c: Connection, sub: Subscription): Promise<void> {
    try {
      await c.subscribeEvents<{ data?: Record<string, unknown> }>((ev) => sub.callback(ev.data ?? {}), sub.eventType);
    } catch (err) {
      this.log.warn(`Could not subscribe to Home Assistant ${sub.eventType} events`, { err });
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      const conn = await createConnection({ createSocket: createSocketFactory(this.target), setupRetry: 0 });
      if (this.stopped) return conn.close();
      this.conn = conn;
      this.attempt = 0;
      conn.addEventListener('ready', () => this.ready());
      conn.addEventListener('disconnected', () => {
        this.state = 'disconnected';
        this.message = 'Lost the connection to Home Assistant; reconnecting';
        this.log.warn(this.message);
      });
      conn.addEventListener('reconnect-error', () => {
        // The token was rejected on a reconnect: the library gives up, so start over with our own backoff.
        conn.close();
        if (this.conn === conn) this.conn = undefined;
        this.failed(ERR_INVALID_AUTH);
      });
      for (const sub of this.subs) await this.apply(conn, sub);
      this.ready();
    } catch (err) {
      this.failed(err);
    }
  }

  private ready(): void {
    this.state = 'connected';
    this.message = `Connected to Home Assistant ${this.conn?.haVersion ?? ''}`.trim();
    this.log.info(this.message);
    for (const cb of this.readyListeners) cb();
  }

  private failed(err: unknown): void {
    this.state = 'disconnected';
    this.message =
      err === ERR_INVALID_AUTH
        ? 'Home Assistant rejected the access token; create a new long-lived token (HA_TOKEN) or restart the add-on'
        : `Home Assistant is not reachable at ${this.target.url.replace(/\?.*$/, '')}; retrying`;
    if (this.attempt === 0) this.log.warn(this.message);
    const delay = Math.min(1000 * 2 ** this.attempt, this.maxDelayMs);
    this.attempt++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }
}
