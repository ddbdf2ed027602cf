// The live-update transport on PostgreSQL: NOTIFY on one channel, LISTEN on a connection of its own. Used when
// REDIS_URL is not set; the replicas already share the database, so nothing else has to run.
import pg from 'pg';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import { LIVE_CHANNEL, type LiveTransport } from './live.js';

export interface PgLiveOptions {
  url: string;
  where: string;
  /** How long to wait before connecting again after the connection fails. */
  retryMs: number;
  log: Logger;
}

export function pgLiveTransport(opts: PgLiveOptions): LiveTransport {
  const { log } = opts;
  let client: pg.Client | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let receive: (text: string) => void = () => undefined;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.url });
    c.on('notification', (n) => {
      if (n.channel === LIVE_CHANNEL && n.payload !== undefined) receive(n.payload);
    });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    try {
      await c.connect();
      await c.query(`listen ${LIVE_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (stopped) return void (await c.end().catch(() => undefined));
    client = c;
  }

  function lost(c: pg.Client, err?: Error): void {
    if (client !== c) return;
    client = undefined;
    void c.end().catch(() => undefined);
    if (stopped) return;
    log.warn(
      `Live updates from the other replicas stopped (PostgreSQL ${opts.where}: ${redactText(err?.message ?? 'connection closed')}); ` +
        'connecting again',
    );
    retry();
  }

  function retry(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      connect().catch(() => retry());
    }, opts.retryMs);
    timer.unref();
  }

  return {
    /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
    maxPayload: 7_900,
    // The database's own health is in /api/health/ready; a lost LISTEN connection is logged and retried.
    problem: () => undefined,
    async start(onText) {
      receive = onText;
      stopped = false;
      await connect().catch((err: unknown) => {
        log.warn(`Live updates from the other replicas wait for PostgreSQL ${opts.where}; trying again`, { err });
        retry();
      });
    },
    publish(text) {
      const c = client;
      if (!c) return; // reconnecting: the followers' poll re-reads the downloads; other events of this moment are lost
      c.query('select pg_notify($1, $2)', [LIVE_CHANNEL, text]).catch((err: unknown) =>
        log.warn(`A live update could not be sent to the other replicas through PostgreSQL ${opts.where}`, { err }),
      );
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
