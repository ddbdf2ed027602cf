// Live updates from /api/events (Server-Sent Events) read with fetch, so the bearer token goes in a header and the
// relative URL works under ingress. Reconnects with backoff (1 s doubling to 30 s) and reports its state.
import type { LiveEventName } from '../../../autoarr/src/shared/types.js';
import { authHeaders } from './api.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting';
type Handler = (name: LiveEventName, data: unknown) => void;

export class LiveUpdates {
  state: LiveState = 'connecting';
  private readonly handlers = new Set<Handler>();
  private readonly stateHandlers = new Set<(s: LiveState) => void>();
  private abort?: AbortController;
  private retryMs = 1000;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

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

  private setState(s: LiveState): void {
    if (this.state === s) return;
    this.state = s;
    for (const fn of this.stateHandlers) fn(s);
  }

  private async connect(): Promise<void> {
    this.abort = new AbortController();
    try {
      const res = await fetch('api/events', {
        headers: { accept: 'text/event-stream', ...authHeaders() },
        signal: this.abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
      this.setState('live');
      this.retryMs = 1000;
      await this.read(res.body);
    } catch {
      // Falls through to the reconnect below.
    }
    if (this.stopped) return;
    this.setState('reconnecting');
    this.timer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
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
    for (const fn of this.handlers) fn(event as LiveEventName, parsed);
  }
}

export const live = new LiveUpdates();
