// Purpose-made settings: a stack on which every rule passes, and per rule one change that makes it fail.
import type { InstanceSnapshot, StackSnapshot } from '../types.js';
import type { Obj } from '../values.js';
import { RISKY_EXTENSIONS } from '../rules/sabnzbd-misc.js';

export const SAB_API_KEY = 'sabkey0123456789abcdef0123456789';
export const SAB_NZB_KEY = 'nzbkey0123456789abcdef0123456789';
export const SERVER_PASSWORD = 'hunter2-news-password';
export const PLEX_TOKEN = 'plex-online-token-xyz-123456';

function arr(app: 'sonarr' | 'radarr'): InstanceSnapshot {
  const s = app === 'sonarr';
  return {
    instance: { id: app, app, name: s ? 'Sonarr' : 'Radarr' },
    errors: {},
    sources: {
      mediamanagement: {
        id: 1,
        copyUsingHardlinks: true,
        enableMediaInfo: true,
        skipFreeSpaceCheckWhenImporting: false,
        downloadPropersAndRepacks: 'doNotPrefer',
        ...(s ? { episodeTitleRequired: 'always' } : {}),
      },
      naming: s
        ? {
            id: 1,
            renameEpisodes: true,
            standardEpisodeFormat:
              '{Series TitleYear} - S{season:00}E{episode:00} - {Episode CleanTitle} [{Quality Full}]',
            seriesFolderFormat: '{Series TitleYear} {tvdb-{TvdbId}}',
          }
        : {
            id: 1,
            renameMovies: true,
            standardMovieFormat: '{Movie CleanTitle} {(Release Year)} [{Quality Full}]',
            movieFolderFormat: '{Movie CleanTitle} ({Release Year}) {tmdb-{TmdbId}}',
          },
      downloadclient: { id: 1, enableCompletedDownloadHandling: true, autoRedownloadFailed: true },
      indexer: { id: 1, rssSyncInterval: 15 },
      downloadClients: [
        {
          id: 1,
          name: 'SABnzbd',
          implementation: 'Sabnzbd',
          enable: true,
          protocol: 'usenet',
          removeCompletedDownloads: true,
          removeFailedDownloads: true,
          fields: [
            { name: 'host', value: 'sabnzbd' },
            { name: s ? 'tvCategory' : 'movieCategory', value: s ? 'tv' : 'movies' },
          ],
        },
      ],
      qualityProfiles: [
        {
          id: 1,
          name: 'WEB-1080p',
          upgradeAllowed: true,
          minUpgradeFormatScore: 1,
          formatItems: [
            { format: 1, name: 'BR-DISK', score: -10000 },
            { format: 2, name: 'Repack/Proper', score: 5 },
          ],
        },
      ],
      rootFolders: [{ id: 1, path: s ? '/data/media/tv' : '/data/media/movies', accessible: true }],
      health: [],
      remotePathMappings: [],
      qualityDefinitions: [{ title: 'WEBDL-1080p', minSize: 5, maxSize: 1000 }],
      indexers: [
        {
          name: 'Tracker',
          protocol: 'torrent',
          fields: [{ name: 'rejectBlocklistedTorrentHashesWhileGrabbing', value: true }],
        },
      ],
    },
  };
}

function sab(): InstanceSnapshot {
  return {
    instance: { id: 'sabnzbd', app: 'sabnzbd', name: 'SABnzbd' },
    errors: {},
    sources: {
      misc: {
        fail_hopeless_jobs: 1,
        safe_postproc: true,
        direct_unpack: 1,
        pause_on_post_processing: 0,
        enable_all_par: 0,
        enable_recursive: 1,
        flat_unpack: true,
        ignore_samples: false,
        deobfuscate_final_filenames: 1,
        unwanted_extensions: [...RISKY_EXTENSIONS, 'iso'],
        action_on_unwanted_extensions: 2,
        pause_on_pwrar: 2,
        no_dupes: 4,
        no_smart_dupes: 3,
        propagation_delay: 5,
        auto_sort: '',
        nzb_backup_dir: '/config/nzb-backup',
        bandwidth_max: '50M',
        download_free: '10G',
        host_whitelist: ['sabnzbd'],
        complete_dir: '/data/usenet/complete',
        download_dir: '/data/usenet/incomplete',
      },
      servers: [{ name: 'news.example', displayname: 'News', enable: 1, ssl: 1 }],
      categories: [
        { name: '*', dir: '' },
        { name: 'tv', dir: 'tv' },
        { name: 'movies', dir: 'movies' },
      ],
      sorters: [{ name: 'TV Sorting', is_active: 0 }],
      warnings: [],
    },
  };
}

function plex(): InstanceSnapshot {
  return {
    instance: { id: 'plex', app: 'plex', name: 'Plex' },
    errors: {},
    sources: {
      prefs: {
        FSEventLibraryUpdatesEnabled: true,
        FSEventLibraryPartialScanEnabled: '1',
        ScheduledLibraryUpdatesEnabled: false,
        autoEmptyTrash: 1,
        allowMediaDeletion: false,
        ScannerLowPriority: true,
        GenerateBIFBehavior: 'never',
        GenerateIntroMarkerBehavior: 'scheduled',
        GenerateCreditsMarkerBehavior: 'never',
        GenerateChapterThumbBehavior: 'scheduled',
        RelayEnabled: false,
        secureConnections: 1,
        EnableIPv6: false,
        HardwareAcceleratedCodecs: true,
        TreatWanIpAsLocal: true,
      },
      sections: [
        { key: '1', title: 'Movies', type: 'movie', agent: 'tv.plex.agents.movie' },
        { key: '2', title: 'TV Shows', type: 'show', agent: 'tv.plex.agents.series' },
      ],
      identity: { claimed: true, machineIdentifier: 'abc', version: '1.41.0' },
    },
  };
}

/** A stack on which every rule of the catalogue passes. */
export function goodStack(): StackSnapshot {
  return { instances: [arr('sonarr'), arr('radarr'), sab(), plex()] };
}

export function source(stack: StackSnapshot, instanceId: string, name: string): Obj {
  const v = stack.instances.find((i) => i.instance.id === instanceId)?.sources[name as never];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`no object source ${instanceId}.${name}`);
  return v as Obj;
}

export function list(stack: StackSnapshot, instanceId: string, name: string): Obj[] {
  const v = stack.instances.find((i) => i.instance.id === instanceId)?.sources[name as never];
  if (!Array.isArray(v)) throw new Error(`no list source ${instanceId}.${name}`);
  return v as Obj[];
}

type Mutate = (s: StackSnapshot) => void;

function arrCases(app: 'sonarr' | 'radarr'): Record<string, Mutate> {
  const mm = (s: StackSnapshot) => source(s, app, 'mediamanagement');
  const naming = (s: StackSnapshot) => source(s, app, 'naming');
  const client = (s: StackSnapshot) => list(s, app, 'downloadClients')[0]!;
  const profile = (s: StackSnapshot) => list(s, app, 'qualityProfiles')[0]!;
  const folderKey = app === 'sonarr' ? 'seriesFolderFormat' : 'movieFolderFormat';
  const cases: Record<string, Mutate> = {
    hardlinks: (s) => void (mm(s).copyUsingHardlinks = false),
    rename: (s) => void (naming(s)[app === 'sonarr' ? 'renameEpisodes' : 'renameMovies'] = false),
    mediainfo: (s) => void (mm(s).enableMediaInfo = false),
    completed_download_handling: (s) => void (source(s, app, 'downloadclient').enableCompletedDownloadHandling = false),
    redownload_failed: (s) => void (source(s, app, 'downloadclient').autoRedownloadFailed = false),
    free_space_check: (s) => void (mm(s).skipFreeSpaceCheckWhenImporting = true),
    rss_sync: (s) => void (source(s, app, 'indexer').rssSyncInterval = 0),
    propers_repacks: (s) => void (mm(s).downloadPropersAndRepacks = 'preferAndUpgrade'),
    download_client: (s) => void (client(s).enable = false),
    remove_completed: (s) => void (client(s).removeCompletedDownloads = false),
    remove_failed: (s) => void (client(s).removeFailedDownloads = false),
    sab_category: (s) => void ((client(s).fields as Obj[])[1]!.value = 'television'),
    root_folders_accessible: (s) => void (list(s, app, 'rootFolders')[0]!.accessible = false),
    library_outside_downloads: (s) => void (list(s, app, 'rootFolders')[0]!.path = '/data/usenet/complete/library'),
    remote_path_mappings: (s) =>
      void list(s, app, 'remotePathMappings').push({
        host: 'sabnzbd',
        remotePath: '/downloads',
        localPath: '/data/usenet',
      }),
    health_errors: (s) =>
      void list(s, app, 'health').push({
        source: 'DownloadClientCheck',
        type: 'error',
        message: 'Unable to communicate with SABnzbd',
      }),
    health_warnings: (s) =>
      void list(s, app, 'health').push({ source: 'IndexerRssCheck', type: 'warning', message: 'No indexers with RSS' }),
    torrent_blocklist: (s) => void ((list(s, app, 'indexers')[0]!.fields as Obj[])[0]!.value = false),
    naming_file_format: (s) =>
      void (naming(s)[app === 'sonarr' ? 'standardEpisodeFormat' : 'standardMovieFormat'] =
        '{Series Title} - {episode}'),
    naming_folder_year: (s) =>
      void (naming(s)[folderKey] =
        app === 'sonarr' ? '{Series CleanTitleWithoutYear} {tvdb-{TvdbId}}' : '{Movie CleanTitle} {tmdb-{TmdbId}}'),
    naming_folder_id: (s) =>
      void (naming(s)[folderKey] = app === 'sonarr' ? '{Series TitleYear}' : '{Movie TitleYear}'),
    quality_sizes: (s) => void (list(s, app, 'qualityDefinitions')[0]!.minSize = 0),
    profile_upgrades: (s) => void (profile(s).upgradeAllowed = false),
    unwanted_formats: (s) => void ((profile(s).formatItems as Obj[])[0]!.score = 0),
  };
  if (app === 'sonarr') cases.episode_title_required = (s) => void (mm(s).episodeTitleRequired = 'never');
  return Object.fromEntries(Object.entries(cases).map(([k, v]) => [`${app}.${k}`, v]));
}

const misc = (s: StackSnapshot) => source(s, 'sabnzbd', 'misc');
const prefs = (s: StackSnapshot) => source(s, 'plex', 'prefs');

/** Per rule id: one change to the good stack that makes exactly that rule fail. */
export const FAILING: Record<string, Mutate> = {
  ...arrCases('sonarr'),
  ...arrCases('radarr'),
  'sabnzbd.fail_hopeless': (s) => void (misc(s).fail_hopeless_jobs = 0),
  'sabnzbd.safe_postproc': (s) => void (misc(s).safe_postproc = false),
  'sabnzbd.direct_unpack': (s) => void (misc(s).direct_unpack = 0),
  'sabnzbd.pause_on_post_processing': (s) => void (misc(s).pause_on_post_processing = true),
  'sabnzbd.enable_all_par': (s) => void (misc(s).enable_all_par = 1),
  'sabnzbd.recursive_unpack': (s) => void (misc(s).enable_recursive = false),
  'sabnzbd.flat_unpack': (s) => void (misc(s).flat_unpack = 0),
  'sabnzbd.ignore_samples': (s) => void (misc(s).ignore_samples = 1),
  'sabnzbd.deobfuscate': (s) => void (misc(s).deobfuscate_final_filenames = false),
  'sabnzbd.unwanted_extensions': (s) => void (misc(s).unwanted_extensions = ['iso', 'exe']),
  'sabnzbd.unwanted_action': (s) => void (misc(s).action_on_unwanted_extensions = 1),
  'sabnzbd.encrypted_rar': (s) => void (misc(s).pause_on_pwrar = 1),
  'sabnzbd.no_dupes': (s) => void (misc(s).no_dupes = 1),
  'sabnzbd.no_smart_dupes': (s) => void (misc(s).no_smart_dupes = 0),
  'sabnzbd.propagation_delay': (s) => void (misc(s).propagation_delay = 60),
  'sabnzbd.auto_sort': (s) => void (misc(s).auto_sort = 'remaining asc'),
  'sabnzbd.nzb_backup': (s) => void (misc(s).nzb_backup_dir = ''),
  'sabnzbd.bandwidth_max': (s) => void (misc(s).bandwidth_max = ''),
  'sabnzbd.download_free': (s) => void (misc(s).download_free = ''),
  'sabnzbd.sorting': (s) => void (list(s, 'sabnzbd', 'sorters')[0]!.is_active = 1),
  'sabnzbd.servers_enabled': (s) => void (list(s, 'sabnzbd', 'servers')[0]!.enable = 0),
  'sabnzbd.servers_ssl': (s) => void (list(s, 'sabnzbd', 'servers')[0]!.ssl = 0),
  'sabnzbd.category_folders': (s) => void (list(s, 'sabnzbd', 'categories')[1]!.dir = '/data/tv'),
  'sabnzbd.folders_separate': (s) => void (misc(s).download_dir = '/data/usenet/complete/incomplete'),
  'sabnzbd.host_whitelist': (s) => void (misc(s).host_whitelist = ['nas.local']),
  'sabnzbd.errors': (s) => void list(s, 'sabnzbd', 'warnings').push({ type: 'ERROR', text: 'Disk full', time: 1 }),
  'sabnzbd.warnings': (s) =>
    void list(s, 'sabnzbd', 'warnings').push({ type: 'WARNING', text: 'Server login failed', time: 1 }),
  'plex.scan_automatically': (s) => void (prefs(s).FSEventLibraryUpdatesEnabled = false),
  'plex.partial_scan': (s) => void (prefs(s).FSEventLibraryPartialScanEnabled = '0'),
  'plex.periodic_scan': (s) => void (prefs(s).ScheduledLibraryUpdatesEnabled = true),
  'plex.empty_trash': (s) => void (prefs(s).autoEmptyTrash = 0),
  'plex.media_deletion': (s) => void (prefs(s).allowMediaDeletion = true),
  'plex.scanner_low_priority': (s) => void (prefs(s).ScannerLowPriority = false),
  'plex.video_preview_thumbnails': (s) => void (prefs(s).GenerateBIFBehavior = 'asap'),
  'plex.intro_markers': (s) => void (prefs(s).GenerateIntroMarkerBehavior = 'asap'),
  'plex.credits_markers': (s) => void (prefs(s).GenerateCreditsMarkerBehavior = 'asap'),
  'plex.chapter_thumbnails': (s) => void (prefs(s).GenerateChapterThumbBehavior = 'asap'),
  'plex.relay': (s) => void (prefs(s).RelayEnabled = true),
  'plex.secure_connections': (s) => void (prefs(s).secureConnections = 2),
  'plex.ipv6': (s) => void (prefs(s).EnableIPv6 = true),
  'plex.hardware_transcoding': (s) => void (prefs(s).HardwareAcceleratedCodecs = false),
  'plex.wan_as_lan': (s) => void (prefs(s).TreatWanIpAsLocal = false),
  'plex.library_agents': (s) => void (list(s, 'plex', 'sections')[0]!.agent = 'com.plexapp.agents.imdb'),
  'plex.claimed': (s) => void (source(s, 'plex', 'identity').claimed = false),
};
