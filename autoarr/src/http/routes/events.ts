// Live updates for the web UI: Server-Sent Events at /api/events. The UI reads the stream with fetch (so it can send
// the bearer token in a header, never in the URL) and reconnects on its own; the Home Assistant integration follows
// it for app health. A heartbeat every 15 s keeps proxies (the Supervisor's ingress among them) from closing an idle
// stream.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventBus } from '../../bus/bus.js';
import type { CoreContext } from '../../core/context.js';
import { LIVE_EVENTS } from '../../shared/events.js';
import type { ApiEnv } from '../access.js';

export interface EventsOptions {
  heartbeatMs?: number;
  /** With replicas on PostgreSQL: the other replicas' events (cluster/live.ts), sent like this replica's own. */
  remote?: Pick<EventBus, 'on'>;
}

export function eventsRoutes(ctx: CoreContext, opts: EventsOptions = {}): Hono<ApiEnv> {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  return new Hono<ApiEnv>().get('/', (c) => {
    // ?only=a,b: a client that needs a few events (the Home Assistant integration follows app health) is spared
    // the downloads list every poll. Unknown names are ignored.
    const only = c.req.query('only')?.split(',');
    const names = only ? LIVE_EVENTS.filter((n) => only.includes(n)) : LIVE_EVENTS;
    c.header('cache-control', 'no-cache, no-transform');
    // Tells nginx-style proxies not to buffer the stream.
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: Array<{ event: string; data: string }> = [];
      let wake: (() => void) | undefined;
      const push = (event: string, payload: unknown) => {
        // A slow client must not grow memory without bound: keep only the newest messages.
        if (queue.length > 200) queue.splice(0, queue.length - 100);
        queue.push({ event, data: JSON.stringify(payload) });
        wake?.();
      };
      const offs = [ctx.bus, ...(opts.remote ? [opts.remote] : [])].flatMap((bus) =>
        names.map((name) => bus.on(name, (payload) => push(name, payload))),
      );
      const beat = setInterval(() => {
        queue.push({ event: 'heartbeat', data: JSON.stringify({ time: ctx.now().toISOString() }) });
        wake?.();
      }, heartbeatMs);
      let closed = false;
      stream.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ version: ctx.settings.version }) });
        while (!closed) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE(next);
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        clearInterval(beat);
        for (const off of offs) off();
      }
    });
  });
}
