// Stack metrics: polls every app instance every 30 s through the app clients and emits `app.metrics`. Apps are
// polled independently (Promise.allSettled) so one that is down never delays the others; a failed poll is logged
// once per outage, and the app's availability comes from the registry's health, not from here.
// SABnzbd's queue is already read by the monitor every poll: at each tick its latest figures (app.polled) become the
// metrics and only SABnzbd's warnings are read here — unless the monitor has not polled since the last tick.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AppPolledEvent } from '../bus/events.js';
import type { AppMetricsEvent } from '../shared/types.js';
import { appClients, type AppClientsPort, type SabQueueFigures } from './app-clients.js';
import { collect, sabnzbdMetrics, sabnzbdWarnings } from './collect.js';

export interface MetricsOptions {
  intervalMs?: number;
  clients?: AppClientsPort;
}

export interface Metrics {
  feature: Feature;
  /** Polls now (one instance, or all) and emits the results; used after a command changed an app. */
  pollNow(instanceId?: string): Promise<void>;
  /** The last metrics of each instance. */
  latest(): AppMetricsEvent[];
  /** What the timer runs (tests call it directly). */
  tick(): Promise<void>;
}

export function createMetrics(ctx: CoreContext, opts: MetricsOptions = {}): Metrics {
  const log = ctx.log.child({ component: 'metrics' });
  const intervalMs = opts.intervalMs ?? 30_000;
  const last = new Map<string, AppMetricsEvent>();
  const failing = new Set<string>();
  /** SABnzbd queue figures the monitor read since the last tick, by instance. */
  const fromMonitor = new Map<string, SabQueueFigures>();
  let timer: NodeJS.Timeout | undefined;
  let off: (() => void) | undefined;
  const clients = () => opts.clients ?? appClients(ctx);

  function emit(id: string, app: AppMetricsEvent['app'], metrics: AppMetricsEvent['metrics']): void {
    const event: AppMetricsEvent = { instanceId: id, app, metrics, at: ctx.now().toISOString() };
    last.set(id, event);
    ctx.bus.emit('app.metrics', event);
  }

  async function pollOne(id: string): Promise<void> {
    const instance = ctx.apps.instance(id);
    if (!instance) return;
    try {
      const metrics = await collect(clients(), instance.app, id);
      if (failing.delete(id)) log.info(`Metrics of ${instance.name} are available again`);
      emit(id, instance.app, metrics);
    } catch (err) {
      if (!failing.has(id)) log.warn(`Could not read metrics from ${instance.name}`, { instance: id, err });
      failing.add(id);
    }
  }

  async function pollNow(instanceId?: string): Promise<void> {
    const ids = instanceId ? [instanceId] : ctx.apps.instances().map((i) => i.id);
    await Promise.allSettled(ids.map(pollOne));
  }

  /** The monitor's poll read SABnzbd's queue: keep its figures for the next tick. */
  function fromPoll(e: AppPolledEvent): void {
    if (e.queue && !e.error) fromMonitor.set(e.instanceId, e.queue);
    else fromMonitor.delete(e.instanceId);
  }

  /** SABnzbd from the monitor's queue figures; only its warnings are read here. */
  async function fromFigures(id: string, figures: SabQueueFigures): Promise<void> {
    const texts = await sabnzbdWarnings(clients().sabnzbd(id)).catch(() => []);
    if (failing.delete(id)) log.info(`Metrics of ${ctx.apps.instance(id)?.name ?? id} are available again`);
    emit(id, 'sabnzbd', sabnzbdMetrics(figures, texts));
  }

  async function tick(): Promise<void> {
    const ids = ctx.apps.instances().map((i) => i.id);
    const fed = new Map(fromMonitor);
    fromMonitor.clear();
    await Promise.allSettled(
      ids.map((id) => {
        const figures = fed.get(id);
        return figures ? fromFigures(id, figures) : pollOne(id);
      }),
    );
  }

  return {
    pollNow,
    latest: () => [...last.values()],
    tick,
    feature: {
      name: 'metrics',
      start() {
        off = ctx.bus.on('app.polled', fromPoll);
        void pollNow();
        timer = setInterval(() => void tick(), intervalMs);
        timer.unref();
      },
      stop() {
        clearInterval(timer);
        off?.();
      },
    },
  };
}
