// The audit's only contact with the apps: read a settings snapshot per instance, and read/write one setting for the
// fixer. Coded against the small client surface the audit needs, so tests can hand in fakes and the real clients
// fit structurally. Secrets are dropped right here, before anything else sees the data.
import { isAppError } from '../apps/common/errors.js';
import { redactText } from '../log/redact.js';
import type { AppKind } from '../shared/types.js';
import { dropSecrets } from './secrets.js';
import type { InstanceSnapshot, SettingValue, SourceName, WriteTarget } from './types.js';
import { isObj, objects, type Obj } from './values.js';

type ArrConfigKind = 'mediamanagement' | 'naming' | 'downloadclient' | 'indexer';

export interface AuditSabClient {
  getConfig(section?: string): Promise<Record<string, unknown>>;
  setConfig(section: string, keyword: string, value: SettingValue): Promise<unknown>;
  warnings(): Promise<unknown[]>;
}

export interface AuditArrClient {
  getConfig(kind: ArrConfigKind): Promise<object>;
  putConfig(kind: ArrConfigKind, body: never): Promise<unknown>;
  downloadClients(): Promise<unknown[]>;
  updateDownloadClient?(id: number, body: never): Promise<unknown>;
  qualityProfiles(): Promise<unknown[]>;
  rootFolders(): Promise<unknown[]>;
  health(): Promise<unknown[]>;
  remotePathMappings?(): Promise<unknown[]>;
  qualityDefinitions?(): Promise<unknown[]>;
  indexers?(): Promise<unknown[]>;
}

export interface AuditPlexClient {
  preferences(): Promise<unknown>;
  setPreferences(map: Record<string, string | number | boolean>): Promise<unknown>;
  sections(): Promise<unknown>;
  identity(): Promise<unknown>;
}

export interface AuditInstance {
  id: string;
  app: AppKind;
  name: string;
}

/** What the audit needs from the app registry. */
export interface AuditApps {
  instances(): AuditInstance[];
  sabnzbd(id: string): AuditSabClient;
  sonarr(id: string): AuditArrClient;
  radarr(id: string): AuditArrClient;
  plex(id: string): AuditPlexClient;
}

/** A message for a failed read or write that names the app and says what to do (AppError messages already do). */
export function describeError(err: unknown, instance: AuditInstance): string {
  if (isAppError(err)) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return redactText(`${instance.name}: ${msg}`);
}

const APP_SOURCES: Record<AppKind, SourceName[]> = {
  sabnzbd: ['misc', 'servers', 'categories', 'sorters', 'warnings'],
  sonarr: [
    'mediamanagement',
    'naming',
    'downloadclient',
    'indexer',
    'downloadClients',
    'qualityProfiles',
    'rootFolders',
    'health',
  ],
  radarr: [
    'mediamanagement',
    'naming',
    'downloadclient',
    'indexer',
    'downloadClients',
    'qualityProfiles',
    'rootFolders',
    'health',
  ],
  plex: ['prefs', 'sections', 'identity'],
};

export async function readInstance(apps: AuditApps, instance: AuditInstance): Promise<InstanceSnapshot> {
  const snap: InstanceSnapshot = { instance, sources: {}, errors: {} };
  let readers: Partial<Record<SourceName, () => Promise<unknown>>>;
  try {
    readers = readersFor(apps, instance);
  } catch (err) {
    // No client for this instance (removed, or a kind the registry refuses): every read fails with the reason.
    for (const source of APP_SOURCES[instance.app]) snap.errors[source] = describeError(err, instance);
    return snap;
  }
  const entries = Object.entries(readers) as Array<[SourceName, () => Promise<unknown>]>;
  const results = await Promise.allSettled(entries.map(([, read]) => read()));
  results.forEach((r, i) => {
    const source = entries[i]![0];
    if (r.status === 'fulfilled') snap.sources[source] = dropSecrets(r.value);
    else snap.errors[source] = describeError(r.reason, instance);
  });
  return snap;
}

function readersFor(apps: AuditApps, i: AuditInstance): Partial<Record<SourceName, () => Promise<unknown>>> {
  if (i.app === 'sabnzbd') {
    const sab = apps.sabnzbd(i.id);
    // One get_config for every section: fewer calls, one consistent view.
    const all = sab.getConfig();
    all.catch(() => undefined);
    const section = (name: string) => async () => {
      const cfg = await all;
      const v = cfg[name];
      if (v === undefined) throw new Error(`SABnzbd did not return its ${name} settings`);
      return v;
    };
    return {
      misc: section('misc'),
      servers: section('servers'),
      categories: section('categories'),
      sorters: async () => (await all).sorters ?? [],
      warnings: () => sab.warnings(),
    };
  }
  if (i.app === 'plex') {
    const plex = apps.plex(i.id);
    return {
      prefs: async () => prefsMap(await plex.preferences()),
      sections: async () => listOf(await plex.sections(), 'Directory'),
      identity: async () => {
        const id = await plex.identity();
        return isObj(id) && isObj(id.MediaContainer) ? id.MediaContainer : id;
      },
    };
  }
  const arr = i.app === 'sonarr' ? apps.sonarr(i.id) : apps.radarr(i.id);
  const readers: Partial<Record<SourceName, () => Promise<unknown>>> = {
    mediamanagement: () => arr.getConfig('mediamanagement'),
    naming: () => arr.getConfig('naming'),
    downloadclient: () => arr.getConfig('downloadclient'),
    indexer: () => arr.getConfig('indexer'),
    downloadClients: () => arr.downloadClients(),
    qualityProfiles: () => arr.qualityProfiles(),
    rootFolders: () => arr.rootFolders(),
    health: () => arr.health(),
  };
  // Optional reads: only when the client offers them.
  if (arr.remotePathMappings) readers.remotePathMappings = () => arr.remotePathMappings!();
  if (arr.qualityDefinitions) readers.qualityDefinitions = () => arr.qualityDefinitions!();
  if (arr.indexers) readers.indexers = () => arr.indexers!();
  return readers;
}

/** Plex answers /:/prefs as MediaContainer.Setting[]; clients may pass that, the list, or a ready map. */
export function prefsMap(raw: unknown): Record<string, unknown> {
  const list = listOf(raw, 'Setting');
  if (list.length || Array.isArray(raw) || (isObj(raw) && 'MediaContainer' in raw)) {
    const out: Record<string, unknown> = {};
    for (const s of list) if (typeof s.id === 'string') out[s.id] = s.value;
    return out;
  }
  return isObj(raw) ? raw : {};
}

function listOf(raw: unknown, key: string): Obj[] {
  if (Array.isArray(raw)) return objects(raw);
  if (isObj(raw) && isObj(raw.MediaContainer)) return objects(raw.MediaContainer[key]);
  if (isObj(raw) && Array.isArray(raw[key])) return objects(raw[key]);
  return [];
}

/** Reads the one setting a fix changes, straight from the app (never from a stored run). */
export async function readTarget(apps: AuditApps, i: AuditInstance, target: WriteTarget): Promise<unknown> {
  switch (target.kind) {
    case 'sab_misc': {
      const cfg = await apps.sabnzbd(i.id).getConfig('misc');
      const misc = cfg.misc;
      if (!isObj(misc) || !(target.keyword in misc))
        throw new Error(`SABnzbd did not report the setting ${target.keyword}`);
      return dropSecrets(misc[target.keyword]);
    }
    case 'arr_config': {
      const body = (await arrOf(apps, i).getConfig(target.config)) as Obj;
      if (!(target.field in body)) throw new Error(`${i.name} did not report the setting ${target.field}`);
      return body[target.field];
    }
    case 'arr_download_client': {
      const client = await downloadClient(arrOf(apps, i), i, target.clientId);
      if (!(target.field in client)) throw new Error(`${i.name} did not report the setting ${target.field}`);
      return client[target.field];
    }
    case 'plex_pref': {
      const prefs = prefsMap(await apps.plex(i.id).preferences());
      if (!(target.id in prefs)) throw new Error(`Plex did not report the preference ${target.id}`);
      return prefs[target.id];
    }
  }
}

export async function writeTarget(
  apps: AuditApps,
  i: AuditInstance,
  target: WriteTarget,
  value: SettingValue,
): Promise<void> {
  switch (target.kind) {
    case 'sab_misc':
      await apps.sabnzbd(i.id).setConfig('misc', target.keyword, value);
      return;
    case 'arr_config': {
      // The *arr config endpoints take the whole resource: read it fresh, change one field, put it back.
      const client = arrOf(apps, i);
      const body = { ...((await client.getConfig(target.config)) as Obj), [target.field]: value };
      await client.putConfig(target.config, body as never);
      return;
    }
    case 'arr_download_client': {
      // Like the config endpoints: the whole client resource goes back, read fresh, with one flag changed. It is
      // read straight from the app (secrets masked by the app itself) and never logged or stored.
      const arr = arrOf(apps, i);
      if (!arr.updateDownloadClient) throw new Error(`${i.name}: this client cannot change download clients`);
      const client = await downloadClient(arr, i, target.clientId);
      await arr.updateDownloadClient(target.clientId, { ...client, [target.field]: value } as never);
      return;
    }
    case 'plex_pref': {
      const v = Array.isArray(value) ? value.join(',') : value;
      await apps.plex(i.id).setPreferences({ [target.id]: v });
      return;
    }
  }
}

async function downloadClient(arr: AuditArrClient, i: AuditInstance, id: number): Promise<Obj> {
  const found = objects(await arr.downloadClients()).find((c) => c.id === id);
  if (!found)
    throw new Error(`${i.name} has no download client with id ${id} any more; run the audit again to see its clients`);
  return found;
}

function arrOf(apps: AuditApps, i: AuditInstance): AuditArrClient {
  if (i.app === 'sonarr') return apps.sonarr(i.id);
  if (i.app === 'radarr') return apps.radarr(i.id);
  throw new Error(`${i.name} is not a Sonarr or Radarr instance`);
}
