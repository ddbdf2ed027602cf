// Live updates across replicas on PostgreSQL (LISTEN/NOTIFY): each replica sends the events its UI stream carries to
// the others, so a browser on any replica sees the same events. A received event goes to a bus of its own (`remote`),
// which only the SSE stream follows: other replicas' events never re-enter this replica's own bus (where MQTT, HA
// notifications or the monitor would act on them a second time). The downloads list is never sent: the leader says
// "changed" and the others re-read it from the database; an event too large for a notification is sent the same way.
import pg from 'pg';
import { EventBus } from '../bus/bus.js';
import type { BusEventName, BusEvents } from '../bus/events.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';

export const LIVE_CHANNEL = 'autoarr_live';
/** PostgreSQL refuses notification payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7_900;

interface Message {
  from: string;
  event: BusEventName;
  /** Absent: the event was too large to send; the receiver says "changed" and clients re-read. */
  payload?: unknown;
}

export interface LiveFanoutOptions {
  url: string;
  where: string;
  replica: string;
  bus: EventBus;
  /** The events the UI stream sends. */
  events: readonly BusEventName[];
  isLeader: () => boolean;
  /** Re-reads the leader's downloads (emits downloads.updated on this replica's bus). */
  reloadDownloads: () => Promise<void>;
  /** How long to wait before connecting again after the connection fails. */
  retryMs: number;
  log: Logger;
}

export interface LiveFanout {
  /** Other replicas' events, for the SSE stream only. */
  remote: EventBus;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function liveFanout(opts: LiveFanoutOptions): LiveFanout {
  const { log } = opts;
  const remote = new EventBus(log);
  let client: pg.Client | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let offs: Array<() => void> = [];

  function receive(text: string | undefined): void {
    let m: Message;
    try {
      m = JSON.parse(text ?? '') as Message;
    } catch {
      return; // not ours
    }
    if (m.from === opts.replica || !opts.events.includes(m.event)) return;
    if (m.event === 'downloads.updated') {
      if (!opts.isLeader())
        void opts
          .reloadDownloads()
          .catch((err: unknown) =>
            log.warn('The downloads could not be re-read after a change on the leader', { err }),
          );
      return;
    }
    remote.emit(m.event, (m.payload ?? { changed: true }) as BusEvents[typeof m.event]);
  }

  function send(event: BusEventName, payload: unknown): void {
    // A follower's downloads.updated only echoes what it re-read from the leader.
    if (event === 'downloads.updated' && !opts.isLeader()) return;
    const c = client;
    if (!c) return; // reconnecting: the followers' poll re-reads the downloads; other events of this moment are lost
    let text = JSON.stringify({ from: opts.replica, event, payload } satisfies Message);
    if (event === 'downloads.updated' || Buffer.byteLength(text) > MAX_PAYLOAD)
      text = JSON.stringify({ from: opts.replica, event } satisfies Message);
    c.query('select pg_notify($1, $2)', [LIVE_CHANNEL, text]).catch((err: unknown) =>
      log.warn(`A live update could not be sent to the other replicas through PostgreSQL ${opts.where}`, { err }),
    );
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.url });
    c.on('notification', (n) => {
      if (n.channel === LIVE_CHANNEL) receive(n.payload);
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
    remote,
    async start() {
      stopped = false;
      offs = opts.events.map((e) => opts.bus.on(e, (payload) => send(e, payload)));
      await connect().catch((err: unknown) => {
        log.warn(`Live updates from the other replicas wait for PostgreSQL ${opts.where}; trying again`, { err });
        retry();
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      for (const off of offs) off();
      offs = [];
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
