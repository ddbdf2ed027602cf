// The audit feature: runs on a schedule (settings.audit.intervalHours, daily by default), on demand and after every
// fix; registers the audit commands (MQTT button, MCP, UI) and serves /api/audit. createAudit(ctx) also hands out
// the AuditService for other features (MCP) to use.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AuditApps } from './io.js';
import { auditRoutes } from './routes.js';
import { catalogue } from './rules/index.js';
import { createAuditService, type AuditService } from './service.js';
import { AuditStore } from './store.js';
import type { Rule } from './types.js';

export interface AuditOptions {
  /** Replaces the app clients (tests). */
  apps?: AuditApps;
  rules?: Rule[];
  /** How often the schedule checks whether a run is due (default 10 minutes). */
  checkEveryMs?: number;
  /** Run at start when the last run is older than the interval (default true). */
  runAtStart?: boolean;
  /** Wait before that first look, so the connection tests at boot finish first (default 20 s). */
  startDelayMs?: number;
}

export interface AuditFeature extends Feature {
  /** Runs the audit when the last run is older than the interval; the timer calls this, tests may too. */
  tick(): Promise<boolean>;
}

export function auditAppsFrom(ctx: CoreContext): AuditApps {
  return {
    instances: () => ctx.apps.instances().map((i) => ({ id: i.id, app: i.app, name: i.name })),
    sabnzbd: (id) => ctx.apps.sabnzbd(id),
    sonarr: (id) => ctx.apps.sonarr(id),
    radarr: (id) => ctx.apps.radarr(id),
    plex: (id) => ctx.apps.plex(id),
  };
}

export function createAudit(
  ctx: CoreContext,
  opts: AuditOptions = {},
): { feature: AuditFeature; service: AuditService } {
  const log = ctx.log.child({ component: 'audit' });
  const intervalMs = ctx.settings.audit.intervalHours * 3_600_000;
  const store = new AuditStore(ctx.db);
  let lastRunAt: number | undefined;
  const service = createAuditService({
    apps: opts.apps ?? auditAppsFrom(ctx),
    store,
    bus: ctx.bus,
    activity: ctx.activity,
    log,
    rules: opts.rules ?? catalogue(),
    now: ctx.now,
    nextRunAt: () => (lastRunAt === undefined ? undefined : new Date(lastRunAt + intervalMs).toISOString()),
  });
  const remember = <T extends { finishedAt?: string }>(v: T) => {
    if (v.finishedAt) lastRunAt = Date.parse(v.finishedAt);
    return v;
  };

  let timer: NodeJS.Timeout | undefined;
  let first: NodeJS.Timeout | undefined;
  let stopped = false;
  let offs: Array<() => void> = [];
  let running: Promise<boolean> | undefined;

  async function tick(): Promise<boolean> {
    if (running) return running;
    running = (async () => {
      if (lastRunAt === undefined) {
        const t = await store.latestRunTime();
        lastRunAt = t ? Date.parse(t) : 0;
      }
      if (ctx.now().getTime() - lastRunAt < intervalMs) return false;
      remember(await service.run({ trigger: 'schedule', by: 'schedule' }));
      return true;
    })()
      .catch((err: unknown) => {
        log.error('The scheduled audit failed; it is tried again at the next check', { err });
        return false;
      })
      .finally(() => (running = undefined));
    return running;
  }

  const feature: AuditFeature = {
    name: 'audit',
    tick,
    start() {
      stopped = false;
      offs = [
        // Every run (also after fixes) moves the schedule, so "daily" means a day after the last look.
        ctx.bus.on('audit.completed', () => void (lastRunAt = ctx.now().getTime())),
        ctx.commands.register('audit.run', async ({ by }) => {
          const run = remember(await service.run({ trigger: 'manual', by }));
          const score = run.score === null ? 'no app could be read' : `score ${run.score} %`;
          return { ok: true, message: `Audit done: ${score}, ${run.findings.length} findings`, runId: run.id };
        }),
        ctx.commands.register('audit.fix', ({ findingId, dryRun, by }) => service.fix(findingId, { dryRun, by })),
        ctx.commands.register('audit.fix_all_safe', ({ dryRun, by }) => service.fixAllSafe({ dryRun, by })),
        ctx.commands.register('audit.rollback', ({ changeId, by }) => service.rollback(changeId, { by })),
      ];
      if (opts.runAtStart !== false) {
        first = setTimeout(() => void tick(), opts.startDelayMs ?? 20_000);
        first.unref();
      }
      const every = opts.checkEveryMs ?? 600_000;
      timer = setInterval(() => {
        if (!stopped) void tick();
      }, every);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      for (const off of offs.splice(0)) off();
      // Let a run in progress finish writing before the database closes.
      await running;
    },
    routes: () => [{ path: '/api/audit', router: auditRoutes(service) }],
  };
  return { feature, service };
}
