// Live updates from /api/events (Server-Sent Events) read with fetch, so the bearer token goes in a header and the
// relative URL works under ingress. Reconnects every 1-2 s (so the page is back within 2 s of AutoArr), at once on
// reconnectNow() (the "Reconnect now" button, the tab getting focus), and reports its state.
import type { LiveEventName, LiveEvents } from '../../../autoarr/src/shared/events.js';
import { authHeaders } from './api.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting';
/** One live event and its payload: the bus payload as JSON (shared/events.ts). */
type Handler = <K extends LiveEventName>(name: K, data: LiveEvents[K]) => void;

export class LiveUpdates {
  state: LiveState = 'connecting';
  private readonly handlers = new Set<Handler>();
  private readonly stateHandlers = new Set<(s: LiveState) => void>();
  private abort?: AbortController;
  private retryMs = 1000;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private connecting = false;

  on(fn: Handler): () => void {
    this.handlers.add(fn);
    return () => this.handlers.delete(fn);
  }

  onState(fn: (s: LiveState) => void): () => void {
    this.stateHandlers.add(fn);
    return () => this.stateHandlers.delete(fn);
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Tries at once instead of waiting for the next retry; does nothing while the stream is up or connecting. */
  reconnectNow(): void {
    if (this.stopped || this.state !== 'reconnecting' || this.connecting) return;
    clearTimeout(this.timer);
    void this.connect();
  }

  private setState(s: LiveState): void {
    if (this.state === s) return;
    this.state = s;
    for (const fn of this.stateHandlers) fn(s);
  }

  private async connect(): Promise<void> {
    this.abort = new AbortController();
    this.connecting = true;
    try {
      const res = await fetch('api/events', {
        headers: { accept: 'text/event-stream', ...authHeaders() },
        signal: this.abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
      this.connecting = false;
      this.setState('live');
      this.retryMs = 1000;
      await this.read(res.body);
    } catch {
      // Falls through to the reconnect below.
    }
    this.connecting = false;
    if (this.stopped) return;
    this.setState('reconnecting');
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    // A local server: polling every 2 s while it is away costs nothing and brings the page back quickly.
    this.retryMs = Math.min(this.retryMs * 2, 2000);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    // The server sends a heartbeat every 15 s; silence for much longer means the connection is dead without a close.
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => this.abort?.abort(), 40_000);
    };
    for (;;) {
      arm();
      const { value, done } = await reader.read().finally(() => clearTimeout(watchdog));
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let idx: number;
      while ((idx = buf.search(/\r?\n\r?\n/)) >= 0) {
        const block = buf.slice(0, idx);
        buf = buf.slice(idx + (buf[idx] === '\r' ? 4 : 2));
        this.dispatch(block);
      }
    }
  }

  private dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (!data.length || event === 'heartbeat' || event === 'hello') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    // The server sends only LIVE_EVENTS, each with its bus payload.
    for (const fn of this.handlers) fn(event as LiveEventName, parsed as LiveEvents[LiveEventName]);
  }
}

export const live = new LiveUpdates();
