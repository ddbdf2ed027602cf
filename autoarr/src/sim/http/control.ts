// The control API over HTTP (for the web/e2e tests and the demo): scenario, clock, app modes, recorded requests.
import { Hono } from 'hono';
import { APP_MODES, SIM_APPS, type AppMode, type SimApp, type SimControl } from '../types.js';
import type { AppEndpoint } from '../types.js';
import { SAB_WAITING_STATUSES, type SabWaitingStatus } from '../world/world.js';

async function json(req: Request): Promise<Record<string, unknown>> {
  try {
    const v: unknown = await req.json();
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function createControlRouter(control: SimControl, apps: Record<SimApp, AppEndpoint>): Hono {
  const r = new Hono();
  const summary = () => ({
    apps,
    scenario: control.scenario(),
    scenarios: control.scenarios(),
    now: control.now(),
    speed: control.speed(),
    modes: Object.fromEntries(SIM_APPS.map((a) => [a, control.appMode(a)])),
    sabWaitingStatus: control.sabWaitingStatus(),
  });
  r.get('/', (c) => c.json(summary()));
  r.get('/scenarios', (c) => c.json(control.scenarios()));
  r.get('/now', (c) => c.json({ now: control.now() }));
  r.post('/scenario', async (c) => {
    const name = (await json(c.req.raw)).name;
    if (typeof name !== 'string' || !control.scenarios().includes(name)) {
      return c.json({ error: `unknown scenario; expected one of ${control.scenarios().join(', ')}` }, 400);
    }
    control.setScenario(name);
    return c.json(summary());
  });
  r.post('/advance', async (c) => {
    const ms = Number((await json(c.req.raw)).ms);
    if (!Number.isFinite(ms) || ms < 0) return c.json({ error: 'ms must be a number of milliseconds >= 0' }, 400);
    control.advance(ms);
    return c.json({ now: control.now() });
  });
  r.post('/speed', async (c) => {
    const speed = Number((await json(c.req.raw)).speed);
    if (!Number.isFinite(speed) || speed < 0) return c.json({ error: 'speed must be a number >= 0' }, 400);
    control.setSpeed(speed);
    return c.json({ speed: control.speed() });
  });
  r.post('/mode', async (c) => {
    const body = await json(c.req.raw);
    const app = body.app as SimApp;
    const mode = body.mode as AppMode;
    if (!SIM_APPS.includes(app) || !APP_MODES.includes(mode)) {
      return c.json({ error: `expected {"app": ${SIM_APPS.join('|')}, "mode": ${APP_MODES.join('|')}}` }, 400);
    }
    await control.setAppMode(app, mode);
    return c.json(summary());
  });
  // How SABnzbd words the jobs waiting behind the active one: {"waitingStatus": "Queued" | "Downloading"}.
  r.post('/sabnzbd', async (c) => {
    const status = (await json(c.req.raw)).waitingStatus as SabWaitingStatus;
    if (!SAB_WAITING_STATUSES.includes(status)) {
      return c.json({ error: `expected {"waitingStatus": ${SAB_WAITING_STATUSES.join('|')}}` }, 400);
    }
    control.setSabWaitingStatus(status);
    return c.json(summary());
  });
  const filter = (app: string | undefined) =>
    app && SIM_APPS.includes(app as SimApp) ? { app: app as SimApp } : undefined;
  r.get('/requests', (c) => c.json(control.requests(filter(c.req.query('app')))));
  r.get('/writes', (c) => c.json(control.writes(filter(c.req.query('app')))));
  r.delete('/requests', (c) => {
    control.clearRecords();
    return c.json({ ok: true });
  });
  return r;
}
