// Live updates across replicas: each replica sends the events its UI stream carries to the others, so a browser on any
// replica sees the same events. A received event goes to a bus of its own (`remote`), which only the SSE stream
// follows: other replicas' events never re-enter this replica's own bus (where MQTT, HA notifications or the monitor
// would act on them a second time). The downloads list is never sent: the leader says "changed" and the others re-read
// it from the database; an event too large for the transport is sent the same way. The transport carries text only:
// PostgreSQL LISTEN/NOTIFY (pg-live.ts) by default, Redis publish/subscribe (redis-live.ts) with REDIS_URL.
import { EventBus } from '../bus/bus.js';
import type { BusEventName, BusEvents } from '../bus/events.js';
import type { Logger } from '../log/logger.js';
import type { HealthProblem } from '../shared/types.js';

export const LIVE_CHANNEL = 'autoarr_live';

/** Carries text between the replicas; reconnects on its own and drops what is sent while it is down. */
export interface LiveTransport {
  /** Largest message it carries, in bytes; larger events go as "changed". */
  maxPayload: number;
  /** Connects (or keeps trying in the background); every message received goes to `receive`. */
  start(receive: (text: string) => void): Promise<void>;
  publish(text: string): void;
  /** What is wrong right now, for /api/health (undefined when nothing is). */
  problem(): HealthProblem | undefined;
  stop(): Promise<void>;
}

interface Message {
  from: string;
  event: BusEventName;
  /** Absent: the event was too large to send; the receiver says "changed" and clients re-read. */
  payload?: unknown;
}

export interface LiveFanoutOptions {
  transport: LiveTransport;
  replica: string;
  bus: EventBus;
  /** The events the UI stream sends. */
  events: readonly BusEventName[];
  isLeader: () => boolean;
  /** Re-reads the leader's downloads (emits downloads.updated on this replica's bus). */
  reloadDownloads: () => Promise<void>;
  /** Re-reads the switches and thresholds another replica changed (emits settings.changed on this replica's bus). */
  settingsChanged?: () => Promise<void>;
  log: Logger;
}

export interface LiveFanout {
  /** Other replicas' events, for the SSE stream only. */
  remote: EventBus;
  problem(): HealthProblem | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function liveFanout(opts: LiveFanoutOptions): LiveFanout {
  const { log, transport } = opts;
  const remote = new EventBus(log);
  let offs: Array<() => void> = [];

  function receive(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
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
    // Taken from the database into this replica's own switches; the settings.changed that follows reaches the stream.
    if (m.event === 'settings.changed' && opts.settingsChanged) {
      void opts.settingsChanged();
      return;
    }
    remote.emit(m.event, (m.payload ?? { changed: true }) as BusEvents[typeof m.event]);
  }

  function send(event: BusEventName, payload: unknown): void {
    // A follower's downloads.updated only echoes what it re-read from the leader.
    if (event === 'downloads.updated' && !opts.isLeader()) return;
    let text = JSON.stringify({ from: opts.replica, event, payload } satisfies Message);
    if (event === 'downloads.updated' || Buffer.byteLength(text) > transport.maxPayload)
      text = JSON.stringify({ from: opts.replica, event } satisfies Message);
    transport.publish(text);
  }

  return {
    remote,
    problem: () => transport.problem(),
    async start() {
      offs = opts.events.map((e) => opts.bus.on(e, (payload) => send(e, payload)));
      await transport.start(receive);
    },
    async stop() {
      for (const off of offs) off();
      offs = [];
      await transport.stop();
    },
  };
}
