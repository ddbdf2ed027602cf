// The configured app instances, their typed clients (built lazily, one per instance) and their last known
// connection status. The registry emits app.health_changed when an instance's state changes.
import type { EventBus } from '../bus/bus.js';
import { UserError } from '../core/errors.js';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import type { AppKind } from '../settings/schema.js';
import type { AppInstance } from '../settings/settings.js';
import type { AppStatus } from '../shared/types.js';
import type { AppClient } from './common/client.js';
import { APP_LABEL } from './common/errors.js';
import type { ClientOptions } from './common/transport.js';
import { testConnection } from './connection-test.js';
import { PlexHttpClient, type PlexClient } from './plex/client.js';
import { RadarrHttpClient, type RadarrClient } from './radarr/client.js';
import { SabnzbdHttpClient, type SabnzbdClient } from './sabnzbd/client.js';
import { SonarrHttpClient, type SonarrClient } from './sonarr/client.js';

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
  const clientOptions: ClientOptions = { timeoutMs: opts.requestTimeoutMs, ...opts.client };

  function build(i: AppInstance): AppClient {
    if (opts.createClient) return opts.createClient(i);
    switch (i.app) {
      case 'sabnzbd':
        return new SabnzbdHttpClient(i, clientOptions);
      case 'sonarr':
        return new SonarrHttpClient(i, clientOptions);
      case 'radarr':
        return new RadarrHttpClient(i, clientOptions);
      case 'plex':
        return new PlexHttpClient(i, clientOptions);
    }
  }

  function clientOf(i: AppInstance): AppClient {
    let c = clients.get(i.id);
    if (!c) {
      c = build(i);
      clients.set(i.id, c);
    }
    return c;
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

  async function test(id: string): Promise<AppStatus> {
    const i = byId.get(id);
    if (!i) throw new UserError('not_found', `There is no app instance "${id}"`, 404);
    const next = await testConnection(clientOf(i), opts.now?.() ?? new Date());
    const previous = statuses.get(id);
    statuses.set(id, next);
    if (previous?.state !== next.state) {
      const line = `${i.name} is ${next.state}${next.version ? ` (version ${next.version})` : ''}`;
      if (next.state === 'connected') log.info(line, { instance: id });
      else log.warn(line, { instance: id, message: redactText(next.message ?? '') });
      bus.emit('app.health_changed', { status: next, previous });
    }
    return next;
  }

  return {
    instances: () => instances,
    instance: (id) => byId.get(id),
    ofKind: (kind) => instances.filter((i) => i.app === kind),
    statuses: () => [...statuses.values()],
    status: (id) => statuses.get(id),
    test,
    testAll: () => Promise.all(instances.map((i) => test(i.id))),
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
    },
  };
}
