// The live-update transport on Redis (REDIS_URL): PUBLISH on one channel, SUBSCRIBE on a second connection (a
// subscribed connection can send nothing else). Worth it with many replicas: the database then serves no
// notifications, and a message is not limited to PostgreSQL's 8000 bytes. The client reconnects on its own and
// subscribes again; while Redis is down nothing is queued (those events are lost, the followers' poll re-reads the
// downloads) and /api/health names Redis with what to do.
import { createClient } from 'redis';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import { LIVE_CHANNEL, type LiveTransport } from './live.js';

export interface RedisLiveOptions {
  /** redis://[user:password@]host:6379[/db] or rediss:// (TLS). */
  url: string;
  /** The URL with the password masked, for messages. */
  shown: string;
  /** How long to wait before connecting again after the connection fails. */
  retryMs: number;
  log: Logger;
}

/** Larger events go as "changed": the UI re-reads what it shows, and Redis is not a bulk channel. */
const MAX_PAYLOAD = 512 * 1024;

export function redisLiveTransport(opts: RedisLiveOptions): LiveTransport {
  const { log } = opts;
  let lastError: string | undefined;
  let down = false;
  const make = () =>
    createClient({
      url: opts.url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => opts.retryMs, connectTimeout: Math.max(1_000, opts.retryMs) },
    });
  const pub = make();
  const sub = make();
  let stopped = true;

  for (const c of [pub, sub]) {
    // Without an error listener the client would crash the process; the message goes to health and the log.
    c.on('error', (err: unknown) => {
      lastError = redactText((err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200));
      if (stopped || down) return;
      down = true;
      log.warn(
        `Live updates between replicas paused: Redis ${opts.shown} does not answer (${lastError}); connecting again`,
      );
    });
    c.on('ready', () => {
      if (!pub.isReady || !sub.isReady) return;
      if (down) log.info(`Redis ${opts.shown} answers again; live updates between replicas resume`);
      down = false;
      lastError = undefined;
    });
  }

  return {
    maxPayload: MAX_PAYLOAD,
    problem() {
      if (stopped || (pub.isReady && sub.isReady)) return undefined;
      return {
        source: 'redis',
        message:
          `Redis ${opts.shown} does not answer${lastError ? ` (${lastError})` : ''}: live updates between replicas ` +
          'pause until it is back (each replica still re-reads the downloads at every poll). Check that Redis runs ' +
          'and that REDIS_URL points at it; AutoArr keeps trying.',
      };
    },
    async start(receive) {
      stopped = false;
      // connect() keeps retrying while Redis is down; start waits for the first answer or the first failure only.
      const ready = Promise.all([
        pub.connect(),
        sub.connect().then(() => sub.subscribe(LIVE_CHANNEL, (text: string) => receive(text))),
      ]);
      let offFail: (() => void) | undefined;
      const failed = new Promise<void>((resolve) => {
        const once = () => resolve();
        pub.once('error', once);
        sub.once('error', once);
        offFail = () => {
          pub.off('error', once);
          sub.off('error', once);
        };
      });
      ready.catch((err: unknown) =>
        log.warn(`Live updates between replicas could not start on Redis ${opts.shown}`, { err }),
      );
      await Promise.race([
        ready.then(
          () => undefined,
          () => undefined,
        ),
        failed,
      ]);
      offFail?.();
    },
    publish(text) {
      if (!pub.isReady) return; // down: nothing is queued
      pub
        .publish(LIVE_CHANNEL, text)
        .catch((err: unknown) =>
          log.warn(`A live update could not be sent to the other replicas through Redis ${opts.shown}`, { err }),
        );
    },
    async stop() {
      stopped = true;
      for (const c of [sub, pub]) {
        if (c.isOpen) await Promise.resolve(c.destroy()).catch(() => undefined);
      }
    },
  };
}
