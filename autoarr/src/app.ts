// The composition root: builds the database, the app clients and the event bus, then starts every feature in
// order and stops them in reverse. Each feature gets the one CoreContext; nothing reads a global.
import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { activityRetentionFeature } from './activity/retention-feature.js';
import { appHealthFeature } from './apps/health-feature.js';
import { sabnzbdControlsFeature } from './apps/sabnzbd/controls.js';
import { createMonitor } from './monitor/monitor.js';
import { createAudit } from './audit/feature.js';
import { createCluster } from './cluster/compose.js';
import { settingsSync } from './cluster/settings-sync.js';
import { buildContext } from './core/build-context.js';
import type { CoreContext } from './core/context.js';
import type { Feature } from './core/feature.js';
import { startFeatures } from './core/lifecycle.js';
import { openStore } from './db/database.js';
import { KvStore } from './db/kv.js';
import { storageFeature } from './db/storage-feature.js';
import { createHttpApp, type RouteMount } from './http/app.js';
import { webFeature } from './http/web-feature.js';
import { homeAssistantLinks } from './ha/links.js';
import { mqttFeature } from './ha/mqtt/mqtt-feature.js';
import { notificationsFeature } from './ha/notify/notifications-feature.js';
import { supervisorDiscoveryFeature } from './ha/supervisor/discovery-feature.js';
import { haWebsocketFeature } from './ha/websocket/websocket-feature.js';
import type { Logger } from './log/logger.js';
import { explainFeature } from './explain/feature.js';
import { mcpFeature } from './mcp/feature.js';
import { createMetrics } from './metrics/metrics-feature.js';
import { registerSecret } from './log/redact.js';
import { requestFeature } from './request/feature.js';
import { llmFrom } from './request/llm/index.js';
import { interpreterOf } from './request/llm/interpreter.js';
import { statsFeature } from './stats/feature.js';
import type { Settings } from './settings/settings.js';

export interface AutoArr {
  ctx: CoreContext;
  http: ReturnType<typeof createHttpApp>;
  /** The port actually bound (useful with PORT=0). */
  port(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Listen on a socket (default true); tests may use app.request() instead. */
  listen?: boolean;
  now?: () => Date;
  /** Extra features (the demo adds its own); started after the built-in ones. */
  extraFeatures?: (ctx: CoreContext) => Feature[];
}

export async function startAutoArr(settings: Settings, log: Logger, opts: StartOptions = {}): Promise<AutoArr> {
  const now = opts.now ?? (() => new Date());
  const { db, health: storage, where } = await openStore(settings, log);
  const kv = new KvStore(db);
  const apiToken = settings.apiToken ?? (await storedToken(kv));
  registerSecret(apiToken);
  let currentToken = apiToken;

  const ctx = await buildContext({
    settings,
    log,
    db,
    kv,
    apiToken: () => currentToken,
    rotateApiToken: async () => {
      currentToken = randomBytes(24).toString('base64url');
      registerSecret(currentToken);
      await kv.set('api_token', currentToken);
      return currentToken;
    },
    now,
  });

  // Data flows one way: clients → monitor / audit (state + events) → bus → HA, UI, MCP. MCP gets the monitor's
  // read-only view and the audit service; it acts only through them and the command path.
  // Replicas: a switch or threshold changed on another replica reaches this one's memory (cluster/settings-sync.ts).
  const syncSettings = settings.postgres ? settingsSync(ctx, log.child({ component: 'cluster' })) : undefined;
  const monitor = createMonitor(ctx, syncSettings ? { beforePoll: syncSettings } : {});
  const audit = createAudit(ctx);
  // One LLM client for requests and explanations, so a rate limit met by either holds both back until it ends.
  const llm = llmFrom(settings, now);
  const explain = explainFeature(ctx, { view: monitor.view, audit: audit.service, ...(llm ? { llm } : {}) });
  const metrics = createMetrics(ctx);
  const ha = homeAssistantLinks(ctx);
  // AUTOARR_ROLE picks the parts; with PostgreSQL the worker parts run only on the elected leader (cluster/).
  const cluster = await createCluster(ctx, {
    where,
    reloadDownloads: () => monitor.reload(),
    ...(syncSettings ? { syncSettings } : {}),
  });
  const worker = (f: Feature) => cluster.place('worker', f);
  // Every feature, in start order (stopped in reverse); this list is the one place features are put together.
  const features: Feature[] = [
    storageFeature(ctx, storage),
    cluster.feature,
    worker(activityRetentionFeature(ctx)),
    worker(appHealthFeature(ctx)),
    // Before the monitor and audit that feed it and the MQTT that reads it: an event is counted before it is shown.
    worker(statsFeature(ctx)),
    worker(monitor.feature),
    worker(audit.feature),
    cluster.place('api', requestFeature(ctx, llm ? { llm: interpreterOf(llm) } : {})),
    cluster.place('api', explain),
    worker(sabnzbdControlsFeature(ctx)),
    cluster.place('api', webFeature(ctx, { remote: cluster.remote })),
    // Home Assistant: stack metrics, MQTT, the websocket events bridge, notifications, the Supervisor discovery.
    worker(metrics.feature),
    worker(mqttFeature(ctx, { supervisor: ha.supervisor, refresh: (id) => metrics.pollNow(id) })),
    worker(
      haWebsocketFeature(ctx, ha.link, {
        disabledMessage: 'Home Assistant events are off; set HA_URL and HA_TOKEN to turn them on',
        uiLink: ha.uiLink,
        prepare: ha.prepare,
      }),
    ),
    worker(notificationsFeature(ctx, ha.link, { link: ha.uiLink })),
    worker(supervisorDiscoveryFeature(ctx, ha.supervisor)),
    cluster.place('mcp', mcpFeature(ctx, { view: monitor.view, audit: audit.service, explain: explain.service })),
    ...(opts.extraFeatures?.(ctx) ?? []),
  ].filter((f): f is Feature => f !== undefined);
  const lifecycle = await startFeatures(features, log, ctx.health);
  const mounts: RouteMount[] = lifecycle.mounts;
  const stopFeatures = () => lifecycle.stop();
  const http = createHttpApp(ctx, mounts, { ui: cluster.plan.api });
  let server: ServerType | undefined;
  let boundPort = settings.port;
  if (opts.listen !== false) {
    try {
      server = await new Promise<ServerType>((resolve, reject) => {
        const s = serve({ fetch: http.fetch, port: settings.port, hostname: settings.host }, (info) => {
          boundPort = info.port;
          resolve(s);
        });
        s.once('error', reject);
      });
    } catch (err) {
      // Without a socket nothing else should keep running (timers, MQTT): undo the start, then say what to do.
      await stopFeatures();
      await db.destroy();
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'EADDRINUSE'
          ? `port ${settings.port} is already in use; stop the other program or set PORT to a free port`
          : `could not listen on ${settings.host}:${settings.port} (${(err as Error).message})`,
      );
    }
    log.info(`AutoArr ${settings.version} is listening on http://${settings.host}:${boundPort}`);
  }

  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    stopping ??= (async () => {
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          // Idle keep-alive and long-lived (SSE) connections would hold close() open.
          (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
      await stopFeatures();
      await db.destroy();
      log.info('AutoArr stopped');
    })();
    return stopping;
  }

  return { ctx, http, port: () => boundPort, stop };
}

async function storedToken(kv: KvStore): Promise<string> {
  const existing = await kv.get<string>('api_token');
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  await kv.set('api_token', token);
  return token;
}
