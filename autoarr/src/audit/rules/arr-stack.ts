// Sonarr and Radarr: rules over lists (download clients, root folders, health) and rules that look across apps
// (the SABnzbd categories and folders a download client relies on). landscape.md §4 S8–S11, S15.
import type { InstanceSnapshot, Rule, StackSnapshot } from '../types.js';
import { asBool, asString, isInside, isObj, objects, type Obj } from '../values.js';
import { customRule, fail, notApplicable, pass } from './define.js';
import { label, TRASH, TRASH_SAB_SETUP, type ArrApp } from './arr-settings.js';

/** A download client's setting from its `fields` list ({name, value}). */
export function clientField(client: Obj, name: string): unknown {
  return objects(client.fields).find((f) => f.name === name)?.value;
}

const isSab = (c: Obj) => asString(c.implementation)?.toLowerCase() === 'sabnzbd';
const clientName = (c: Obj) => asString(c.name) ?? `download client ${asString(c.id) ?? '?'}`;
const enabledSabClients = (snap: InstanceSnapshot) => objects(snap.sources.downloadClients).filter(isSab);

/** The SABnzbd instance a download client points at: the only one, or the one whose URL has the same host. */
export function sabFor(stack: StackSnapshot, client: Obj): InstanceSnapshot | undefined {
  const sabs = stack.instances.filter((i) => i.instance.app === 'sabnzbd');
  if (sabs.length <= 1) return sabs[0];
  const host = asString(clientField(client, 'host'))?.toLowerCase();
  return sabs.find((s) => isObj(s.sources.misc) && asString(s.sources.misc.host)?.toLowerCase() === host);
}

function sabCategories(sab: InstanceSnapshot): string[] | undefined {
  const cats = sab.sources.categories;
  return Array.isArray(cats) ? objects(cats).map((c) => asString(c.name) ?? '') : undefined;
}

export function arrStackRules(app: ArrApp): Rule[] {
  const name = label(app);
  const categoryField = app === 'sonarr' ? 'tvCategory' : 'movieCategory';
  const clients = 'GET /api/v3/downloadclient';

  const removeRule = (key: 'removeCompletedDownloads' | 'removeFailedDownloads', title: string, ui: string) =>
    customRule({
      id: `${app}.${key === 'removeCompletedDownloads' ? 'remove_completed' : 'remove_failed'}`,
      app,
      ref: 'S8',
      title,
      severity: 'warning',
      settingUi: `Settings → Download Clients → SABnzbd → ${ui}`,
      settingApi: `${key} (${clients}; fixed with PUT /api/v3/downloadclient/{id})`,
      read: clients,
      expected: 'on for every SABnzbd download client',
      why: `${name} only looks at the newest part of SABnzbd's history; old entries that are never removed push newer jobs out of view, so their imports are missed.`,
      source: TRASH_SAB_SETUP,
      reads: ['downloadClients'],
      fixable: true,
      check: ({ snap }) => {
        const sabs = enabledSabClients(snap);
        if (!sabs.length) return notApplicable(`${name} has no SABnzbd download client`);
        return fail(
          sabs
            .filter((c) => asBool(c[key]) === false)
            .map((c) => ({
              subject: clientName(c),
              current: c[key],
              detail: `download client "${clientName(c)}"`,
              // A client without an id (never seen from a real *arr) cannot be addressed, so it gets no fix.
              fix:
                typeof c.id !== 'number'
                  ? undefined
                  : {
                      target: { kind: 'arr_download_client' as const, clientId: c.id, field: key },
                      value: true,
                      effect: `${name} removes ${key === 'removeCompletedDownloads' ? 'imported' : 'failed'} jobs from SABnzbd's history once it has handled them; the files themselves are not touched.`,
                    },
            })),
        );
      },
    });

  return [
    customRule({
      id: `${app}.download_client`,
      app,
      ref: 'extra',
      title: 'A download client is enabled',
      severity: 'critical',
      settingUi: 'Settings → Download Clients',
      settingApi: `enable (${clients})`,
      read: clients,
      expected: 'at least one enabled download client',
      why: `With no enabled download client ${name} can search but never download anything.`,
      source: TRASH_SAB_SETUP,
      reads: ['downloadClients'],
      check: ({ snap }) => {
        const all = objects(snap.sources.downloadClients);
        return all.some((c) => asBool(c.enable) !== false)
          ? pass
          : fail([{ current: all.length ? `${all.length} configured, none enabled` : 'none configured' }]);
      },
    }),
    removeRule('removeCompletedDownloads', 'Remove completed downloads from SABnzbd history', 'Remove Completed'),
    removeRule('removeFailedDownloads', 'Remove failed downloads from SABnzbd history', 'Remove Failed'),
    customRule({
      id: `${app}.sab_category`,
      app,
      ref: 'S9',
      title: 'SABnzbd category exists',
      severity: 'warning',
      settingUi: `Settings → Download Clients → SABnzbd → Category`,
      settingApi: `fields.${categoryField} (${clients}) vs SABnzbd categories (get_config section=categories)`,
      read: `${clients}; SABnzbd mode=get_config&section=categories`,
      expected: `a category that exists in SABnzbd (TRaSH: "${app === 'sonarr' ? 'tv' : 'movies'}")`,
      why: `Without its own category ${name}'s downloads land in SABnzbd's default folder and mix with everything else; a category SABnzbd does not know is silently replaced by the default.`,
      source: `${TRASH}docs/Downloaders/SABnzbd/Paths-and-Categories.md`,
      reads: ['downloadClients'],
      check: ({ snap, stack }) => {
        const sabs = enabledSabClients(snap);
        if (!sabs.length) return notApplicable(`${name} has no SABnzbd download client`);
        const failures = [];
        for (const c of sabs) {
          const cat = asString(clientField(c, categoryField)) ?? '';
          if (!cat) {
            failures.push({
              subject: clientName(c),
              current: '',
              detail: `download client "${clientName(c)}" has no category`,
            });
            continue;
          }
          const sab = sabFor(stack, c);
          const known = sab && sabCategories(sab);
          if (known && !known.includes(cat)) {
            failures.push({
              subject: clientName(c),
              current: cat,
              detail: `${sab.instance.name} has no category "${cat}" (it has ${known.join(', ') || 'none'})`,
            });
          }
        }
        return fail(failures);
      },
    }),
    customRule({
      id: `${app}.root_folders_accessible`,
      app,
      ref: 'S10',
      title: 'Root folders are reachable',
      severity: 'critical',
      settingUi: 'Settings → Media Management → Root Folders',
      settingApi: 'accessible (GET /api/v3/rootfolder)',
      read: 'GET /api/v3/rootfolder',
      expected: 'at least one root folder, all accessible',
      why: `A root folder ${name} cannot reach (unmounted disk, wrong Docker volume) makes every import into it fail.`,
      source: `${TRASH}includes/downloaders/warning-path-location.md`,
      reads: ['rootFolders'],
      check: ({ snap }) => {
        const folders = objects(snap.sources.rootFolders);
        if (!folders.length) return fail([{ current: 'none', detail: 'no root folder is configured' }]);
        return fail(
          folders
            .filter((f) => asBool(f.accessible) === false)
            .map((f) => ({ subject: asString(f.path), current: 'not accessible', detail: asString(f.path) })),
        );
      },
    }),
    customRule({
      id: `${app}.library_outside_downloads`,
      app,
      ref: 'S10',
      title: 'Library and download folders are separate',
      severity: 'warning',
      settingUi: 'Settings → Media Management → Root Folders, and SABnzbd Config → Folders',
      settingApi: 'path (GET /api/v3/rootfolder) vs SABnzbd misc complete_dir / download_dir',
      read: 'GET /api/v3/rootfolder; SABnzbd mode=get_config&section=misc',
      expected: 'no root folder inside (or around) SABnzbd’s complete or incomplete folder',
      why: 'When the library and the download folders overlap, the media server sees half-finished downloads and imports move files onto themselves; keep them side by side under one /data mount instead.',
      source: `${TRASH}includes/downloaders/warning-path-location.md`,
      reads: ['rootFolders'],
      check: ({ snap, stack }) => {
        const sab = stack.instances.find((i) => i.instance.app === 'sabnzbd' && isObj(i.sources.misc));
        if (!sab || !isObj(sab.sources.misc)) return notApplicable('no SABnzbd settings to compare with');
        const dirs = [sab.sources.misc.complete_dir, sab.sources.misc.download_dir]
          .map((d) => asString(d) ?? '')
          .filter((d) => d.startsWith('/') || /^[a-z]:/i.test(d));
        if (!dirs.length) return notApplicable(`${sab.instance.name} uses relative folders; cannot compare paths`);
        const failures = [];
        for (const f of objects(snap.sources.rootFolders)) {
          const path = asString(f.path) ?? '';
          const clash = dirs.find((d) => isInside(path, d) || isInside(d, path));
          if (path && clash)
            failures.push({ subject: path, current: path, detail: `overlaps SABnzbd's folder ${clash}` });
        }
        return fail(failures);
      },
    }),
    customRule({
      id: `${app}.remote_path_mappings`,
      app,
      ref: 'S11',
      title: 'No remote path mappings',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Download Clients → Remote Path Mappings',
      settingApi: 'GET /api/v3/remotepathmapping',
      read: 'GET /api/v3/remotepathmapping',
      expected: 'none, when SABnzbd and the *arr apps share the same /data mount',
      why: 'Remote path mappings usually paper over containers that mount the same folders under different paths; consistent mounts make them unnecessary and allow hardlinks. Needed for remote download clients, so your call.',
      source: `${TRASH}docs/Sonarr/Tips/Sonarr-remote-path-mapping.md`,
      reads: ['remotePathMappings'],
      check: ({ snap }) =>
        fail(
          objects(snap.sources.remotePathMappings).map((m) => ({
            subject: `${asString(m.host)}:${asString(m.remotePath)}`,
            current: `${asString(m.remotePath)} → ${asString(m.localPath)}`,
          })),
        ),
    }),
    ...(['error', 'warning'] as const).map((level) =>
      customRule({
        id: `${app}.health_${level}s`,
        app,
        ref: 'S15',
        title: `${name} reports no health ${level}s`,
        severity: level === 'error' ? 'critical' : 'warning',
        settingUi: 'System → Status → Health',
        settingApi: 'GET /api/v3/health',
        read: 'GET /api/v3/health',
        expected: `no ${level} entries`,
        why: `${name}'s own health checks (download client, indexers, root folders, path mappings) found a problem; its message and wiki link say what to do.`,
        source: `https://wiki.servarr.com/${app}/system#health`,
        reads: ['health'],
        check: ({ snap }) =>
          fail(
            objects(snap.sources.health)
              .filter((h) => asString(h.type)?.toLowerCase() === level)
              .map((h) => ({
                subject: `${asString(h.source) ?? 'health'}: ${asString(h.message) ?? ''}`,
                current: asString(h.message) ?? level,
                detail: [asString(h.source), asString(h.wikiUrl)].filter(Boolean).join(' — ') || undefined,
              })),
          ),
      }),
    ),
    customRule({
      id: `${app}.torrent_blocklist`,
      app,
      ref: 'S16',
      title: 'Reject blocklisted torrent hashes',
      severity: 'warning',
      settingUi: 'Settings → Indexers → (torrent indexer) → Reject Blocklisted Torrent Hashes While Grabbing',
      settingApi: 'fields.rejectBlocklistedTorrentHashesWhileGrabbing (GET /api/v3/indexer)',
      read: 'GET /api/v3/indexer',
      expected: 'on for every torrent indexer',
      why: 'A release removed as stalled or bad comes back under a new grab unless its hash is rejected.',
      source: 'https://github.com/Cleanuparr/Cleanuparr/blob/main/docs/docs/installation/index.mdx',
      reads: ['indexers'],
      check: ({ snap }) => {
        const torrents = objects(snap.sources.indexers).filter((i) => i.protocol === 'torrent');
        if (!torrents.length) return notApplicable(`${name} has no torrent indexers`);
        return fail(
          torrents
            .filter((i) => asBool(clientField(i, 'rejectBlocklistedTorrentHashesWhileGrabbing')) === false)
            .map((i) => ({ subject: asString(i.name), current: false })),
        );
      },
    }),
  ];
}
