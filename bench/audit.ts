// Audit figures: evaluating the whole catalogue (pure), and a full run / fix-all against the simulated stack.
import { ActivityLog } from '../autoarr/src/activity/activity-log.js';
import { createAppRegistry } from '../autoarr/src/apps/registry.js';
import { goodStack } from '../autoarr/src/audit/__tests__/fixtures.js';
import { evaluate } from '../autoarr/src/audit/engine.js';
import { catalogue } from '../autoarr/src/audit/rules/index.js';
import { createAuditService } from '../autoarr/src/audit/service.js';
import { AuditStore } from '../autoarr/src/audit/store.js';
import { EventBus } from '../autoarr/src/bus/bus.js';
import { openDatabase } from '../autoarr/src/db/database.js';
import { memoryLogger } from '../autoarr/src/log/logger.js';
import { settingsForSim, startSimStack } from '../autoarr/src/sim/index.js';

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function run(): Promise<Record<string, number | string>> {
  const rules = catalogue();
  const stack = goodStack();
  for (let i = 0; i < 300; i++) evaluate(rules, stack); // warm-up (JIT)
  const pure: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    evaluate(rules, stack);
    pure.push(performance.now() - t);
  }

  const sim = await startSimStack({ speed: 0, scenario: 'bad_settings' });
  const log = memoryLogger('error');
  const bus = new EventBus(log);
  const { db } = await openDatabase(':memory:', log);
  const registry = createAppRegistry(settingsForSim(sim), bus, log, { client: { retryBaseMs: 1, timeoutMs: 5_000 } });
  const apps = {
    instances: () => registry.instances().map((i) => ({ id: i.id, app: i.app, name: i.name })),
    sabnzbd: (id: string) => registry.sabnzbd(id),
    sonarr: (id: string) => registry.sonarr(id),
    radarr: (id: string) => registry.radarr(id),
    plex: (id: string) => registry.plex(id),
  };
  const service = createAuditService({
    apps,
    store: new AuditStore(db),
    bus,
    activity: new ActivityLog(db, bus),
    log,
    rules,
    now: () => new Date(),
  });
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    findings = (await service.run()).findings.length;
    runs.push(performance.now() - t);
  }
  const t = performance.now();
  const all = await service.fixAllSafe();
  const fixAllMs = performance.now() - t;
  await registry.close();
  await db.destroy();
  await sim.stop();
  return {
    rules: rules.length,
    evaluate_catalogue_ms_p50: pct(pure, 0.5),
    evaluate_catalogue_ms_p95: pct(pure, 0.95),
    run_against_sim_ms_p50: pct(runs, 0.5),
    run_against_sim_ms_max: Math.max(...runs),
    findings_bad_settings: findings,
    fix_all_safe_ms: fixAllMs,
    fix_all_safe_changes: all.results.filter((r) => r.change).length,
  };
}
