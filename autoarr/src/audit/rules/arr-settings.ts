// Sonarr and Radarr: single-setting rules from landscape.md §4 S1–S7, S17 and a few more from the v3 config
// resources. Built per app because the two name a few fields and screens differently.
import type { Rule } from '../types.js';
import { asBool, asNumber, asString } from '../values.js';
import { settingRule } from './define.js';

export type ArrApp = 'sonarr' | 'radarr';

export const TRASH = 'https://github.com/TRaSH-Guides/Guides/blob/master/';
export const TRASH_SAB_SETUP = `${TRASH}docs/Downloaders/SABnzbd/Basic-Setup.md`;

export const label = (app: ArrApp) => (app === 'sonarr' ? 'Sonarr' : 'Radarr');
const api = (field: string, config: string) => `${field} (GET /api/v3/config/${config})`;
const read = (config: string) => `GET /api/v3/config/${config}`;
const isTrue = (v: unknown) => asBool(v) === true;
const isFalse = (v: unknown) => asBool(v) === false;

export function arrSettingRules(app: ArrApp): Rule[] {
  const name = label(app);
  const media = app === 'sonarr' ? 'Episode' : 'Movie';
  const rules: Rule[] = [
    settingRule({
      id: `${app}.hardlinks`,
      app,
      ref: 'S1',
      title: 'Use hardlinks instead of copy',
      severity: 'warning',
      settingUi: 'Settings → Media Management → Importing → Use Hardlinks instead of Copy',
      settingApi: api('copyUsingHardlinks', 'mediamanagement'),
      read: read('mediamanagement'),
      expected: 'on',
      why: `With hardlinks an import is instant and takes no extra disk space; without them ${name} copies every file, which is slow and doubles the space while the download client still holds it.`,
      source: `${TRASH}docs/File-and-Folder-Structure/Examples.md`,
      from: 'mediamanagement',
      key: 'copyUsingHardlinks',
      ok: isTrue,
      fix: {
        value: true,
        effect: `${name} hardlinks files on import when the download and library folders share a file system, and copies otherwise.`,
      },
    }),
    settingRule({
      id: `${app}.rename`,
      app,
      ref: 'S3',
      title: `Rename ${media.toLowerCase()}s`,
      severity: 'warning',
      settingUi: `Settings → Media Management → ${media} Naming → Rename ${media}s`,
      settingApi: api(app === 'sonarr' ? 'renameEpisodes' : 'renameMovies', 'naming'),
      read: read('naming'),
      expected: 'on',
      why: `Without renaming, files keep the release name, so quality and media details are missing from file names and media servers match less reliably.`,
      source: `${TRASH}docs/${name}/${name}-recommended-naming-scheme.md`,
      from: 'naming',
      key: app === 'sonarr' ? 'renameEpisodes' : 'renameMovies',
      ok: isTrue,
      fix: {
        value: true,
        effect: `Files imported from now on are named with ${name}'s naming format; files already in the library keep their names until you rename them in ${name}.`,
      },
    }),
    settingRule({
      id: `${app}.mediainfo`,
      app,
      ref: 'S4',
      title: 'Analyse video files',
      severity: 'warning',
      settingUi: 'Settings → Media Management → File Management → Analyse video files',
      settingApi: api('enableMediaInfo', 'mediamanagement'),
      read: read('mediamanagement'),
      expected: 'on',
      why: `${name} needs the media information of each file for the MediaInfo naming tokens and to judge the real quality of an import.`,
      source: `${TRASH}docs/${name}/${name}-recommended-naming-scheme.md`,
      from: 'mediamanagement',
      key: 'enableMediaInfo',
      ok: isTrue,
      fix: { value: true, effect: `${name} reads codec and resolution details from each file it imports or rescans.` },
    }),
    settingRule({
      id: `${app}.completed_download_handling`,
      app,
      ref: 'S6',
      title: 'Completed download handling',
      severity: 'critical',
      settingUi: 'Settings → Download Clients → Completed Download Handling → Enable',
      settingApi: api('enableCompletedDownloadHandling', 'downloadclient'),
      read: read('downloadclient'),
      expected: 'on',
      why: `Without it ${name} never imports finished downloads by itself: everything waits in the download folder until someone imports it by hand.`,
      source: TRASH_SAB_SETUP,
      from: 'downloadclient',
      key: 'enableCompletedDownloadHandling',
      ok: isTrue,
      fix: { value: true, effect: `${name} imports finished downloads automatically.` },
    }),
    settingRule({
      id: `${app}.redownload_failed`,
      app,
      ref: 'S7',
      title: 'Redownload failed downloads',
      severity: 'warning',
      settingUi: 'Settings → Download Clients → Failed Download Handling → Redownload Failed',
      settingApi: api('autoRedownloadFailed', 'downloadclient'),
      read: read('downloadclient'),
      expected: 'on',
      why: `When SABnzbd fails a job, ${name} should blocklist that release and search for another one; with this off the ${media.toLowerCase()} just stays missing.`,
      source: TRASH_SAB_SETUP,
      from: 'downloadclient',
      key: 'autoRedownloadFailed',
      ok: isTrue,
      fix: {
        value: true,
        effect: `A failed download is blocklisted and ${name} searches for another release automatically.`,
      },
    }),
    settingRule({
      id: `${app}.free_space_check`,
      app,
      ref: 'extra',
      title: 'Check free space before importing',
      severity: 'warning',
      settingUi: 'Settings → Media Management → Root Folders → Skip Free Space Check (advanced)',
      settingApi: api('skipFreeSpaceCheckWhenImporting', 'mediamanagement'),
      read: read('mediamanagement'),
      expected: 'off (the check runs)',
      why: `Skipping the check lets an import fill the library disk completely, which breaks the import half-way and can corrupt the media server's database.`,
      source: `https://wiki.servarr.com/${app}/settings#root-folders`,
      from: 'mediamanagement',
      key: 'skipFreeSpaceCheckWhenImporting',
      ok: isFalse,
      fix: { value: false, effect: `${name} refuses an import that would leave less than the minimum free space.` },
    }),
    settingRule({
      id: `${app}.rss_sync`,
      app,
      ref: 'extra',
      title: 'RSS sync is on',
      severity: 'warning',
      settingUi: 'Settings → Indexers → Options → RSS Sync Interval',
      settingApi: api('rssSyncInterval', 'indexer'),
      read: read('indexer'),
      expected: 'between 10 and 120 minutes (0 turns RSS off)',
      why: `RSS sync is how new releases are grabbed as they appear; at 0 nothing new is found unless someone searches by hand.`,
      source: `https://wiki.servarr.com/${app}/settings#options`,
      from: 'indexer',
      key: 'rssSyncInterval',
      ok: (v) => {
        const n = asNumber(v);
        return n !== undefined && n >= 10 && n <= 120;
      },
      fix: { value: 15, effect: `${name} checks the indexers' RSS feeds for new releases every 15 minutes.` },
    }),
  ];
  if (app === 'sonarr') {
    rules.push(
      settingRule({
        id: 'sonarr.episode_title_required',
        app,
        ref: 'S17',
        title: 'Episode title required',
        severity: 'info',
        settingUi: 'Settings → Media Management → Importing → Episode Title Required',
        settingApi: api('episodeTitleRequired', 'mediamanagement'),
        read: read('mediamanagement'),
        expected: 'Always or Only for Bulk Season Releases',
        why: 'Requiring a title avoids files named "TBA" that stay that way; it also holds imports of brand-new episodes until the title is known, so it is your call.',
        source: 'https://github.com/plexguide/Huntarr.io/issues/714',
        from: 'mediamanagement',
        key: 'episodeTitleRequired',
        judgement: true,
        ok: (v) => v === 'always' || v === 'bulkSeasonReleases',
      }),
    );
  }
  rules.push(
    settingRule({
      id: `${app}.propers_repacks`,
      app,
      ref: 'S2',
      title: 'Propers and repacks decided by custom formats',
      severity: 'info',
      settingUi: 'Settings → Media Management → File Management → Propers and Repacks',
      settingApi: api('downloadPropersAndRepacks', 'mediamanagement'),
      read: read('mediamanagement'),
      expected: 'Do not Prefer when you use custom formats for repacks/propers',
      why: `With the TRaSH custom formats the scores should decide about repacks; "Prefer and Upgrade" overrides the scores. Without those formats the default is fine, so this is your call.`,
      source: `${TRASH}includes/cf/${app}-misc-required.md`,
      from: 'mediamanagement',
      key: 'downloadPropersAndRepacks',
      judgement: true,
      ok: (v) => asString(v) === 'doNotPrefer',
    }),
  );
  return rules;
}
