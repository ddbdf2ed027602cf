// One connection to Home Assistant's websocket API, shared by the events bridge and the notifications. It
// connects forever with a growing delay (the library reconnects dropped sockets itself; we handle the first
// connect and a rejected token), re-applies event subscriptions on every new connection and reports its state.
// A rejected token is retried rarely (1 min doubling to 1 h): Home Assistant shows a login-failure notification for
// every attempt and may ban the address.
import { createConnection, ERR_INVALID_AUTH, type Connection } from 'home-assistant-js-websocket';
import type { Logger } from '../../log/logger.js';
import { createSocketFactory, type SocketTarget } from './socket.js';

export type HaState = 'connected' | 'disconnected' | 'disabled';

export interface AuthBackoff {
  firstMs: number;
  maxMs: number;
}

export const AUTH_BACKOFF: AuthBackoff = { firstMs: 60_000, maxMs: 3_600_000 };

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
  private authAttempt = 0;
  private connecting = false;
  /** Home Assistant refused the token; cleared by the next connection that works. */
  rejected = false;
  private readonly subs: Subscription[] = [];
  private readonly readyListeners = new Set<() => void>();

  constructor(
    private readonly target: SocketTarget,
    private readonly log: Logger,
    private readonly maxDelayMs = 30_000,
    private readonly pingMs = 30_000,
    private readonly authBackoff: AuthBackoff = AUTH_BACKOFF,
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

  /** Tries again now instead of waiting out a rejected token's back-off (the settings changed). */
  retryNow(): void {
    if (this.stopped || !this.rejected || this.connecting || this.conn) return;
    clearTimeout(this.timer);
    void this.connect();
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
    this.connecting = true;
    try {
      const conn = await createConnection({ createSocket: createSocketFactory(this.target), setupRetry: 0 });
      this.connecting = false;
      if (this.stopped) return conn.close();
      this.conn = conn;
      this.attempt = 0;
      this.authAttempt = 0;
      this.rejected = false;
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
      this.connecting = false;
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
    if (this.stopped) return;
    this.state = 'disconnected';
    const auth = err === ERR_INVALID_AUTH;
    let delay: number;
    if (auth) {
      this.message =
        'Home Assistant rejected the access token; create a new long-lived token (HA_TOKEN) or restart the add-on. ' +
        'AutoArr tries again after 1 minute, then less and less often (at most once an hour), so Home Assistant ' +
        'does not block its address';
      // Said once per rejection spell; every retry would otherwise repeat it.
      if (!this.rejected) this.log.warn(this.message);
      this.rejected = true;
      delay = Math.min(this.authBackoff.firstMs * 2 ** this.authAttempt, this.authBackoff.maxMs);
      this.authAttempt++;
    } else {
      this.message = `Home Assistant is not reachable at ${this.target.url.replace(/\?.*$/, '')}; retrying`;
      if (this.attempt === 0) this.log.warn(this.message);
      delay = Math.min(1000 * 2 ** this.attempt, this.maxDelayMs);
      this.attempt++;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }
}
