// Download events → Home Assistant events (autoarr_download_stalled …) over the websocket. The bus listener only
// enqueues, so the monitor is never blocked; the queue is bounded and drains whenever Home Assistant is connected.
import type { EventBus } from '../../bus/bus.js';
import type { DownloadEvent } from '../../bus/events.js';
import type { Logger } from '../../log/logger.js';
import type { DownloadEventName } from '../../shared/events.js';

export const HA_EVENT_NAMES = {
  'download.stalled': 'autoarr_download_stalled',
  'download.failed': 'autoarr_download_failed',
  'download.import_blocked': 'autoarr_import_blocked',
  'download.recovered': 'autoarr_download_recovered',
  'download.gave_up': 'autoarr_download_gave_up',
  'download.completed': 'autoarr_download_completed',
} as const satisfies Partial<Record<DownloadEventName, string>>;

export interface EventSink {
  readonly connected: boolean;
  fireEvent(eventType: string, data: Record<string, unknown>): Promise<void>;
}

export function eventData(e: DownloadEvent, link?: string): Record<string, unknown> {
  const d = e.download;
  return {
    download_id: d.id,
    title: d.title,
    app: d.app,
    instance: d.instanceId,
    state: d.state,
    media: {
      kind: d.media.kind,
      label: d.media.label ?? null,
      series_id: d.media.seriesId ?? null,
      movie_id: d.media.movieId ?? null,
    },
    reason: e.reason,
    strikes: d.strikes.count,
    max_strikes: d.strikes.max,
    explanation: d.explanation,
    ...(link ? { link } : {}),
  };
}

export class EventsBridge {
  private readonly queue: Array<{ type: string; data: Record<string, unknown> }> = [];
  private flushing = false;
  dropped = 0;

  constructor(
    private readonly sink: EventSink,
    private readonly log: Logger,
    private readonly max = 200,
    private readonly link?: () => string | undefined,
  ) {}

  /** Subscribes to the bus; returns the unsubscribe functions. */
  listen(bus: EventBus): Array<() => void> {
    return (Object.keys(HA_EVENT_NAMES) as Array<keyof typeof HA_EVENT_NAMES>).map((name) =>
      bus.on(name, (e) => this.enqueue(HA_EVENT_NAMES[name], eventData(e, this.link?.()))),
    );
  }

  enqueue(type: string, data: Record<string, unknown>): void {
    this.queue.push({ type, data });
    if (this.queue.length > this.max) {
      this.queue.shift();
      if (this.dropped++ === 0) this.log.warn(`Home Assistant is away; dropping the oldest events beyond ${this.max}`);
    }
    void this.flush();
  }

  get pending(): number {
    return this.queue.length;
  }

  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length && this.sink.connected) {
        const next = this.queue[0]!;
        try {
          await this.sink.fireEvent(next.type, next.data);
          this.queue.shift();
        } catch (err) {
          this.log.debug('Could not fire a Home Assistant event; it stays queued', { err });
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
