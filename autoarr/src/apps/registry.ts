// The configured app instances and their last known connection status.
// TEMPORARY minimal version probe (issue 2); the clients issue replaces the probe with the typed clients.
import type { EventBus } from '../bus/bus.js';
import type { Logger } from '../log/logger.js';
import type { AppInstance } from '../settings/settings.js';
import type { AppStatus } from '../shared/types.js';

export interface AppRegistry {
  instances(): AppInstance[];
  instance(id: string): AppInstance | undefined;
  statuses(): AppStatus[];
  status(id: string): AppStatus | undefined;
  /** Tests the connection now, stores the result and emits app.health_changed when the state changed. */
  test(id: string): Promise<AppStatus>;
  testAll(): Promise<AppStatus[]>;
}

export function createAppRegistry(instances: AppInstance[], bus: EventBus, log: Logger): AppRegistry {
  const statuses = new Map<string, AppStatus>(
    instances.map((i) => [i.id, { id: i.id, app: i.app, name: i.name, state: 'unknown' as const }]),
  );
  const byId = new Map(instances.map((i) => [i.id, i]));

  async function probe(i: AppInstance): Promise<AppStatus> {
    const base: AppStatus = {
      id: i.id,
      app: i.app,
      name: i.name,
      state: 'connected',
      checkedAt: new Date().toISOString(),
    };
    const url =
      i.app === 'sabnzbd'
        ? `${i.url}/api?mode=version&output=json&apikey=${encodeURIComponent(i.apiKey)}`
        : i.app === 'plex'
          ? `${i.url}/identity`
          : `${i.url}/api/v3/system/status`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (i.app === 'sonarr' || i.app === 'radarr') headers['X-Api-Key'] = i.apiKey;
    if (i.app === 'plex') headers['X-Plex-Token'] = i.apiKey;
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
      if (res.status === 401 || res.status === 403) {
        return { ...base, state: 'auth_failed', message: `${i.name} rejected the API key; check it in the settings` };
      }
      const body = (await res.json()) as Record<string, unknown>;
      const version = String(
        body.version ?? (body.MediaContainer as Record<string, unknown> | undefined)?.version ?? '',
      );
      return { ...base, version };
    } catch (err) {
      return {
        ...base,
        state: 'unreachable',
        message: `${i.name} did not answer at its URL (${(err as Error).message})`,
      };
    }
  }

  async function test(id: string): Promise<AppStatus> {
    const i = byId.get(id);
    if (!i) throw new Error(`No app instance with id ${id}`);
    const next = await probe(i);
    const previous = statuses.get(id);
    statuses.set(id, next);
    if (previous?.state !== next.state) {
      log.info(`${i.name} is ${next.state}`, { instance: id, message: next.message });
      bus.emit('app.health_changed', { status: next, previous });
    }
    return next;
  }

  return {
    instances: () => instances,
    instance: (id) => byId.get(id),
    statuses: () => [...statuses.values()],
    status: (id) => statuses.get(id),
    test,
    testAll: () => Promise.all(instances.map((i) => test(i.id))),
  };
}
