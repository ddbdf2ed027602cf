// What this process runs, from its role (AUTOARR_ROLE) and, with PostgreSQL, whether it leads. The composition root
// hands every feature to place(); the cluster feature runs the election, keeps a non-leading replica's view of the
// downloads fresh, serves the liveness and readiness probes and, with PostgreSQL, forwards actions to the leader
// (forward.ts) and shares live updates between replicas (live.ts; through Redis when REDIS_URL is set).
import os from 'node:os';
import type { EventBus } from '../bus/bus.js';
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { RouteMount } from '../http/app.js';
import { LIVE_EVENTS } from '../shared/events.js';
import { forwardedRoutes, forwarder } from './forward.js';
import { LeaderGate } from './gate.js';
import type { LiveFanout } from './live.js';
import { singleLeader, replicaId, type Leadership } from './leadership.js';
import { probeRoutes } from './probes.js';
import { rolePlan, type Role, type RolePlan } from './role.js';

/** worker: background work, only on the leader. api: REST and the web UI. mcp: the MCP server. */
export type PartKind = 'worker' | 'api' | 'mcp';

export interface Cluster {
  role: Role;
  plan: RolePlan;
  leadership: Leadership;
  /** The feature that runs the election and the probes; start it before the features it gates. */
  feature: Feature;
  /** PostgreSQL: the other replicas' live updates, for this replica's SSE stream. */
  remote?: EventBus;
  /** The feature as this process runs it, or undefined when its role does not include it. */
  place(kind: PartKind, feature: Feature): Feature | undefined;
}

export interface ClusterOptions {
  /** Where the database is, for the readiness message. */
  where: string;
  /** Re-reads the leader's downloads (monitor.reload) on a replica whose monitor does not run. */
  reloadDownloads: () => Promise<void>;
  /** PostgreSQL: re-reads the switches and thresholds (settings-sync.ts); the leader's monitor does it every poll. */
  syncSettings?: () => Promise<void>;
}

export async function createCluster(ctx: CoreContext, opts: ClusterOptions): Promise<Cluster> {
  const s = ctx.settings;
  const role = s.role ?? 'all';
  const plan = rolePlan(role);
  const log = ctx.log.child({ component: 'cluster' });
  const intervalMs = s.monitor.pollIntervalMs;
  const advertiseUrl = s.advertiseUrl ?? `http://${os.hostname()}:${s.port}`;
  const leadership: Leadership = !plan.worker
    ? notLeading(role, s.postgres ? 'postgres' : 'single')
    : s.postgres
      ? // Loaded only here, like the PostgreSQL store: SQLite users never load pg.
        (await import('./pg-election.js')).postgresLeadership({
          url: s.postgres.url,
          where: opts.where,
          intervalMs,
          log,
          advertiseUrl: () => advertiseUrl,
        })
      : singleLeader();
  const replica = leadership.status().replica;
  let live: LiveFanout | undefined;
  if (s.postgres) {
    // A command with no handler here (this replica does not lead) is carried out by the leader.
    ctx.commands.setElsewhere(forwarder({ kv: ctx.kv, replica, apiToken: ctx.apiToken }));
    // Redis when REDIS_URL is set, else the database's LISTEN/NOTIFY; each loaded only when used.
    const transport = s.redis
      ? (await import('./redis-live.js')).redisLiveTransport({
          url: s.redis.url,
          shown: s.redis.shown,
          retryMs: intervalMs,
          log,
        })
      : (await import('./pg-live.js')).pgLiveTransport({
          url: s.postgres.url,
          where: opts.where,
          retryMs: intervalMs,
          log,
        });
    live = (await import('./live.js')).liveFanout({
      transport,
      replica,
      bus: ctx.bus,
      events: LIVE_EVENTS,
      isLeader: () => leadership.isLeader(),
      reloadDownloads: opts.reloadDownloads,
      ...(opts.syncSettings ? { settingsChanged: opts.syncSettings } : {}),
      log,
    });
  }
  const gate = s.postgres && plan.worker ? new LeaderGate(leadership, log) : undefined;
  // A replica whose monitor never runs here, or not right now, shows the leader's downloads from the database.
  const follows = plan.api || plan.mcp ? () => !leadership.isLeader() : undefined;
  let timer: NodeJS.Timeout | undefined;
  let offHealth: (() => void) | undefined;
  let offLiveHealth: (() => void) | undefined;

  async function follow(): Promise<void> {
    if (!leadership.isLeader()) await opts.syncSettings?.();
    if (!follows?.()) return;
    await opts
      .reloadDownloads()
      .catch((err: unknown) =>
        log.warn("The leader's downloads could not be read from the database; the next poll tries again", { err }),
      );
  }

  const feature: Feature = {
    name: 'cluster',
    async start() {
      if (gate) {
        gate.watch();
        offHealth = ctx.health.add(() => (gate.problems.length ? { problems: [...gate.problems] } : {}));
      }
      await leadership.start();
      if (live) {
        const l = live;
        offLiveHealth = ctx.health.add(() => {
          const problem = l.problem();
          return problem ? { problems: [problem] } : {};
        });
        await l.start();
      }
      if (s.postgres || (follows && !plan.worker)) {
        await follow();
        timer = setInterval(() => void follow(), intervalMs);
        timer.unref();
      }
    },
    async stop() {
      clearInterval(timer);
      await live?.stop();
      offLiveHealth?.();
      await leadership.stop();
      gate?.unwatch();
      offHealth?.();
    },
    routes: (): RouteMount[] => [
      {
        path: '/api/health',
        access: 'self',
        router: probeRoutes({ db: ctx.db, leadership, role, version: s.version, where: opts.where }),
      },
      // The leader's side of forwarding (API token required, like the rest of the API).
      ...(s.postgres ? [{ path: '/api/cluster', router: forwardedRoutes(ctx.commands) }] : []),
    ],
  };

  return {
    role,
    plan,
    leadership,
    feature,
    ...(live ? { remote: live.remote } : {}),
    place(kind, f) {
      if (kind === 'api') return plan.api ? f : undefined;
      if (kind === 'mcp') return plan.mcp ? f : undefined;
      if (plan.worker) return gate ? gate.wrap(f) : f;
      // An api replica still answers the worker parts' REST (downloads, activity, audit, apps) from the database.
      return plan.api ? dormant(f) : undefined;
    },
  };
}

/** A worker part on a replica that never runs it: its routes only. */
function dormant(f: Feature): Feature {
  return {
    name: f.name,
    start: () => undefined,
    stop: () => undefined,
    ...(f.routes ? { routes: () => f.routes!() } : {}),
  };
}

/** AUTOARR_ROLE=api or mcp: never the leader; says so in readiness. */
function notLeading(role: Role, mode: 'single' | 'postgres'): Leadership {
  const replica = replicaId();
  return {
    isLeader: () => false,
    onChange: () => () => undefined,
    status: () => ({
      mode,
      replica,
      leader: false,
      note: `AUTOARR_ROLE=${role} does not run the monitor; a replica with AUTOARR_ROLE=all or worker leads`,
    }),
    start: async () => undefined,
    stop: async () => undefined,
  };
}
