// Actionable notifications: on stalled / gave up / import blocked, call the configured notify service with "Retry"
// and "Ignore" actions whose ids carry the download id; perform them when Home Assistant sends
// mobile_app_notification_action. Rate-limited: events are collected for a short window and, when several
// downloads need attention at once, sent as one grouped notification.
import { z } from 'zod';
import type { CommandRegistry } from '../../core/commands.js';
import type { DownloadEvent } from '../../bus/events.js';
import type { Logger } from '../../log/logger.js';

export const ACTION_PREFIX = { retry: 'AUTOARR_RETRY_', ignore: 'AUTOARR_IGNORE_' } as const;
export const RETRY_ALL_ACTION = 'AUTOARR_RETRY_STALLED';

export interface ServiceCaller {
  readonly connected: boolean;
  callService(domain: string, service: string, data: Record<string, unknown>): Promise<void>;
}

export interface NotifierOptions {
  /** "notify.mobile_app_pixel". */
  service: string;
  /** How long events are gathered before a notification goes out. */
  batchMs?: number;
  /** At least this long between two notifications. */
  minIntervalMs?: number;
  /** The same download is not notified again for the same reason within this time. */
  repeatAfterMs?: number;
  now?: () => number;
  link?: () => string | undefined;
}

type Kind = 'stalled' | 'gave_up' | 'import_blocked';
const WHAT: Record<Kind, string> = {
  stalled: 'stalled',
  gave_up: 'could not be recovered',
  import_blocked: 'cannot be imported',
};

const actionEvent = z.object({ action: z.string().min(1).max(300) });

export class Notifier {
  private pending = new Map<string, { kind: Kind; e: DownloadEvent }>();
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = -Infinity;
  private readonly recent = new Map<string, number>();
  /** When the pending notification goes out (clock of opts.now), if one is pending. */
  dueAt: number | undefined;
  sent = 0;

  constructor(
    private readonly ha: ServiceCaller,
    private readonly commands: CommandRegistry,
    private readonly log: Logger,
    private readonly opts: NotifierOptions,
  ) {}

  add(kind: Kind, e: DownloadEvent): void {
    const now = this.opts.now?.() ?? Date.now();
    const key = `${kind}:${e.download.id}`;
    const repeatAfter = this.opts.repeatAfterMs ?? 3_600_000;
    if (now - (this.recent.get(key) ?? -Infinity) < repeatAfter) return;
    this.recent.set(key, now);
    for (const [k, at] of this.recent) if (now - at >= repeatAfter) this.recent.delete(k);
    this.pending.set(e.download.id, { kind, e });
    if (this.timer) return;
    const wait = Math.max(this.opts.batchMs ?? 5_000, this.lastSentAt + (this.opts.minIntervalMs ?? 60_000) - now);
    this.dueAt = now + wait;
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }

  /** Sends what is pending now (the timer calls it; tests may too). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = undefined;
    if (!this.pending.size) return;
    if (!this.ha.connected) {
      // Keep them and try again later, still rate-limited.
      this.timer = setTimeout(() => void this.flush(), this.opts.minIntervalMs ?? 60_000);
      this.timer.unref();
      return;
    }
    const items = [...this.pending.values()];
    this.pending = new Map();
    const [domain, service] = this.opts.service.split('.', 2) as [string, string];
    const link = this.opts.link?.();
    let data: Record<string, unknown>;
    if (items.length === 1) {
      const { kind, e } = items[0]!;
      const d = e.download;
      data = {
        title: `Download ${WHAT[kind]}`,
        message: `${d.media.label ?? d.title}: ${e.reason}`,
        data: {
          tag: `autoarr_${d.id}`,
          group: 'autoarr',
          ...(link ? { url: link, clickAction: link } : {}),
          actions: [
            { action: `${ACTION_PREFIX.retry}${d.id}`, title: 'Retry' },
            { action: `${ACTION_PREFIX.ignore}${d.id}`, title: 'Ignore' },
          ],
        },
      };
    } else {
      const names = items.slice(0, 5).map(({ e }) => e.download.media.label ?? e.download.title);
      data = {
        title: `${items.length} downloads need attention`,
        message: `${names.join(', ')}${items.length > 5 ? ` and ${items.length - 5} more` : ''}`,
        data: {
          tag: 'autoarr_group',
          group: 'autoarr',
          ...(link ? { url: link, clickAction: link } : {}),
          actions: [{ action: RETRY_ALL_ACTION, title: 'Retry stalled' }],
        },
      };
    }
    try {
      await this.ha.callService(domain, service, data);
      this.sent++;
      this.lastSentAt = this.opts.now?.() ?? Date.now();
    } catch (err) {
      this.log.warn(`Could not send the notification through ${this.opts.service}`, { err });
    }
  }

  /** Handles a mobile_app_notification_action event; ignores actions that are not ours. */
  async onAction(raw: Record<string, unknown>): Promise<void> {
    const parsed = actionEvent.safeParse(raw);
    if (!parsed.success) return;
    const action = parsed.data.action;
    const by = 'home_assistant_notification';
    try {
      if (action === RETRY_ALL_ACTION) {
        const r = await this.commands.run('monitor.retry_stalled', { by });
        this.log.info(`Notification action: ${r.message}`);
      } else if (action.startsWith(ACTION_PREFIX.retry)) {
        const r = await this.commands.run('download.retry', { id: action.slice(ACTION_PREFIX.retry.length), by });
        this.log.info(`Notification action retry: ${r.message}`);
      } else if (action.startsWith(ACTION_PREFIX.ignore)) {
        const r = await this.commands.run('download.ignore', {
          id: action.slice(ACTION_PREFIX.ignore.length),
          ignored: true,
          by,
        });
        this.log.info(`Notification action ignore: ${r.message}`);
      }
    } catch (err) {
      this.log.warn(`The notification action ${action} failed`, { err });
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
