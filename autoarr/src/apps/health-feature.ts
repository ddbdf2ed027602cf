// App health: tests every connection at start and every minute, and follows each monitor poll at once (app.polled),
// so /api/health, the entities and the UI change with the poll that saw a fault, not up to a minute later. Each
// change of an app's state is one activity entry (an outage, its end), never one per poll; this is the only writer
// of outage entries. SABnzbd pausing itself (degraded) and resuming are the monitor's entries (sab_paused,
// sab_resumed, with why and what it means for strikes), so one pause is one entry.
// Also serves /api/apps (list + on-demand test) and closes the clients' connections on stop.
import type { BusEvents } from '../bus/events.js';
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AppState, AppStatus } from '../shared/types.js';
import { appRoutes } from './routes.js';

const WORDS: Record<AppState, string> = {
  connected: 'connected',
  degraded: 'answering but not working',
  unreachable: 'not answering',
  auth_failed: 'refusing the API key',
  unsupported: 'answering in a way AutoArr does not understand',
  wrong_app: 'pointed at the wrong app',
  disabled: 'switched off',
  unknown: 'not checked yet',
};

const isFault = (s: AppState | undefined) => s !== undefined && s !== 'connected' && s !== 'unknown';

/** Into degraded from no fault, or back: SABnzbd paused itself or resumed, which the monitor logs from its poll. */
const pauseOnly = (from: AppState | undefined, to: AppState) =>
  (to === 'degraded' && !isFault(from)) || (from === 'degraded' && to === 'connected');

/** Faults during which the monitor holds the strike clock of the app's downloads (monitor/outage.ts). */
const HOLDS_STRIKES: ReadonlySet<AppState> = new Set(['unreachable', 'auth_failed', 'wrong_app']);
const holdsStrikes = (s: AppStatus) => s.app !== 'plex' && HOLDS_STRIKES.has(s.state);

export function appHealthFeature(ctx: CoreContext, intervalMs = 60_000): Feature {
  let timer: NodeJS.Timeout | undefined;
  const offs: Array<() => void> = [];
  /** When each instance's current fault began (ms), for "answers again after 4 min". */
  const since = new Map<string, number>();
  const run = () => ctx.apps.testAll().catch((err: unknown) => ctx.log.error('App connection check failed', { err }));

  async function note({ status, previous }: BusEvents['app.health_changed']): Promise<void> {
    if (status.state === previous?.state) return;
    const now = ctx.now().getTime();
    // Start-up: "unknown → connected" is no news.
    if (!isFault(status.state) && !isFault(previous?.state)) return;
    if (pauseOnly(previous?.state, status.state)) return;
    let message: string;
    if (isFault(status.state)) {
      since.set(status.id, since.get(status.id) ?? now);
      message = `${status.name} is ${WORDS[status.state]}: ${status.message ?? 'no details'}`;
      if (holdsStrikes(status)) message += `. Until it is back, AutoArr adds no strikes to its downloads.`;
    } else {
      const began = since.get(status.id);
      since.delete(status.id);
      const mins = began === undefined ? undefined : Math.round((now - began) / 60_000);
      const after = mins === undefined ? '' : mins < 1 ? ' after less than a minute' : ` after ${mins} min`;
      const again = previous?.state === 'degraded' ? 'works normally again' : 'is connected again';
      message = `${status.name} ${again}${after}`;
    }
    await ctx.activity.add({
      kind: 'system',
      action: `app_${status.state}`,
      message,
      instanceId: status.id,
      evidence: { state: status.state, previous: previous?.state ?? 'unknown' },
    });
  }

  return {
    name: 'app-health',
    start() {
      offs.push(
        ctx.bus.on('app.polled', (e) => ctx.apps.report(e)),
        ctx.bus.on('app.health_changed', note),
      );
      void run();
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      for (const off of offs.splice(0)) off();
      await ctx.apps.close();
    },
    routes: () => [{ path: '/api/apps', router: appRoutes(ctx) }],
  };
}
