// The simulated stack: SABnzbd, Sonarr, Radarr and Plex on loopback ports, sharing one world and one sim clock,
// plus a control server. `startSimStack()` is what tests, the demo and `npm run sim` use.
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AppInstance } from '../settings/settings.js';
import { createArrRouter } from './arr/router.js';
import { SimClock } from './clock.js';
import { AppServer } from './http/app-server.js';
import { createControlRouter } from './http/control.js';
import { createPlexRouter } from './plex/router.js';
import { Rng } from './rng.js';
import { createSabRouter, isSabWrite } from './sabnzbd/api.js';
import { makeHostile } from './hostile.js';
import { applyScenario, isScenario, SCENARIOS, type ScenarioName } from './scenarios.js';
import {
  SIM_APPS,
  type AppMode,
  type RecordedRequest,
  type SimApp,
  type SimControl,
  type SimOptions,
  type SimStack,
} from './types.js';
import { SimWorld } from './world/world.js';

export type { SimStack, SimControl, SimOptions, RecordedRequest, AppMode, SimApp } from './types.js';
export { SCENARIOS } from './scenarios.js';
export type { SabWaitingStatus } from './world/world.js';

const MAX_RECORDS = 20_000;

function keysFor(seed: number, given: SimOptions['keys']): Record<SimApp, string> & { nzb: string } {
  const rng = new Rng(seed ^ 0x5eed);
  return {
    sabnzbd: given?.sabnzbd ?? rng.hex(32),
    nzb: rng.hex(32),
    sonarr: given?.sonarr ?? rng.hex(32),
    radarr: given?.radarr ?? rng.hex(32),
    plex: given?.plex ?? rng.chars(20, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'),
  };
}

export async function startSimStack(opts: SimOptions = {}): Promise<SimStack> {
  const seed = opts.seed ?? 42;
  const host = opts.host ?? '127.0.0.1';
  const urlBase = opts.sabUrlBase ?? '/sabnzbd';
  const keys = keysFor(seed, opts.keys);
  const clock = new SimClock(opts.startTime ?? Math.floor(Date.now() / 1000) * 1000);
  const machineId = new Rng(seed ^ 0x91e7).hex(40);
  const makeWorld = () =>
    new SimWorld({
      start: clock.now(),
      rng: new Rng(seed),
      sabApiKey: keys.sabnzbd,
      sabNzbKey: keys.nzb,
      sabUrlBase: urlBase,
      plexMachineId: machineId,
    });
  let world = makeWorld();
  let scenario = opts.scenario ?? 'healthy';
  if (!isScenario(scenario))
    throw new Error(`Unknown sim scenario "${scenario}"; expected one of ${SCENARIOS.join(', ')}`);
  let waitingStatus = opts.sabWaitingStatus;
  const applyTo = (w: SimWorld, name: ScenarioName) => {
    applyScenario(w, name);
    if (waitingStatus) w.sab.waitingStatus = waitingStatus;
    if (opts.hostileText) makeHostile(w, keys);
  };
  applyTo(world, scenario);
  clock.onAdvance((step) => world.tick(step));

  const records: RecordedRequest[] = [];
  const listeners = new Set<(r: RecordedRequest) => void>();
  const writeFlags = new WeakSet<RecordedRequest>();
  const servers = {} as Record<SimApp, AppServer>;
  const record = (app: SimApp) => (r: RecordedRequest) => {
    records.push(r);
    if (records.length > MAX_RECORDS) records.shift();
    const isWrite = app === 'sabnzbd' ? isSabWrite(r.query) : r.method !== 'GET' && r.method !== 'HEAD';
    if (isWrite) writeFlags.add(r);
    for (const l of listeners) l(r);
  };
  const isWrite = (app: SimApp) => (method: string, q: Record<string, string>) =>
    app === 'sabnzbd' ? isSabWrite(q) : method !== 'GET' && method !== 'HEAD';
  const rejects = (app: SimApp) => () => servers[app].mode === 'bad_key';
  const sabEndpoint = () => ({ url: `http://${host}:${servers.sabnzbd.port}${urlBase}`, apiKey: keys.sabnzbd });
  // Routers read `world` through this proxy so setScenario can swap in a fresh world.
  const live = new Proxy({} as SimWorld, {
    get: (_t, prop) => {
      const v = (world as unknown as Record<string | symbol, unknown>)[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(world) : v;
    },
    set: (_t, prop, value) => {
      (world as unknown as Record<string | symbol, unknown>)[prop] = value;
      return true;
    },
  });
  const routers = {
    sabnzbd: createSabRouter(live, {
      apiKey: keys.sabnzbd,
      nzbKey: keys.nzb,
      urlBase,
      rejectAllKeys: rejects('sabnzbd'),
    }),
    sonarr: createArrRouter(live, 'sonarr', {
      apiKey: keys.sonarr,
      rejectAllKeys: rejects('sonarr'),
      sab: sabEndpoint,
    }),
    radarr: createArrRouter(live, 'radarr', {
      apiKey: keys.radarr,
      rejectAllKeys: rejects('radarr'),
      sab: sabEndpoint,
    }),
    plex: createPlexRouter(live, { token: keys.plex, rejectAllKeys: rejects('plex') }),
  };
  for (const app of SIM_APPS) {
    servers[app] = new AppServer({
      app,
      host,
      port: opts.ports?.[app] ?? 0,
      router: routers[app],
      now: () => clock.now(),
      record: record(app),
      isWrite: isWrite(app),
    });
  }
  try {
    for (const app of SIM_APPS) await servers[app].start();
    // Modes asked for at start apply before anyone can send a request (an outage from the first poll).
    for (const app of SIM_APPS) {
      const mode = opts.modes?.[app];
      if (mode && mode !== 'ok') await servers[app].setMode(mode);
    }
    world.sab.reachable = sabReachable(servers.sabnzbd.mode);
  } catch (err) {
    await Promise.all(SIM_APPS.map((a) => servers[a].stop()));
    throw err;
  }
  const apps = {
    sabnzbd: sabEndpoint(),
    sonarr: { url: `http://${host}:${servers.sonarr.port}`, apiKey: keys.sonarr },
    radarr: { url: `http://${host}:${servers.radarr.port}`, apiKey: keys.radarr },
    plex: { url: `http://${host}:${servers.plex.port}`, apiKey: keys.plex },
  };

  const control: SimControl = {
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    setSpeed: (speed) => clock.setSpeed(speed),
    speed: () => clock.speed(),
    setScenario(name) {
      if (!isScenario(name)) throw new Error(`Unknown sim scenario "${name}"; expected one of ${SCENARIOS.join(', ')}`);
      world = makeWorld();
      world.sab.reachable = sabReachable(servers.sabnzbd.mode);
      scenario = name;
      applyTo(world, name);
    },
    scenario: () => scenario,
    scenarios: () => [...SCENARIOS],
    async setAppMode(app, mode: AppMode) {
      await servers[app].setMode(mode);
      if (app === 'sabnzbd') world.sab.reachable = sabReachable(mode);
    },
    appMode: (app) => servers[app].mode,
    setArrHandlesFailures(app, on) {
      world.arrHandlesFailures[app] = on;
    },
    setSabWaitingStatus(status) {
      waitingStatus = status;
      world.sab.waitingStatus = status;
    },
    sabWaitingStatus: () => world.sab.waitingStatus,
    requests: (f) => records.filter((r) => !f?.app || r.app === f.app),
    writes: (f) => records.filter((r) => writeFlags.has(r) && (!f?.app || r.app === f.app)),
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clearRecords: () => {
      records.length = 0;
    },
    get state() {
      return world;
    },
  };

  const controlServer = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: createControlRouter(control, apps).fetch, port: opts.ports?.control ?? 0, hostname: host },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const controlPort = (controlServer.address() as { port: number }).port;
  if (opts.speed) clock.setSpeed(opts.speed);

  let stopped: Promise<void> | undefined;
  return {
    apps,
    control,
    controlUrl: `http://${host}:${controlPort}`,
    stop() {
      stopped ??= (async () => {
        clock.stop();
        await Promise.all(SIM_APPS.map((a) => servers[a].stop()));
        const s = controlServer as Server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      })();
      return stopped;
    },
  };
}

/**
 * Whether the *arr apps reach the simulated SABnzbd. In bad_key mode they still do: they hold their own key, as when
 * only AutoArr's key is wrong or stale (SABnzbd then rejects AutoArr while Sonarr/Radarr keep downloading).
 */
const sabReachable = (mode: AppMode): boolean => mode === 'ok' || mode === 'bad_key';

const NAMES: Record<SimApp, string> = { sabnzbd: 'SABnzbd', sonarr: 'Sonarr', radarr: 'Radarr', plex: 'Plex' };

/** The app instances that point AutoArr at the stack (ids = app names). */
export function settingsForSim(stack: Pick<SimStack, 'apps'>): AppInstance[] {
  return SIM_APPS.map((app) => ({
    id: app,
    app,
    name: NAMES[app],
    url: stack.apps[app].url,
    apiKey: stack.apps[app].apiKey,
    verifySsl: true,
  }));
}
