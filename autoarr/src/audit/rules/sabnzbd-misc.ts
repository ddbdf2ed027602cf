// SABnzbd: single `misc` settings from landscape.md §4 N2–N16, N18, N21 (TRaSH Basic Setup and SABnzbd's cfg.py).
import type { Rule } from '../types.js';
import { asBool, asList, asNumber, asString, parseSize } from '../values.js';
import { settingRule, type SettingRuleSpec } from './define.js';

const SETUP = 'https://github.com/TRaSH-Guides/Guides/blob/master/docs/Downloaders/SABnzbd/Basic-Setup.md';
const CFG = 'https://github.com/sabnzbd/sabnzbd/blob/develop/sabnzbd/cfg.py';
const READ = 'SABnzbd API mode=get_config&section=misc';

/** Executable and script extensions nobody wants from a media download. */
export const RISKY_EXTENSIONS = [
  'exe',
  'bat',
  'cmd',
  'com',
  'scr',
  'pif',
  'lnk',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'msi',
  'ps1',
  'jar',
  'hta',
  'cpl',
  'reg',
];

type Spec = Omit<SettingRuleSpec, 'app' | 'from' | 'read' | 'settingApi' | 'source'> & { source?: string };
const rule = (s: Spec): Rule =>
  settingRule({ app: 'sabnzbd', from: 'misc', read: READ, settingApi: `misc.${s.key}`, source: SETUP, ...s });
const is = (want: boolean) => (v: unknown) => asBool(v) === want;
const oneOf =
  (...want: number[]) =>
  (v: unknown) =>
    want.includes(asNumber(v) ?? Number.NaN);

export function sabMiscRules(): Rule[] {
  return [
    rule({
      id: 'sabnzbd.fail_hopeless',
      ref: 'N2',
      title: 'Abort jobs that cannot be completed',
      severity: 'warning',
      settingUi: 'Config → Switches → Queue → Abort jobs that cannot be completed',
      key: 'fail_hopeless_jobs',
      expected: 'on',
      why: 'A job with too many missing articles should fail at once, so Sonarr or Radarr can pick another release instead of waiting for a download that can never finish.',
      ok: is(true),
      fix: {
        value: true,
        effect: 'Jobs that can no longer complete are failed early and handed back to Sonarr/Radarr.',
      },
    }),
    rule({
      id: 'sabnzbd.safe_postproc',
      ref: 'N3',
      title: 'Post-process only verified jobs',
      severity: 'critical',
      settingUi: 'Config → Switches → Post processing → Post-Process Only Verified Jobs',
      key: 'safe_postproc',
      expected: 'on',
      why: 'Otherwise a broken download is unpacked and reported as completed, and Sonarr/Radarr import a damaged file.',
      ok: is(true),
      fix: {
        value: true,
        effect: 'Only jobs that verified or repaired cleanly are unpacked and reported as completed.',
      },
    }),
    rule({
      id: 'sabnzbd.direct_unpack',
      ref: 'N4',
      title: 'Direct Unpack',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → Switches → Queue → Direct Unpack',
      key: 'direct_unpack',
      expected: 'on (off only on weak hardware)',
      why: 'Unpacking while downloading shortens post-processing a lot; on a slow disk or CPU it can slow the download, so it is your call.',
      ok: is(true),
    }),
    rule({
      id: 'sabnzbd.pause_on_post_processing',
      ref: 'N5',
      title: 'Keep downloading during post-processing',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → Switches → Post processing → Pause Downloading During Post-Processing',
      key: 'pause_on_post_processing',
      expected: 'off (on only for weak CPU or disk)',
      why: 'Pausing for every unpack halves throughput on a machine that can do both; only slow hardware needs it.',
      ok: is(false),
    }),
    rule({
      id: 'sabnzbd.enable_all_par',
      ref: 'N6',
      title: 'Download par2 files only when needed',
      severity: 'info',
      settingUi: 'Config → Switches → Post processing → Download all par2 files',
      key: 'enable_all_par',
      expected: 'off',
      why: 'Fetching every repair file for every job wastes bandwidth; SABnzbd fetches the ones it needs when a repair is required.',
      ok: is(false),
      fix: { value: false, effect: 'Repair files are only downloaded when a job actually needs repair.' },
    }),
    rule({
      id: 'sabnzbd.recursive_unpack',
      ref: 'N7',
      title: 'Recursive unpacking',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Enable recursive unpacking',
      key: 'enable_recursive',
      expected: 'on',
      why: 'Some releases pack archives inside archives; without this the inner archive is left for Sonarr/Radarr, which cannot import it.',
      ok: is(true),
      fix: { value: true, effect: 'Archives inside archives are unpacked too.' },
    }),
    rule({
      id: 'sabnzbd.flat_unpack',
      ref: 'N8',
      title: 'Ignore folders inside archives',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Ignore any folders inside archives',
      key: 'flat_unpack',
      expected: 'on',
      why: 'Sonarr and Radarr do not look inside sub-folders of a job, so files unpacked into them are never imported.',
      ok: is(true),
      fix: { value: true, effect: 'Unpacked files land directly in the job folder where Sonarr/Radarr look for them.' },
    }),
    rule({
      id: 'sabnzbd.ignore_samples',
      ref: 'N9',
      title: 'Leave samples to Sonarr/Radarr',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Ignore Samples',
      key: 'ignore_samples',
      expected: 'off',
      why: 'SABnzbd guesses samples by name and can drop the real file; Sonarr and Radarr recognise samples by runtime and skip them safely.',
      ok: is(false),
      fix: { value: false, effect: 'SABnzbd keeps every file; Sonarr/Radarr skip samples themselves on import.' },
    }),
    rule({
      id: 'sabnzbd.deobfuscate',
      ref: 'N10',
      title: 'Deobfuscate final filenames',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Deobfuscate final filenames',
      key: 'deobfuscate_final_filenames',
      expected: 'on',
      why: 'Obfuscated releases unpack to random names or missing extensions that Sonarr/Radarr cannot match; this restores usable names.',
      ok: is(true),
      fix: { value: true, effect: 'Files with random names get the job name and the right extension after unpacking.' },
    }),
    rule({
      id: 'sabnzbd.unwanted_extensions',
      ref: 'N11',
      title: 'Block executable files',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Unwanted extensions',
      key: 'unwanted_extensions',
      expected: `a blacklist containing at least ${RISKY_EXTENSIONS.join(', ')}`,
      why: 'Executables and scripts have no place in a media download and are a common way malware arrives.',
      source: 'https://github.com/TRaSH-Guides/Guides/blob/master/includes/downloaders/unwanted-extensions.md',
      ok: (v) => {
        const have = new Set(asList(v).map((x) => x.toLowerCase().replace(/^\./, '')));
        return RISKY_EXTENSIONS.every((e) => have.has(e));
      },
      detail: (v) => {
        const have = new Set(asList(v).map((x) => x.toLowerCase().replace(/^\./, '')));
        return `missing: ${RISKY_EXTENSIONS.filter((e) => !have.has(e)).join(', ')}`;
      },
      fix: {
        // Merged, so the person's own entries are kept.
        value: (v) => [...new Set([...asList(v), ...RISKY_EXTENSIONS])],
        effect: 'The missing executable extensions are added to your list; your own entries stay.',
      },
    }),
    rule({
      id: 'sabnzbd.unwanted_action',
      ref: 'N11',
      title: 'Fail jobs with unwanted files',
      severity: 'warning',
      settingUi: 'Config → Switches → Post processing → Action when unwanted extension detected',
      key: 'action_on_unwanted_extensions',
      expected: 'Fail job (move to History)',
      why: 'A failed job goes back to Sonarr/Radarr, which blocklist it and search again; "off" lets the file through and "pause" waits for a person.',
      ok: oneOf(2),
      fix: { value: 2, effect: 'Jobs containing unwanted files fail and Sonarr/Radarr search for another release.' },
    }),
    rule({
      id: 'sabnzbd.encrypted_rar',
      ref: 'N12',
      title: 'Fail password-protected jobs',
      severity: 'warning',
      settingUi: 'Config → Switches → Queue → Action when encrypted RAR is downloaded',
      key: 'pause_on_pwrar',
      expected: 'Fail job (TRaSH shows Pause, which needs a person)',
      why: 'In an unattended setup a paused job blocks the queue until someone notices; failing it lets Sonarr/Radarr try another release.',
      ok: oneOf(2),
      fix: { value: 2, effect: 'Encrypted jobs fail at once and Sonarr/Radarr search for another release.' },
    }),
    ...(['no_dupes', 'no_smart_dupes'] as const).map((key) =>
      rule({
        id: `sabnzbd.${key}`,
        ref: 'N13',
        title: key === 'no_dupes' ? 'Identical duplicates are tagged' : 'Smart duplicates are tagged',
        severity: 'warning',
        settingUi: `Config → Switches → Queue → ${key === 'no_dupes' ? 'Identical' : 'Smart'} duplicate detection`,
        key,
        expected: 'Tag job (Pause or Fail also fine)',
        why: '"Discard" drops jobs silently and Sonarr/Radarr never learn why; tagging keeps them visible and lets the *arr apps decide.',
        ok: oneOf(2, 3, 4),
        fix: { value: 4, effect: 'Duplicate jobs are downloaded and marked "DUPLICATE" instead of silently dropped.' },
      }),
    ),
    rule({
      id: 'sabnzbd.propagation_delay',
      ref: 'N14',
      title: 'Short propagation delay',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → Switches → Queue → Propagation delay',
      key: 'propagation_delay',
      expected: '0–15 minutes',
      why: 'A few minutes avoid missing articles on brand-new posts; a long delay just makes every download late.',
      ok: (v) => (asNumber(v) ?? 0) <= 15,
    }),
    rule({
      id: 'sabnzbd.auto_sort',
      ref: 'N15',
      title: 'Queue is not resorted automatically',
      severity: 'warning',
      settingUi: 'Config → Switches → Queue → Automatically sort queue',
      key: 'auto_sort',
      expected: 'off',
      why: 'Resorting every 30 seconds shuffles jobs mid-download and undoes the priorities Sonarr/Radarr set.',
      ok: (v) => !asString(v) || asBool(v) === false,
      fix: { value: '', effect: 'The queue keeps the order and priorities Sonarr/Radarr gave it.' },
    }),
    rule({
      id: 'sabnzbd.nzb_backup',
      ref: 'N16',
      title: '.nzb backup folder is set',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → Folders → System Folders → .nzb Backup Folder',
      key: 'nzb_backup_dir',
      expected: 'a folder',
      why: 'Kept NZBs let SABnzbd detect duplicates and retry jobs later; which folder to use is yours to pick.',
      ok: (v) => !!asString(v),
    }),
    rule({
      id: 'sabnzbd.bandwidth_max',
      ref: 'N18',
      title: 'Maximum line speed is set',
      severity: 'info',
      judgement: true,
      settingUi: 'Config → General → Tuning → Maximum line speed',
      key: 'bandwidth_max',
      expected: 'your line speed, e.g. 50M',
      why: 'With the line speed known, a percentage limit (from Home Assistant too) keeps the internet usable while downloading.',
      ok: (v) => (parseSize(v) ?? 0) > 0,
    }),
    rule({
      id: 'sabnzbd.download_free',
      ref: 'N21',
      title: 'Pause before the disk is full',
      severity: 'warning',
      settingUi: 'Config → Folders → User Folders → Minimum Free Space for Temporary Download Folder',
      key: 'download_free',
      expected: 'set (SABnzbd default 500M)',
      why: 'Without a minimum, SABnzbd fills the disk completely and jobs break mid-download; with it SABnzbd pauses and AutoArr reports why.',
      source: CFG,
      ok: (v) => (parseSize(v) ?? 0) > 0,
      fix: {
        value: '500M',
        effect: 'SABnzbd pauses downloading when less than 500 MB is free in the temporary folder.',
      },
    }),
  ];
}
