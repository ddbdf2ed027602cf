// The MQTT feature: Home Assistant discovery, states, availability, events, device triggers and commands.
// Listens to the bus only; publishes configs and states when they change; re-publishes everything after a reconnect
// and after Home Assistant's birth message; clears the retained configs of entities that are gone.
import type { CoreContext } from '../../core/context.js';
import type { Feature } from '../../core/feature.js';
import type { DownloadEvent } from '../../bus/events.js';
import { appClients, type AppClientsPort } from '../../metrics/app-clients.js';
import type { MqttDownloadEvent } from '../../shared/mqtt.js';
import type { SupervisorClient } from '../supervisor/client.js';
import { createCommandHandler } from './commands.js';
import { MqttLink, resolveBroker, type BrokerConfig } from './connection.js';
import { appEntities, EXPIRE_AFTER_S } from './entities/apps.js';
import { EVENT_TYPES, hubEntities, hubTriggers, type HubEventType, type TriggerType } from './entities/hub.js';
import { HUB, naming, topics, type BuildContext, type DiscoveryItem } from './model.js';
import { Publisher } from './publisher.js';
import { StackState } from './state.js';

export interface MqttOptions {
  clients?: AppClientsPort;
  supervisor?: SupervisorClient;
  /** Polls an app's metrics again (after a command changed it). */
  refresh?: (instanceId: string) => Promise<void>;
  /** Home Assistant wants a short pause after its birth message before configs arrive. */
  birthDelayMs?: number;
  /** The downloads list attribute changes with every progress tick: publish it at most this often. */
  downloadsIntervalMs?: number;
  /** Add-on without a broker: how often to ask the Supervisor again. */
  brokerRetryMs?: number;
}

export interface MqttFeature extends Feature {
  /** Flushes a throttled downloads list (called by a timer; tests and the benchmark call it directly). */
  tick(): Promise<void>;
  /** Messages sent so far. */
  sent(): number;
  connected(): boolean;
}

const KV_TOPICS = 'mqtt_discovery_topics';

export function mqttFeature(ctx: CoreContext, opts: MqttOptions = {}): MqttFeature {
  const log = ctx.log.child({ component: 'mqtt' });
  const n = naming(ctx.settings.mqtt.discoveryPrefix, ctx.settings.mqtt.baseTopic);
  const now = () => ctx.now().getTime();
  const downloadsEvery = opts.downloadsIntervalMs ?? 30_000;
  const refreshMs = Math.round((EXPIRE_AFTER_S * 1000) / 2.5);
  const state = new StackState();
  let link: MqttLink | undefined;
  let publisher: Publisher | undefined;
  let health: { state: 'connected' | 'disconnected' | 'disabled'; message?: string } = { state: 'disabled' };
  let current = new Set<string>();
  let hubUrl: string | undefined;
  let downloadsDirty = false;
  const offs: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  let birthTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const build = (): BuildContext => ({ naming: n, version: ctx.settings.version, hubUrl });

  function discovery(): DiscoveryItem[] {
    const b = build();
    return [
      ...hubEntities(b),
      ...hubTriggers(b),
      ...ctx.apps.instances().flatMap((i) => appEntities(b, i, ctx.apps.status(i.id)?.version)),
    ];
  }

  async function syncDiscovery(): Promise<void> {
    if (!publisher) return;
    const items = discovery();
    const next = new Set(items.map((i) => topics.config(n, i)));
    current = next;
    for (const item of items) await publisher.state(topics.config(n, item), item.payload);
    // Entities published before (an app instance removed from the settings) are cleared.
    const before = (await ctx.kv.get<string[]>(KV_TOPICS)) ?? [];
    for (const t of before) if (!next.has(t)) await publisher.clear(t);
    await ctx.kv.set(KV_TOPICS, [...next]);
  }

  async function publishHub(): Promise<void> {
    const stats = ctx.stats.summary();
    await publisher?.state(topics.state(n, HUB), state.hubState(ctx.runtime.get(), stats));
    const last = state.lastRecovery(stats);
    if (last) await publisher?.state(topics.lastRecovery(n), last);
  }

  let downloadsShape = '';
  async function publishDownloads(force = false): Promise<void> {
    if (!publisher) return;
    const last = publisher.lastAt(topics.downloads(n));
    // A download that appears, leaves or changes state goes out at once; progress alone waits for the interval.
    const shape = state.downloads.map((d) => `${d.id}:${d.state}:${d.ignored}:${d.strikes.count}`).join('|');
    const shapeChanged = shape !== downloadsShape;
    downloadsShape = shape;
    if (!force && !shapeChanged && last !== undefined && now() - last < downloadsEvery) {
      downloadsDirty = true;
      return;
    }
    downloadsDirty = false;
    await publisher.state(topics.downloads(n), state.downloadsAttributes(topics.retryDownload(n)));
  }

  async function publishApp(id: string, refresh = false): Promise<void> {
    const i = ctx.apps.instance(id);
    if (!i || !publisher) return;
    const status = ctx.apps.status(id);
    // Until the first check is known say nothing: "offline" at every start would flap the app's entities.
    // A degraded app (SABnzbd paused for low disk) still answers, so its entities stay available.
    if (status && status.state !== 'unknown') {
      const online = status.state === 'connected' || status.state === 'degraded';
      await publisher.state(topics.availability(n, id), online ? 'online' : 'offline');
    }
    await publisher.state(topics.state(n, id), state.appState(i, status), refresh ? { refreshMs } : {});
  }

  async function publishAll(): Promise<void> {
    publisher?.reset();
    await syncDiscovery();
    await publishHub();
    await publishDownloads(true);
    for (const i of ctx.apps.instances()) await publishApp(i.id);
  }

  const safely = (what: string, p: Promise<unknown>) =>
    void p.catch((err: unknown) => log.warn(`MQTT: could not publish ${what}`, { err }));

  function onMessage(topic: string, payload: string): void {
    if (topic === topics.haStatus(n)) {
      if (payload.trim() !== 'online') return;
      log.info('Home Assistant came online; publishing discovery and states again');
      clearTimeout(birthTimer);
      const delay = opts.birthDelayMs ?? 1000 + Math.random() * 1000;
      birthTimer = setTimeout(() => safely('discovery', publishAll()), delay);
      return;
    }
    if (topic.endsWith('/config') && topic.startsWith(`${n.prefix}/`)) {
      // A retained config under our node that this run does not publish: a leftover from an earlier setup.
      if (payload !== '' && !current.has(topic)) {
        log.info(`Clearing a leftover Home Assistant entity config ${topic}`);
        safely('cleanup', publisher?.clear(topic) ?? Promise.resolve());
      }
      return;
    }
    if (topic.startsWith(`${n.base}/`) && topic.endsWith('/set')) void commands(topic, payload);
  }

  const commands = createCommandHandler({
    ctx,
    naming: n,
    clients: opts.clients ?? appClients(ctx),
    changed: async (id, patch) => {
      if (patch) {
        state.patchMetrics(id, patch);
        await publishApp(id);
      }
      await opts.refresh?.(id);
    },
  });

  async function tick(): Promise<void> {
    if (downloadsDirty) await publishDownloads();
  }

  async function onDownloadEvent(type: HubEventType, e: DownloadEvent): Promise<void> {
    const d = e.download;
    const data: MqttDownloadEvent = {
      event_type: type,
      download_id: d.id,
      title: d.title,
      app: d.app,
      instance: d.instanceId,
      media: d.media.label ?? null,
      reason: e.reason,
      strikes: d.strikes.count,
    };
    if (!publisher) return;
    await publisher.event(topics.event(n), data);
    if (type !== 'completed') await publisher.event(topics.trigger(n, type as TriggerType), data);
    await publishHub();
  }

  /** Connects and starts listening; called at start, or later when the Supervisor first names a broker. */
  function begin(broker: BrokerConfig): void {
    const l = new MqttLink(broker, topics.bridge(n), log, {
      onConnect: () => {
        safely(
          'discovery',
          (async () => {
            current = new Set(discovery().map((i) => topics.config(n, i)));
            await l.subscribe([topics.haStatus(n), topics.commandWildcard(n), topics.configWildcard(n)]);
            await publishAll();
          })(),
        );
      },
      onMessage,
    });
    link = l;
    publisher = new Publisher((t, p, o) => l.publish(t, p, o), now);
    const on = ctx.bus.on.bind(ctx.bus);
    offs.push(
      on('downloads.updated', (e) => {
        state.downloads = e.downloads;
        safely('downloads', Promise.all([publishHub(), publishDownloads()]));
      }),
      ...EVENT_TYPES.map((type) => on(`download.${type}`, (e) => onDownloadEvent(type, e))),
      on('app.metrics', (e) => {
        state.setMetrics(e);
        // Only SABnzbd has entities with expire_after; the others need no refresh while unchanged.
        safely('metrics', publishApp(e.instanceId, e.app === 'sabnzbd'));
      }),
      on('app.health_changed', (e) => {
        // A version learnt for the first time changes the device block: sync configs (unchanged ones are skipped).
        safely(
          'app health',
          syncDiscovery().then(() => publishApp(e.status.id)),
        );
      }),
      // The stats feature (started first) has already counted the event.
      on('audit.completed', () => publishHub()),
      on('settings.changed', (e) => {
        if (e.key === 'autoRecovery' || e.key === 'dryRun') safely('switches', publishHub());
      }),
    );
    l.start();
    timer = setInterval(() => void tick(), Math.min(downloadsEvery, 15_000));
    timer.unref();
  }

  return {
    name: 'mqtt',
    async start() {
      if (ctx.settings.mode === 'addon' && opts.supervisor) {
        const info = await opts.supervisor.selfInfo();
        if (info.ok && info.data.slug) hubUrl = `homeassistant://hassio/ingress/${info.data.slug}`;
      }
      const resolved = await resolveBroker(ctx.settings, opts.supervisor);
      offs.push(
        ctx.health.add(() => ({
          mqtt: link
            ? { state: link.state === 'connected' ? 'connected' : 'disconnected', message: link.message }
            : health,
        })),
      );
      if (!resolved.ok) {
        health = { state: 'disabled', message: resolved.message };
        log.warn(resolved.message);
        // In the add-on the Mosquitto app may be installed later: ask the Supervisor again now and then.
        if (ctx.settings.mode === 'addon' && opts.supervisor) {
          retryTimer = setInterval(() => {
            void resolveBroker(ctx.settings, opts.supervisor).then((r) => {
              if (!r.ok || link) return;
              clearInterval(retryTimer);
              log.info('The Supervisor now offers an MQTT broker; connecting');
              begin(r.broker);
            });
          }, opts.brokerRetryMs ?? 300_000);
          retryTimer.unref();
        }
        return;
      }
      begin(resolved.broker);
    },
    tick,
    sent: () => publisher?.sent ?? 0,
    connected: () => link?.connected ?? false,
    async stop() {
      clearInterval(timer);
      clearInterval(retryTimer);
      clearTimeout(birthTimer);
      for (const off of offs.splice(0)) off();
      await link?.stop();
      link = undefined;
      publisher = undefined;
    },
  };
}
