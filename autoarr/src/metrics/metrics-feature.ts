// Stack metrics: polls every app instance every 30 s through the app clients and emits `app.metrics`. Apps are
// polled independently (Promise.allSettled) so one that is down never delays the others; a failed poll is logged
// once per outage, and the app's availability comes from the registry's health, not from here.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AppMetricsEvent } from '../shared/types.js';
import { appClients, type AppClientsPort } from './app-clients.js';
import { collect } from './collect.js';

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
}

export function createMetrics(ctx: CoreContext, opts: MetricsOptions = {}): Metrics {
  const log = ctx.log.child({ component: 'metrics' });
  const intervalMs = opts.intervalMs ?? 30_000;
  const last = new Map<string, AppMetricsEvent>();
  const failing = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function pollOne(id: string): Promise<void> {
    const instance = ctx.apps.instance(id);
    if (!instance) return;
    try {
      const metrics = await collect(opts.clients ?? appClients(ctx), instance.app, id);
      const event: AppMetricsEvent = { instanceId: id, app: instance.app, metrics, at: ctx.now().toISOString() };
      last.set(id, event);
      if (failing.delete(id)) log.info(`Metrics of ${instance.name} are available again`);
      ctx.bus.emit('app.metrics', event);
    } catch (err) {
      if (!failing.has(id)) log.warn(`Could not read metrics from ${instance.name}`, { instance: id, err });
      failing.add(id);
    }
  }

  async function pollNow(instanceId?: string): Promise<void> {
    const ids = instanceId ? [instanceId] : ctx.apps.instances().map((i) => i.id);
    await Promise.allSettled(ids.map(pollOne));
  }

  return {
    pollNow,
    latest: () => [...last.values()],
    feature: {
      name: 'metrics',
      start() {
        void pollNow();
        timer = setInterval(() => void pollNow(), intervalMs);
        timer.unref();
      },
      stop() {
        clearInterval(timer);
      },
    },
  };
}
