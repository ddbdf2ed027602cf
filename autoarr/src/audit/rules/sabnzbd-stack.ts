// SABnzbd: rules over sorters, servers, categories and folders, the cross-app host whitelist, and SABnzbd's own
// warnings (landscape.md §4 N1, N17, N19, N20 and the app's health).
import type { Rule } from '../types.js';
import { asBool, asList, asNumber, asString, isInside, isObj, objects } from '../values.js';
import { clientField } from './arr-stack.js';
import { customRule, fail, notApplicable, pass } from './define.js';

const SETUP = 'https://github.com/TRaSH-Guides/Guides/blob/master/docs/Downloaders/SABnzbd/Basic-Setup.md';
const PATHS = 'https://github.com/TRaSH-Guides/Guides/blob/master/docs/Downloaders/SABnzbd/Paths-and-Categories.md';
const isAbsolute = (p: string) => p.startsWith('/') || /^[a-z]:[\\/]/i.test(p);
const isIp = (h: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':');

export function sabStackRules(): Rule[] {
  return [
    customRule({
      id: 'sabnzbd.sorting',
      app: 'sabnzbd',
      ref: 'N1',
      title: 'Sorting is off',
      severity: 'critical',
      settingUi: 'Config → Sorting → (each sorter) → Enable',
      settingApi: 'sorters[].is_active',
      read: 'SABnzbd API mode=get_config&section=sorters',
      expected: 'every sorter disabled',
      why: 'Sorting moves and renames files after download, so Sonarr and Radarr no longer find them where SABnzbd said they are and the import fails.',
      source: SETUP,
      reads: ['sorters'],
      check: ({ snap }) =>
        fail(
          objects(snap.sources.sorters)
            .filter((s) => asBool(s.is_active) === true)
            .map((s) => ({
              subject: asString(s.name),
              current: true,
              detail: `sorter "${asString(s.name)}" is active`,
            })),
        ),
    }),
    customRule({
      id: 'sabnzbd.servers_enabled',
      app: 'sabnzbd',
      ref: 'N17',
      title: 'A news server is enabled',
      severity: 'critical',
      settingUi: 'Config → Servers',
      settingApi: 'servers[].enable',
      read: 'SABnzbd API mode=get_config&section=servers',
      expected: 'at least one enabled server',
      why: 'Without an enabled news server nothing can download.',
      source: SETUP,
      reads: ['servers'],
      check: ({ snap }) =>
        objects(snap.sources.servers).some((s) => asBool(s.enable) !== false)
          ? pass
          : fail([{ current: 'no enabled server' }]),
    }),
    customRule({
      id: 'sabnzbd.servers_ssl',
      app: 'sabnzbd',
      ref: 'N17',
      title: 'News servers use SSL',
      severity: 'warning',
      settingUi: 'Config → Servers → (server) → SSL',
      settingApi: 'servers[].ssl',
      read: 'SABnzbd API mode=get_config&section=servers',
      expected: 'on for every enabled server',
      why: 'Without SSL your provider and anyone on the path can see what you download, and some providers throttle plain connections. Turning it on also needs the SSL port (usually 563), so AutoArr does not change it for you.',
      source: SETUP,
      reads: ['servers'],
      check: ({ snap }) =>
        fail(
          objects(snap.sources.servers)
            .filter((s) => asBool(s.enable) !== false && asBool(s.ssl) === false)
            .map((s) => ({ subject: asString(s.displayname) || asString(s.name), current: false })),
        ),
    }),
    customRule({
      id: 'sabnzbd.category_folders',
      app: 'sabnzbd',
      ref: 'N19',
      title: 'Category folders are relative',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → Categories → Folder/Path',
      settingApi: 'categories[].dir',
      read: 'SABnzbd API mode=get_config&section=categories',
      expected: 'relative folder names (tv, movies) inside the completed folder',
      why: 'Relative category folders keep every download under one completed folder on one file system, which hardlinks and atomic moves need.',
      source: PATHS,
      reads: ['categories'],
      check: ({ snap }) =>
        fail(
          objects(snap.sources.categories)
            .filter((c) => isAbsolute(asString(c.dir) ?? ''))
            .map((c) => ({ subject: asString(c.name), current: asString(c.dir) })),
        ),
    }),
    customRule({
      id: 'sabnzbd.folders_separate',
      app: 'sabnzbd',
      ref: 'N19',
      title: 'Incomplete and complete folders are separate',
      severity: 'warning',
      settingUi: 'Config → Folders → Temporary Download Folder / Completed Download Folder',
      settingApi: 'misc.download_dir, misc.complete_dir',
      read: 'SABnzbd API mode=get_config&section=misc',
      expected: 'two different folders, neither inside the other',
      why: 'When the temporary folder is the completed folder (or inside it) Sonarr/Radarr see unfinished jobs and try to import them.',
      source: PATHS,
      reads: ['misc'],
      check: ({ snap }) => {
        const misc = isObj(snap.sources.misc) ? snap.sources.misc : {};
        const dl = asString(misc.download_dir) ?? '';
        const done = asString(misc.complete_dir) ?? '';
        if (!dl || !done) return { status: 'unknown', reason: 'folders not reported' };
        return isInside(dl, done) || isInside(done, dl) ? fail([{ current: `${dl} / ${done}` }]) : pass;
      },
    }),
    customRule({
      id: 'sabnzbd.host_whitelist',
      app: 'sabnzbd',
      ref: 'N20',
      title: 'Sonarr/Radarr host names are whitelisted',
      severity: 'warning',
      fixable: true,
      settingUi: 'Config → Special → host_whitelist',
      settingApi: 'misc.host_whitelist',
      read: 'SABnzbd API mode=get_config&section=misc; Sonarr/Radarr GET /api/v3/downloadclient',
      expected: 'contains every host name Sonarr/Radarr use to reach SABnzbd',
      why: 'SABnzbd refuses requests addressed to a host name it does not know, and Sonarr/Radarr then report "Unable to connect to SABnzbd".',
      source: SETUP,
      reads: ['misc'],
      check: ({ snap, stack }) => {
        const misc = isObj(snap.sources.misc) ? snap.sources.misc : {};
        const list = asList(misc.host_whitelist);
        const known = new Set(list.map((h) => h.toLowerCase()));
        const needed = new Set<string>();
        for (const arr of stack.instances.filter((i) => i.instance.app === 'sonarr' || i.instance.app === 'radarr')) {
          for (const c of objects(arr.sources.downloadClients)) {
            if (asString(c.implementation)?.toLowerCase() !== 'sabnzbd') continue;
            const host = asString(clientField(c, 'host'))?.toLowerCase() ?? '';
            if (host && !isIp(host) && host !== 'localhost' && !known.has(host)) needed.add(host);
          }
        }
        if (!stack.instances.some((i) => i.instance.app === 'sonarr' || i.instance.app === 'radarr'))
          return notApplicable('no Sonarr or Radarr instance to compare with');
        if (!needed.size) return pass;
        const value = [...list, ...needed];
        return fail([
          {
            current: list,
            detail: `missing: ${[...needed].join(', ')}`,
            fix: {
              target: { kind: 'sab_misc', keyword: 'host_whitelist' },
              value,
              effect: `SABnzbd accepts requests addressed to ${[...needed].join(', ')}.`,
            },
          },
        ]);
      },
    }),
    ...(['ERROR', 'WARNING'] as const).map((level) =>
      customRule({
        id: `sabnzbd.${level.toLowerCase()}s`,
        app: 'sabnzbd',
        ref: 'health',
        title: `SABnzbd reports no ${level === 'ERROR' ? 'errors' : 'warnings'}`,
        severity: level === 'ERROR' ? 'warning' : 'info',
        settingUi: 'Status → Warnings',
        settingApi: 'mode=warnings',
        read: 'SABnzbd API mode=warnings',
        expected: `no ${level} entries`,
        why: "SABnzbd's own warnings name problems such as full disks, server login failures or unwritable folders.",
        source: 'https://sabnzbd.org/wiki/configuration/5.0/api',
        reads: ['warnings'],
        check: ({ snap }) => {
          const seen = new Set<string>();
          const failures = [];
          for (const w of objects(snap.sources.warnings)) {
            const text = asString(w.text) ?? '';
            if (asString(w.type)?.toUpperCase() !== level || !text || seen.has(text)) continue;
            seen.add(text);
            failures.push({ subject: text.slice(0, 120), current: text, detail: timeOf(w.time) });
          }
          return fail(failures.slice(0, 10));
        },
      }),
    ),
  ];
}

function timeOf(v: unknown): string | undefined {
  const n = asNumber(v);
  return n ? `at ${new Date(n * 1000).toISOString()}` : undefined;
}
