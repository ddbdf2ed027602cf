// The configured app instances, their typed clients (built lazily, one per instance) and their current connection
// status, from the connection test and from every monitor poll (report()). The registry emits app.health_changed
// when an instance's state or message changes.
// It is also the one place that keeps AutoArr off the wrong app: a write is sent only to an instance whose identity
// the connection test confirmed (checked first if it never was), and an instance that answers as another app gets
// no request at all through the clients handed out here.
import type { EventBus } from '../bus/bus.js';
import { UserError } from '../core/errors.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import type { AppInstance } from '../settings/settings.js';
import type { AppPolledEvent } from '../bus/events.js';
import type { AppStatus } from '../shared/types.js';
import type { AppClient } from './common/client.js';
import { AppError } from './common/errors.js';
import type { ClientOptions } from './common/transport.js';
import { stateOf, testConnection } from './connection-test.js';
import { PlexHttpClient, type PlexClient } from './plex/client.js';
import { RadarrHttpClient, type RadarrClient } from './radarr/client.js';
import { SabnzbdHttpClient, type SabnzbdClient } from './sabnzbd/client.js';
import { SonarrHttpClient, type SonarrClient } from './sonarr/client.js';
import { APP_LABEL, type AppKind } from '../shared/domain.js';

export interface AppClients {
  sabnzbd: SabnzbdClient;
  sonarr: SonarrClient;
  radarr: RadarrClient;
  plex: PlexClient;
}

export interface AppRegistry {
  instances(): AppInstance[];
  instance(id: string): AppInstance | undefined;
  ofKind(kind: AppKind): AppInstance[];
  statuses(): AppStatus[];
  status(id: string): AppStatus | undefined;
  /** Tests the connection now, stores the result and emits app.health_changed when the state changed. */
  test(id: string): Promise<AppStatus>;
  testAll(): Promise<AppStatus[]>;
  /**
   * A monitor poll's outcome for one instance: a failure sets its state and message at once; a success clears a
   * fault (through a connection test, which also confirms the app's identity and reads why SABnzbd paused).
   */
  report(outcome: AppPolledEvent): void;
  /** Typed clients: no id → the first instance of that kind; unknown id or none configured → UserError. */
  sabnzbd(id?: string): SabnzbdClient;
  sonarr(id?: string): SonarrClient;
  radarr(id?: string): RadarrClient;
  plex(id?: string): PlexClient;
  /** The client of any instance, for code that fans out over all of them. */
  client(id: string): AppClient;
  /** Closes every client's connections. */
  close(): Promise<void>;
}

export interface RegistryOptions {
  /** settings.requestTimeoutMs; the total time one request may take. */
  requestTimeoutMs?: number;
  /** Everything else about the HTTP edge (tests use small timeouts and fast retries). */
  client?: ClientOptions;
  /** Replaces the real clients (tests of features that use the registry). */
  createClient?: (instance: AppInstance) => AppClient;
  now?: () => Date;
}

export function createAppRegistry(
  instances: AppInstance[],
  bus: EventBus,
  log: Logger,
  opts: RegistryOptions = {},
): AppRegistry {
  const statuses = new Map<string, AppStatus>(
    instances.map((i) => [i.id, { id: i.id, app: i.app, name: i.name, state: 'unknown' as const }]),
  );
  const byId = new Map(instances.map((i) => [i.id, i]));
  const clients = new Map<string, AppClient>();
  const guardedClients = new Map<string, AppClient>();
  /** What the last successful probe said this instance is; only the connection test changes it. */
  const identity = new Map<string, 'confirmed' | 'wrong'>();
  const running = new Map<string, Promise<AppStatus>>();
  const lastPaused = new Map<string, boolean>();
  /** Instances whose current fault a poll reported (the connection test, which clears it, has not run since). */
  const pollFault = new Set<string>();
  /** Poll faults are numbered, so a connection test that started before one cannot overwrite it with "connected". */
  let faults = 0;
  const lastFault = new Map<string, number>();
  const clientOptions: ClientOptions = { timeoutMs: opts.requestTimeoutMs, ...opts.client };
  const now = () => opts.now?.() ?? new Date();

  function build(i: AppInstance): AppClient {
    if (opts.createClient) return opts.createClient(i);
    const o: ClientOptions = { ...clientOptions, beforeWrite: () => confirmIdentity(i) };
    switch (i.app) {
      case 'sabnzbd':
        return new SabnzbdHttpClient(i, o);
      case 'sonarr':
        return new SonarrHttpClient(i, o);
      case 'radarr':
        return new RadarrHttpClient(i, o);
      case 'plex':
        return new PlexHttpClient(i, o);
    }
  }

  /** The raw client; only the connection test uses it directly. */
  function rawClient(i: AppInstance): AppClient {
    let c = clients.get(i.id);
    if (!c) {
      c = build(i);
      clients.set(i.id, c);
    }
    return c;
  }

  /** The client everyone else gets: every call is refused while the URL answers as another app. */
  function clientOf(i: AppInstance): AppClient {
    let g = guardedClients.get(i.id);
    if (!g) {
      const raw = rawClient(i);
      g = new Proxy(raw, {
        get(target, prop) {
          const v: unknown = Reflect.get(target, prop, target);
          if (typeof v !== 'function') return v;
          const fn = v as (...args: unknown[]) => unknown;
          if (prop === 'close') return fn.bind(target);
          return (...args: unknown[]) =>
            identity.get(i.id) === 'wrong' ? Promise.reject(wrongAppRefusal(i)) : fn.apply(target, args);
        },
      });
      guardedClients.set(i.id, g);
    }
    return g;
  }

  function wrongAppRefusal(i: AppInstance): AppError {
    const why = statuses.get(i.id)?.message ?? `${i.name}'s URL answers as another app`;
    return new AppError('wrong_app', i, `${why}. AutoArr sends ${i.name} nothing until its URL is fixed`);
  }

  /** Runs before every write: the instance must have been confirmed as the configured app (checked now if not). */
  async function confirmIdentity(i: AppInstance): Promise<void> {
    if (identity.get(i.id) !== 'confirmed') await test(i.id);
    const id = identity.get(i.id);
    if (id === 'confirmed') return;
    if (id === 'wrong') throw wrongAppRefusal(i);
    const s = statuses.get(i.id);
    throw new AppError(
      s?.state === 'auth_failed' ? 'auth' : 'unreachable',
      i,
      `${i.name} was not changed: AutoArr could not confirm that its URL reaches ${APP_LABEL[i.app]}` +
        (s?.message ? ` (${s.message})` : ''),
    );
  }

  /** Stores a new status; logs a state change and emits app.health_changed when the state or message changed. */
  function update(i: AppInstance, next: AppStatus): void {
    const previous = statuses.get(i.id);
    statuses.set(i.id, next);
    if (previous?.state !== next.state) {
      const line = `${i.name} is ${next.state}${next.version ? ` (version ${next.version})` : ''}`;
      if (next.state === 'connected') log.info(line, { instance: i.id });
      else log.warn(line, { instance: i.id, message: redactText(next.message ?? '') });
    }
    if (previous?.state !== next.state || previous?.message !== next.message) {
      bus.emit('app.health_changed', { status: next, previous });
    }
  }

  function report(e: AppPolledEvent): void {
    const i = byId.get(e.instanceId);
    const current = statuses.get(e.instanceId);
    if (!i || !current) return;
    const paused = e.paused ?? false;
    const pauseChanged = paused !== (lastPaused.get(i.id) ?? false);
    lastPaused.set(i.id, paused);
    if (e.error) {
      // A refusal of the wrong app repeats what the connection test found; keep the test's words.
      if (e.error.kind === 'wrong_app' && current.state === 'wrong_app') return;
      // The current fault's own message; the version stays what the app last said.
      pollFault.add(i.id);
      lastFault.set(i.id, ++faults);
      update(i, { ...current, state: stateOf(e.error.kind), message: e.error.message, checkedAt: now().toISOString() });
      return;
    }
    // An old version stays unsupported however well it answers; a fault or an unconfirmed identity is checked again.
    const settled =
      current.state === 'connected' ||
      current.state === 'degraded' ||
      (current.state === 'unsupported' && current.version !== undefined && !pollFault.has(i.id));
    // SABnzbd resumed, or just paused (the test reads why: a person's pause is not a fault).
    const pauseNews =
      (current.state === 'degraded' && !paused) || (current.state === 'connected' && paused && pauseChanged);
    if (identity.get(i.id) !== 'confirmed' || !settled || pauseNews) {
      void test(i.id).catch((err: unknown) => log.warn(`${i.name} could not be checked`, { err }));
    }
  }

  function pick(kind: AppKind, id?: string): AppInstance {
    if (id !== undefined) {
      const i = byId.get(id);
      if (!i || i.app !== kind) {
        const known = instances.filter((x) => x.app === kind).map((x) => x.id);
        throw new UserError(
          'not_found',
          `There is no ${APP_LABEL[kind]} instance "${id}"; configured: ${known.join(', ') || 'none'}`,
          404,
        );
      }
      return i;
    }
    const first = instances.find((x) => x.app === kind);
    if (!first) {
      throw new UserError(
        'not_found',
        `${APP_LABEL[kind]} is not configured in AutoArr: add its URL and API key in the options`,
        404,
      );
    }
    return first;
  }

  function typed<K extends AppKind>(kind: K) {
    return (id?: string): AppClients[K] => clientOf(pick(kind, id)) as AppClients[K];
  }

  /** Tests the connection now; callers during a running test share it. */
  function test(id: string): Promise<AppStatus> {
    const i = byId.get(id);
    if (!i) return Promise.reject(new UserError('not_found', `There is no app instance "${id}"`, 404));
    let t = running.get(id);
    if (!t) {
      const since = faults;
      t = testConnection(rawClient(i), now())
        .then((next) => {
          // A successful probe (it learnt the version) confirms the identity; wrong_app refutes it; a fault keeps it.
          if (next.state === 'wrong_app') identity.set(id, 'wrong');
          else if (next.version !== undefined) identity.set(id, 'confirmed');
          // A poll failed while this test ran: its fault is newer than this test's "fine".
          const fine = next.state === 'connected' || next.state === 'degraded';
          if (fine && (lastFault.get(id) ?? 0) > since) return statuses.get(id) ?? next;
          pollFault.delete(id);
          update(i, next);
          return next;
        })
        .finally(() => running.delete(id));
      running.set(id, t);
    }
    return t;
  }

  return {
    instances: () => instances,
    instance: (id) => byId.get(id),
    ofKind: (kind) => instances.filter((i) => i.app === kind),
    statuses: () => [...statuses.values()],
    status: (id) => statuses.get(id),
    test,
    testAll: () => Promise.all(instances.map((i) => test(i.id))),
    report,
    sabnzbd: typed('sabnzbd'),
    sonarr: typed('sonarr'),
    radarr: typed('radarr'),
    plex: typed('plex'),
    client: (id) => {
      const i = byId.get(id);
      if (!i) throw new UserError('not_found', `There is no app instance "${id}"`, 404);
      return clientOf(i);
    },
    close: async () => {
      await Promise.allSettled([...clients.values()].map((c) => c.close()));
      clients.clear();
      guardedClients.clear();
    },
  };
}
