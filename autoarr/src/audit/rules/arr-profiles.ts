// Sonarr and Radarr: judgement rules about naming formats, quality sizes and profiles (landscape.md §4 S5, S12–S14).
// They are info level and never fixed automatically: the TRaSH values are a good default, not the only right answer.
import type { Rule } from '../types.js';
import { asBool, asNumber, asString, isObj, objects } from '../values.js';
import { customRule, fail, notApplicable, pass } from './define.js';
import { label, TRASH, type ArrApp } from './arr-settings.js';

export function arrProfileRules(app: ArrApp): Rule[] {
  const name = label(app);
  const naming = app === 'sonarr' ? 'sonarr-naming.json' : 'radarr-naming.json';
  const fileKey = app === 'sonarr' ? 'standardEpisodeFormat' : 'standardMovieFormat';
  const folderKey = app === 'sonarr' ? 'seriesFolderFormat' : 'movieFolderFormat';
  const idTokens =
    app === 'sonarr' ? ['{tvdb-', '{imdb-', '[tvdbid-', '{tvdbid-'] : ['{tmdb-', '{imdb-', '[tmdbid-', '{tmdbid-'];
  // Any {… Year …} token except the "WithoutYear" ones: {Series TitleYear}, {(Release Year)}, {Movie CleanTitleYear}.
  const hasYear = (f: string) => (f.match(/\{[^{}]*\}/g) ?? []).some((t) => /year/.test(t) && !/withoutyear/.test(t));
  const namingUi = `Settings → Media Management → ${app === 'sonarr' ? 'Episode' : 'Movie'} Naming`;
  const namingSource = `${TRASH}docs/json/${app}/naming/${naming}`;
  const format = (key: string, test: (f: string) => boolean) => (input: Parameters<Rule['check']>[0]) => {
    const n = input.snap.sources.naming;
    const f = isObj(n) ? asString(n[key]) : undefined;
    if (f === undefined) return { status: 'unknown' as const, reason: `${name} did not report ${key}` };
    return test(f.toLowerCase()) ? pass : fail([{ current: f }]);
  };

  return [
    customRule({
      id: `${app}.naming_file_format`,
      app,
      ref: 'S5',
      title: 'File names carry the quality',
      severity: 'info',
      judgement: true,
      settingUi: `${namingUi} → Standard ${app === 'sonarr' ? 'Episode' : 'Movie'} Format`,
      settingApi: `${fileKey} (GET /api/v3/config/naming)`,
      read: 'GET /api/v3/config/naming',
      expected: 'contains a {Quality …} token (TRaSH naming scheme)',
      why: `File names with the quality let ${name} and you tell an upgrade from the original after a rescan or a rebuild.`,
      source: namingSource,
      reads: ['naming'],
      check: format(fileKey, (f) => f.includes('{quality')),
    }),
    customRule({
      id: `${app}.naming_folder_year`,
      app,
      ref: 'S5',
      title: 'Folder names carry the year',
      severity: 'info',
      judgement: true,
      settingUi: `${namingUi} → ${app === 'sonarr' ? 'Series' : 'Movie'} Folder Format`,
      settingApi: `${folderKey} (GET /api/v3/config/naming)`,
      read: 'GET /api/v3/config/naming',
      expected: `contains ${app === 'sonarr' ? '{Series Year}' : '{Release Year}'}`,
      why: 'The year tells remakes and same-named titles apart, for the media server and for a later re-import.',
      source: namingSource,
      reads: ['naming'],
      check: format(folderKey, hasYear),
    }),
    customRule({
      id: `${app}.naming_folder_id`,
      app,
      ref: 'S5',
      title: 'Folder names carry a database id',
      severity: 'info',
      judgement: true,
      settingUi: `${namingUi} → ${app === 'sonarr' ? 'Series' : 'Movie'} Folder Format`,
      settingApi: `${folderKey} (GET /api/v3/config/naming)`,
      read: 'GET /api/v3/config/naming',
      expected: `contains ${app === 'sonarr' ? '{tvdb-{TvdbId}}' : '{tmdb-{TmdbId}}'} (TRaSH Plex variant)`,
      why: 'An id in the folder name lets Plex and the *arr apps match the title exactly instead of guessing from the name.',
      source: namingSource,
      reads: ['naming'],
      check: format(folderKey, (f) => idTokens.some((t) => f.includes(t))),
    }),
    customRule({
      id: `${app}.quality_sizes`,
      app,
      ref: 'S12',
      title: 'Quality sizes have a lower limit',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Quality → Quality Definitions',
      settingApi: 'minSize (GET /api/v3/qualitydefinition)',
      read: 'GET /api/v3/qualitydefinition',
      expected: 'a minimum size above 0 for 1080p and 2160p qualities (TRaSH quality sizes)',
      why: 'A minimum size filters fakes and badly compressed releases that are far too small for their claimed quality.',
      source: `${TRASH}docs/json/${app}/quality-size/${app === 'sonarr' ? 'series' : 'movie'}.json`,
      reads: ['qualityDefinitions'],
      check: ({ snap }) =>
        fail(
          objects(snap.sources.qualityDefinitions)
            .filter((d) => /1080p|2160p/i.test(asString(d.title) ?? ''))
            .filter((d) => (asNumber(d.minSize) ?? 0) <= 0)
            .map((d) => ({ subject: asString(d.title), current: d.minSize ?? 0 })),
        ),
    }),
    customRule({
      id: `${app}.profile_upgrades`,
      app,
      ref: 'S13',
      title: 'Profiles with custom formats can upgrade',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Profiles → (quality profile) → Upgrades Allowed / Minimum Custom Format Score Increment',
      settingApi: 'upgradeAllowed, minUpgradeFormatScore (GET /api/v3/qualityprofile)',
      read: 'GET /api/v3/qualityprofile',
      expected: 'upgrades allowed and a minimum upgrade score of at least 1 when the profile scores custom formats',
      why: 'Custom format scores only improve the library over time when the profile may upgrade; otherwise the first grab stays forever.',
      source: `${TRASH}docs/json/${app}/quality-profiles/web-1080p.json`,
      reads: ['qualityProfiles'],
      check: ({ snap }) => {
        const scored = objects(snap.sources.qualityProfiles).filter((p) =>
          objects(p.formatItems).some((f) => (asNumber(f.score) ?? 0) !== 0),
        );
        if (!scored.length) return notApplicable('no profile scores custom formats');
        return fail(
          scored
            .filter((p) => asBool(p.upgradeAllowed) === false || (asNumber(p.minUpgradeFormatScore) ?? 1) < 1)
            .map((p) => ({
              subject: asString(p.name),
              current: { upgradeAllowed: p.upgradeAllowed, minUpgradeFormatScore: p.minUpgradeFormatScore },
            })),
        );
      },
    }),
    customRule({
      id: `${app}.unwanted_formats`,
      app,
      ref: 'S14',
      title: 'Unwanted releases are scored down',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Profiles → (quality profile) → Custom Formats',
      settingApi: 'formatItems[].score (GET /api/v3/qualityprofile)',
      read: 'GET /api/v3/qualityprofile',
      expected: 'every profile gives a negative score to BR-DISK and LQ releases',
      why: `Without negative scores for BR-DISK, LQ and similar formats ${name} happily grabs disc images and low-quality groups it cannot import well.`,
      source: `${TRASH}docs/json/${app}/cf-groups/unwanted-formats.json`,
      reads: ['qualityProfiles'],
      check: ({ snap }) => {
        const profiles = objects(snap.sources.qualityProfiles);
        if (!profiles.length) return notApplicable(`${name} has no quality profiles`);
        return fail(
          profiles
            .filter(
              (p) =>
                !objects(p.formatItems).some(
                  (f) => /br-?disk|^lq\b/i.test(asString(f.name) ?? '') && (asNumber(f.score) ?? 0) < 0,
                ),
            )
            .map((p) => ({ subject: asString(p.name), current: 'no negative score for BR-DISK / LQ' })),
        );
      },
    }),
  ];
}
