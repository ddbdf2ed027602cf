// In-memory apps for service tests: they answer like the clients (with the secrets real apps return), record every
// write, and can be switched to fail in the ways real apps do.
import { AppError } from '../../apps/common/errors.js';
import type { AuditApps, AuditArrClient, AuditInstance, AuditPlexClient, AuditSabClient } from '../io.js';
import type { StackSnapshot } from '../types.js';
import type { Obj } from '../values.js';
import { PLEX_TOKEN, SAB_API_KEY, SAB_NZB_KEY, SERVER_PASSWORD } from './fixtures.js';

export type Mode = 'ok' | 'down' | 'reject_writes' | 'ignore_writes' | 'down_after_write';

export interface FakeApps extends AuditApps {
  stack: StackSnapshot;
  writes: Array<{ instanceId: string; what: string; value: unknown }>;
  mode: Record<string, Mode>;
}

const clone = <T>(v: T): T => structuredClone(v);

export function fakeApps(stack: StackSnapshot): FakeApps {
  const writes: FakeApps['writes'] = [];
  const mode: Record<string, Mode> = {};
  const inst = (id: string) => stack.instances.find((i) => i.instance.id === id)!;
  const src = (id: string, name: string) => inst(id).sources[name as never] as unknown;
  const guard = (id: string) => {
    if (mode[id] === 'down')
      throw new AppError(
        'unreachable',
        inst(id).instance,
        `${inst(id).instance.name} did not answer; check that it is running`,
      );
  };
  const write = (id: string, what: string, value: unknown, apply: () => void) => {
    guard(id);
    if (mode[id] === 'reject_writes')
      throw new AppError(
        'upstream',
        inst(id).instance,
        `${inst(id).instance.name} refused the change (Configuration locked)`,
      );
    writes.push({ instanceId: id, what, value });
    if (mode[id] !== 'ignore_writes') apply();
    if (mode[id] === 'down_after_write') mode[id] = 'down';
  };

  const sab = (id: string): AuditSabClient => ({
    async getConfig(section) {
      guard(id);
      const all: Record<string, unknown> = {
        misc: { ...clone(src(id, 'misc') as Obj), api_key: SAB_API_KEY, nzb_key: SAB_NZB_KEY, username: 'me' },
        servers: (clone(src(id, 'servers')) as Obj[]).map((s) => ({
          ...s,
          username: 'news-user',
          password: SERVER_PASSWORD,
        })),
        categories: clone(src(id, 'categories')),
        sorters: clone(src(id, 'sorters')),
      };
      return section ? { [section]: all[section] } : all;
    },
    async setConfig(section, keyword, value) {
      write(id, `${section}.${keyword}`, value, () => {
        (src(id, section) as Obj)[keyword] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      });
      return {};
    },
    async warnings() {
      guard(id);
      return clone(src(id, 'warnings') as unknown[]);
    },
  });

  const arr = (id: string): AuditArrClient => ({
    async getConfig(kind) {
      guard(id);
      return clone(src(id, kind) as Obj);
    },
    async putConfig(kind, body) {
      write(id, kind, body, () => Object.assign(src(id, kind) as Obj, body as Obj));
      return body;
    },
    async downloadClients() {
      guard(id);
      return (clone(src(id, 'downloadClients')) as Obj[]).map((c) => ({
        ...c,
        fields: [...(c.fields as Obj[]), { name: 'apiKey', value: SAB_API_KEY, privacy: 'apiKey' }],
      }));
    },
    async updateDownloadClient(clientId, body) {
      write(id, `downloadclient/${clientId}`, body, () => {
        const list = src(id, 'downloadClients') as Obj[];
        const b = body as Obj;
        // The fake adds the SABnzbd key on read; keep the stored client as it was, apart from the changed flags.
        const at = list.findIndex((c) => c.id === clientId);
        list[at] = { ...b, fields: (b.fields as Obj[]).filter((f) => f.name !== 'apiKey') };
      });
      return body;
    },
    qualityProfiles: async () => (guard(id), clone(src(id, 'qualityProfiles') as unknown[])),
    rootFolders: async () => (guard(id), clone(src(id, 'rootFolders') as unknown[])),
    health: async () => (guard(id), clone(src(id, 'health') as unknown[])),
    remotePathMappings: async () => (guard(id), clone(src(id, 'remotePathMappings') as unknown[])),
    qualityDefinitions: async () => (guard(id), clone(src(id, 'qualityDefinitions') as unknown[])),
    indexers: async () => (guard(id), clone(src(id, 'indexers') as unknown[])),
  });

  const plex = (id: string): AuditPlexClient => ({
    async preferences() {
      guard(id);
      const prefs = src(id, 'prefs') as Obj;
      return [
        ...Object.entries(prefs).map(([k, v]) => ({ id: k, value: v })),
        { id: 'PlexOnlineToken', value: PLEX_TOKEN },
      ];
    },
    async setPreferences(map) {
      write(id, 'prefs', map, () => Object.assign(src(id, 'prefs') as Obj, map));
    },
    sections: async () => (guard(id), clone(src(id, 'sections'))),
    identity: async () => (guard(id), clone(src(id, 'identity'))),
  });

  return {
    stack,
    writes,
    mode,
    instances: (): AuditInstance[] => stack.instances.map((i) => i.instance),
    sabnzbd: sab,
    sonarr: arr,
    radarr: arr,
    plex,
  };
}
