// The download monitor feature: polls SABnzbd and every *arr, runs the pure rules, acts behind the safety
// switches, and publishes the unified view (bus events, REST, commands). tick() is what the timer calls and
// what tests call directly; ticks never overlap.
import type { CoreContext } from '../core/context.js';
import { UserError } from '../core/errors.js';
import type { Feature } from '../core/feature.js';
import type { ActivityEntry, Download, DownloadFilter } from '../shared/types.js';
import { registerMonitorCommands } from './commands.js';
import { evaluate } from './engine.js';
import { mediaName } from './explain.js';
import { Executor, type ActionDecision, type ExecResult } from './executor.js';
import type { MonitorSettings } from '../settings/settings.js';
import type { ItemState, MonitorEventName, Snapshot } from './model.js';
import { portsFromRegistry, type MonitorPorts } from './ports.js';
import { reconcile } from './reconcile.js';
import { downloadRoutes, activityRoutes } from './routes.js';
import { SnapshotReader } from './sources.js';
import { MonitorStore, type PendingAction } from './store.js';
import { fingerprint, matches, toDownload } from './view.js';

export interface MonitorView {
  list(filter?: DownloadFilter): Download[];
  get(id: string): Download | undefined;
  /** The download's activity, oldest first. */
  timeline(id: string): Promise<ActivityEntry[]>;
}

export interface Monitor {
  feature: Feature;
  view: MonitorView;
  /** One poll: read, judge, act, publish. Concurrent calls share the running tick. */
  tick(): Promise<void>;
  /**
   * Re-reads the downloads the leader saved, for a replica that does not run the monitor itself (a follower, or
   * AUTOARR_ROLE=api|mcp), so its REST, UI and MCP show what the leader sees. Never called while the monitor runs.
   */
  reload(): Promise<void>;
}

/** What commands and routes may do to the monitor; nothing else reaches its state. */
export interface MonitorControl {
  view: MonitorView;
  retry(id: string, by: string): Promise<{ ok: boolean; message: string }>;
  ignore(id: string, ignored: boolean, by: string): Promise<{ ok: boolean; message: string }>;
  remove(id: string, blocklist: boolean, by: string): Promise<{ ok: boolean; message: string }>;
  retryStalled(by: string): Promise<{ ok: boolean; message: string; count: number }>;
}

export interface MonitorOptions {
  /** Replaces the registry's clients (benchmarks and tests use in-memory fakes). */
  ports?: () => MonitorPorts;
  /** Poll on a timer after start() (default true); tests call tick() themselves. */
  autoTick?: boolean;
  /** How long stop() lets a running action finish before it stops waiting for the app (default 2 s). */
  stopGraceMs?: number;
  /** Replicas: takes switches and thresholds changed on another replica, before each poll decides anything. */
  beforePoll?: () => Promise<void>;
}

export function createMonitor(ctx: CoreContext, opts: MonitorOptions = {}): Monitor {
  const ms = ctx.settings.monitor;
  // The monitor's own copy: the options, with the thresholds as ctx.thresholds has them now. A change there
  // (settings.changed) is copied in and drops the view's cache, so no Download keeps an old strikes.max.
  const rules: MonitorSettings = { ...ms, ...ctx.thresholds.get() };
  const now = () => ctx.now().getTime();
  const log = ctx.log.child({ component: 'monitor' });
  const ports = opts.ports ?? (() => portsFromRegistry(ctx.apps));
  const store = new MonitorStore(ctx.db, now);
  const reader = new SnapshotReader(Math.max(60_000, ms.pollIntervalMs), (e) => ctx.bus.emit('app.polled', e));
  const exec = new Executor({
    store,
    activity: ctx.activity,
    log,
    runtime: () => ctx.runtime.get(),
    settings: rules,
    now,
  });
  let items = new Map<string, ItemState>();
  let loaded: Promise<void> | undefined;
  let running: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let startedBefore = false;
  let cleanups: Array<() => void> = [];
  let lastPrune = 0;
  /** Actions AutoArr was in the middle of when it last stopped, until they are settled against the apps. */
  let unsettled: PendingAction[] = [];

  // Download objects are rebuilt only for items whose fingerprint changed (a 1 000-item queue changes one or two
  // items per poll); `dirty` says whether downloads.updated must go out.
  const cache = new Map<string, { fp: string; d: Download }>();
  let dirty = false;
  function refresh(): Download[] {
    for (const id of cache.keys()) {
      if (!items.has(id)) {
        cache.delete(id);
        dirty = true;
      }
    }
    const out: Download[] = [];
    for (const item of items.values()) {
      const fp = fingerprint(item);
      let c = cache.get(item.id);
      if (c?.fp !== fp) {
        c = { fp, d: toDownload(item, rules, ctx.runtime.get()) };
        cache.set(item.id, c);
        dirty = true;
      }
      out.push(c.d);
    }
    return out;
  }

  const view: MonitorView = {
    list: (filter = {}) => refresh().filter((d) => matches(d, filter)),
    get: (id) => {
      const i = items.get(id);
      return i ? toDownload(i, rules, ctx.runtime.get()) : undefined;
    },
    timeline: async (id) => (await ctx.activity.list({ downloadId: id, pageSize: 200 })).items.reverse(),
  };

  /** Runs fn after everything queued before it (ticks and commands never interleave). */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  function load(): Promise<void> {
    loaded ??= (async () => {
      items = await store.loadItems();
      // Settled in the first poll in which their app answers (reconcile.ts), never repeated blindly. Kept across a
      // reload (a replica leading again), so none is forgotten.
      const taken = await store.takeInterrupted();
      const known = new Set(unsettled.map((a) => a.id));
      unsettled = [...unsettled, ...taken.filter((a) => !known.has(a.id))];
    })();
    return loaded;
  }

  type Ev = { event: MonitorEventName; id: string; reason: string };

  /** Writes a transition to the activity log at the moment it is decided, so the log reads in order. */
  async function logEvent(e: Ev): Promise<void> {
    const download = view.get(e.id);
    if (!download) return;
    await ctx.activity.add({
      kind: e.event === 'download.recovering' ? 'action' : 'detect',
      action: e.event.replace('download.', ''),
      message: `${mediaName(download)}: ${e.reason}`,
      downloadId: e.id,
      instanceId: download.instanceId,
      title: download.title,
      evidence: {
        state: download.state,
        strikes: download.strikes.count,
        explanation: download.explanation,
        ...(download.recovery ? { recovery: download.recovery } : {}),
      },
    });
  }

  /** Emits the bus events once the state is saved, then downloads.updated if the view changed. */
  async function publish(events: Ev[]): Promise<void> {
    for (const e of events) {
      const download = view.get(e.id);
      if (download) ctx.bus.emit(e.event, { download, reason: e.reason });
    }
    const list = refresh();
    if (dirty) {
      dirty = false;
      ctx.bus.emit('downloads.updated', { downloads: list });
    }
  }

  /**
   * A SABnzbd-wide pause is a health problem (R11): logged once when it starts and ends. Its outages are the app
   * health feature's entries (one per start and end, issue 16); while SABnzbd does not answer its pause is unknown.
   */
  const sabPaused = new Map<string, boolean>();
  async function noteSabPause(sabs: Snapshot['sabs']): Promise<void> {
    for (const s of sabs) {
      if (s.error || s.paused === (sabPaused.get(s.instanceId) ?? false)) continue;
      sabPaused.set(s.instanceId, s.paused);
      await ctx.activity.add({
        kind: 'system',
        action: s.paused ? 'sab_paused' : 'sab_resumed',
        message: s.paused
          ? `${s.name} is paused (${s.pauseReason ?? 'no reason given'}) — no strikes on its downloads until it resumes`
          : `${s.name} is downloading again`,
        instanceId: s.instanceId,
        evidence: { paused: s.paused, diskFreeBytes: s.diskFreeBytes },
      });
    }
  }

  async function runTick(): Promise<void> {
    await opts.beforePoll?.();
    await load();
    const p = ports();
    const snap = await reader.read(p, now());
    await noteSabPause(snap.sabs);
    if (unsettled.length)
      unsettled = await reconcile(unsettled, items, snap, p, { store, activity: ctx.activity, log, exec });
    // A download whose interrupted action is not settled yet (its app did not answer) is not acted on.
    const unsettledIds = new Set(unsettled.map((a) => a.downloadId));
    const res = evaluate(items, snap, rules);
    items = res.items;
    const events: Array<{ event: MonitorEventName; id: string; reason: string }> = [];
    for (const d of res.decisions) {
      if (d.kind === 'event') {
        events.push(d);
        await logEvent(d);
      } else if (d.kind === 'note') {
        const item = d.id ? items.get(d.id) : undefined;
        await ctx.activity.add({
          kind: 'detect',
          action: d.action,
          message: d.message,
          instanceId: d.instanceId,
          evidence: d.evidence,
          ...(d.id ? { downloadId: d.id } : {}),
          ...(item ? { title: item.title } : {}),
        });
      } else {
        const item = items.get(d.id);
        if (!item || exec.stopping || unsettledIds.has(d.id)) continue;
        const r = await exec.run(d, item, p);
        events.push(...r.events);
        for (const e of r.events) await logEvent(e);
      }
    }
    await store.save(items);
    await publish(events);
    // Finished action rows are only needed for the hourly cap and the restart check; keep a week.
    if (snap.now - lastPrune > 3_600_000) {
      lastPrune = snap.now;
      await store.pruneActions(snap.now - 7 * 24 * 3_600_000);
    }
  }

  /** Only a running monitor acts: on a replica that does not lead, an action would race the leader's. */
  function refuseUnlessRunning(): void {
    if (!stopped) return;
    throw new UserError(
      'monitor_not_running',
      'The download monitor is not running in this AutoArr process (it is stopping, another replica leads, or ' +
        'AUTOARR_ROLE leaves the monitor out), so nothing was done. Send the action to the leader: ' +
        '/api/health/ready on each replica says which one leads.',
      503,
    );
  }

  async function act(id: string, fn: (item: ItemState, p: MonitorPorts) => Promise<ExecResult>): Promise<ExecResult> {
    refuseUnlessRunning();
    return serial(async () => {
      refuseUnlessRunning();
      await load();
      const item = items.get(id);
      if (!item) return { ok: false, message: `No download with id ${id} is being watched`, events: [] };
      const r = await fn(item, ports());
      for (const e of r.events) await logEvent(e);
      await store.save(items);
      await publish(r.events);
      return r;
    });
  }

  const retryDecision = (item: ItemState): ActionDecision =>
    item.app === 'sabnzbd'
      ? { kind: 'sab_retry', id: item.id, reason: 'asked by a person' }
      : item.recovery?.phase === 'watching'
        ? { kind: 'search_again', id: item.id, reason: 'asked by a person' }
        : { kind: 'recover', id: item.id, reason: 'asked by a person', evidence: { strikes: item.strikes } };

  const control: MonitorControl = {
    view,
    async retry(id, by) {
      const r = await act(id, (item, p) => exec.run(retryDecision(item), item, p, true));
      log.info(`Retry of ${id} asked by ${by}: ${r.message}`);
      return { ok: r.ok, message: r.message };
    },
    async ignore(id, ignored, by) {
      const r = await act(id, async (item) => {
        item.ignored = ignored;
        await ctx.activity.add({
          kind: 'action',
          action: ignored ? 'ignore' : 'unignore',
          message: `${mediaName(item)} is ${ignored ? 'now ignored: AutoArr reports it but never acts on it' : 'no longer ignored'} (by ${by})`,
          downloadId: id,
          instanceId: item.instanceId,
          title: item.title,
        });
        return {
          ok: true,
          message: ignored ? `${mediaName(item)} is ignored` : `${mediaName(item)} is no longer ignored`,
          events: [],
        };
      });
      return { ok: r.ok, message: r.message };
    },
    async remove(id, blocklist, by) {
      const r = await act(id, (item, p) => exec.remove(item, p, blocklist));
      log.info(`Removal of ${id} asked by ${by}: ${r.message}`);
      return { ok: r.ok, message: r.message };
    },
    async retryStalled(by) {
      refuseUnlessRunning();
      const ids = [...items.values()]
        .filter(
          (i) =>
            (i.state === 'stalled' ||
              i.state === 'failed' ||
              (i.state === 'import_blocked' && i.strikes >= rules.maxStrikes)) &&
            i.recovery?.phase !== 'watching' &&
            !i.ignored,
        )
        .map((i) => i.id);
      let count = 0;
      for (const id of ids) if ((await control.retry(id, by)).ok) count++;
      return {
        ok: count === ids.length,
        message: `${count} of ${ids.length} stalled or failed downloads retried`,
        count,
      };
    },
  };

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void monitor.tick().finally(schedule);
    }, ms.pollIntervalMs);
    timer.unref();
  }

  const feature: Feature = {
    name: 'monitor',
    async start() {
      stopped = false;
      exec.stopping = false;
      // A replica that becomes the leader again reads the state afresh (another leader may have acted meanwhile).
      if (startedBefore) loaded = undefined;
      startedBefore = true;
      await load();
      cleanups = registerMonitorCommands(ctx.commands, control);
      cleanups.push(
        ctx.bus.on('settings.changed', ({ key }) => {
          if (key === 'thresholds') Object.assign(rules, ctx.thresholds.get());
          else if (key !== 'autoRecovery' && key !== 'dryRun') return;
          // Explanations follow the switches (view.ts): everyone gets the new wording now, not at the next poll.
          cache.clear();
          dirty = true;
          if (key !== 'thresholds')
            void serial(async () => {
              await load();
              await publish([]);
            });
        }),
      );
      if (opts.autoTick !== false) void monitor.tick().finally(schedule);
    },
    async stop() {
      stopped = true;
      exec.stopping = true;
      clearTimeout(timer);
      for (const c of cleanups) c();
      cleanups = [];
      // Let the running tick finish its current step (it starts no new action). A call that hangs longer is given up:
      // its action row stays pending and the next start settles it against the apps, so no attempt is lost.
      const wait = (ms: number) => new Promise<false>((r) => setTimeout(() => r(false), ms).unref());
      const done = queue.then(() => true);
      if (!(await Promise.race([done, wait(opts.stopGraceMs ?? 2_000)]))) {
        exec.abortAll();
        await Promise.race([done, wait(10_000)]);
      }
      await store.save(items).catch((err: unknown) => log.warn('Monitor state could not be saved at stop', { err }));
    },
    routes: () => [
      { path: '/api/downloads', router: downloadRoutes(control, ctx.commands) },
      { path: '/api/activity', router: activityRoutes(ctx.activity) },
    ],
  };

  const monitor: Monitor = {
    feature,
    view,
    tick() {
      running ??= serial(runTick)
        .catch((err: unknown) => log.error('Monitor poll failed; the next one runs as usual', { err }))
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    reload() {
      return serial(async () => {
        if (!stopped) return;
        items = await store.loadItems();
        await publish([]);
      });
    },
  };
  return monitor;
}

/** The feature alone, for the composition root's features array. */
export const monitorFeature = (ctx: CoreContext): Feature => createMonitor(ctx).feature;
