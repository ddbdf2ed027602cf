// Plex Media Server: preferences from /:/prefs (landscape.md §4 P1–P13), library agents (P14) and whether the
// server is claimed (its own identity endpoint is the nearest thing Plex has to a health check).
import type { Rule } from '../types.js';
import { asBool, asNumber, asString, isObj, objects } from '../values.js';
import { customRule, fail, notApplicable, pass, settingRule, type SettingRuleSpec } from './define.js';

const TIPS = 'https://github.com/TRaSH-Guides/Guides/blob/master/docs/Plex/Tips/Plex-media-server.md';
const READ = 'Plex GET /:/prefs';

type Spec = Omit<SettingRuleSpec, 'app' | 'from' | 'read' | 'settingApi' | 'source'>;
const rule = (s: Spec): Rule =>
  settingRule({ app: 'plex', from: 'prefs', read: READ, settingApi: `${s.key} (/:/prefs)`, source: TIPS, ...s });
const is = (want: boolean) => (v: unknown) => asBool(v) === want;
const notAsap = (v: unknown) => asString(v) !== 'asap';

export function plexRules(): Rule[] {
  const markerRule = (key: string, id: string, title: string, ui: string) =>
    rule({
      id: `plex.${id}`,
      ref: 'P8',
      title,
      severity: 'info',
      settingUi: `Settings → Library → ${ui}`,
      key,
      expected: 'as a scheduled task (or never), not as soon as media is added',
      why: 'Doing this work right after every import competes with playback; the nightly maintenance window is the better time.',
      ok: notAsap,
      fix: {
        value: 'scheduled',
        effect: `${title.replace(/ run.*$/, '')} run during Plex's scheduled maintenance instead of right after each import.`,
      },
    });
  return [
    rule({
      id: 'plex.scan_automatically',
      ref: 'P1',
      title: 'Scan the library automatically',
      severity: 'warning',
      settingUi: 'Settings → Library → Scan my library automatically',
      key: 'FSEventLibraryUpdatesEnabled',
      expected: 'on',
      why: 'New imports from Sonarr/Radarr appear in Plex within moments instead of waiting for the next periodic scan.',
      ok: is(true),
      fix: { value: true, effect: 'Plex notices new and changed files by itself and adds them shortly after import.' },
    }),
    rule({
      id: 'plex.partial_scan',
      ref: 'P2',
      title: 'Partial scan when changes are detected',
      severity: 'warning',
      settingUi: 'Settings → Library → Run a partial scan when changes are detected',
      key: 'FSEventLibraryPartialScanEnabled',
      expected: 'on',
      why: 'Only the folder that changed is scanned, instead of the whole library after every import.',
      ok: is(true),
      fix: { value: true, effect: 'A change scans only the affected folder.' },
    }),
    rule({
      id: 'plex.periodic_scan',
      ref: 'P3',
      title: 'No periodic full scans',
      severity: 'info',
      settingUi: 'Settings → Library → Scan my library periodically',
      key: 'ScheduledLibraryUpdatesEnabled',
      expected: 'off',
      why: 'With automatic scanning on, periodic full scans only add disk and CPU load.',
      ok: is(false),
      fix: { value: false, effect: 'Plex stops rescanning every library on a timer.' },
    }),
    rule({
      id: 'plex.empty_trash',
      ref: 'P4',
      title: 'Empty trash after every scan',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Library → Empty trash automatically after every scan',
      key: 'autoEmptyTrash',
      expected: 'on',
      why: 'Upgraded or removed files disappear from Plex instead of showing as unavailable. If your media sits on a network share that sometimes drops, keeping it off protects watch history, so this is your call.',
      ok: is(true),
    }),
    rule({
      id: 'plex.media_deletion',
      ref: 'P5',
      title: 'Plex cannot delete media',
      severity: 'warning',
      settingUi: 'Settings → Library → Allow media deletion',
      key: 'allowMediaDeletion',
      expected: 'off',
      why: 'Sonarr and Radarr own the library; a file deleted from Plex is searched for and downloaded again.',
      ok: is(false),
      fix: { value: false, effect: 'The Delete option disappears from Plex apps; remove media through Sonarr/Radarr.' },
    }),
    rule({
      id: 'plex.scanner_low_priority',
      ref: 'P6',
      title: 'Scanner runs at low priority',
      severity: 'info',
      settingUi: 'Settings → Library → Run scanner tasks at a lower priority',
      key: 'ScannerLowPriority',
      expected: 'on',
      why: 'Scans then yield to playback and transcoding.',
      ok: is(true),
      fix: { value: true, effect: 'Library scans give way to playback when the server is busy.' },
    }),
    rule({
      id: 'plex.video_preview_thumbnails',
      ref: 'P7',
      title: 'No video preview thumbnails',
      severity: 'warning',
      settingUi: 'Settings → Library → Generate video preview thumbnails',
      key: 'GenerateBIFBehavior',
      expected: 'never',
      why: 'Preview thumbnails read every video in full and take a lot of disk space; on a busy library the server spends whole nights on them.',
      ok: (v) => asString(v) === 'never',
      fix: {
        value: 'never',
        effect: 'Plex stops generating timeline preview images; scrubbing shows no picture preview.',
      },
    }),
    markerRule(
      'GenerateIntroMarkerBehavior',
      'intro_markers',
      'Intro detection runs on schedule',
      'Generate intro video markers',
    ),
    markerRule(
      'GenerateCreditsMarkerBehavior',
      'credits_markers',
      'Credits detection runs on schedule',
      'Generate credits video markers',
    ),
    markerRule(
      'GenerateChapterThumbBehavior',
      'chapter_thumbnails',
      'Chapter thumbnails run on schedule',
      'Generate chapter thumbnails',
    ),
    rule({
      id: 'plex.relay',
      ref: 'P9',
      title: 'Relay is off',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Network → Enable Relay',
      key: 'RelayEnabled',
      expected: 'off',
      why: 'Relayed streams are capped at about 2 Mbps; with working remote access the relay only hides the problem. Behind CGNAT it may be your only way in, so this is your call.',
      ok: is(false),
    }),
    rule({
      id: 'plex.secure_connections',
      ref: 'P10',
      title: 'Secure connections are allowed',
      severity: 'warning',
      settingUi: 'Settings → Network → Secure connections',
      key: 'secureConnections',
      expected: 'Preferred (or Required)',
      why: 'With secure connections disabled, tokens and media travel unencrypted, also outside your home.',
      ok: (v) => [0, 1].includes(asNumber(v) ?? -1),
      fix: { value: 1, effect: 'Plex apps use encrypted connections where they can and fall back when they cannot.' },
    }),
    rule({
      id: 'plex.ipv6',
      ref: 'P11',
      title: 'IPv6 only when the network supports it',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Network → Enable support for IPv6',
      key: 'EnableIPv6',
      expected: 'off unless your network is known to handle IPv6 well',
      why: 'Half-working IPv6 causes slow or failing connections that are hard to trace.',
      ok: is(false),
    }),
    rule({
      id: 'plex.hardware_transcoding',
      ref: 'P12',
      title: 'Hardware transcoding',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Transcoder → Use hardware acceleration when available',
      key: 'HardwareAcceleratedCodecs',
      expected: 'on (needs Plex Pass and a supported GPU)',
      why: 'Hardware transcoding handles several streams with little CPU; it needs Plex Pass and hardware support, so it is your call.',
      ok: is(true),
    }),
    rule({
      id: 'plex.wan_as_lan',
      ref: 'P13',
      title: 'Treat WAN IP as LAN bandwidth',
      severity: 'info',
      judgement: true,
      settingUi: 'Settings → Network → Treat WAN IP As LAN Bandwidth',
      key: 'TreatWanIpAsLocal',
      expected: 'on when clients reach the server through your public address at home',
      why: 'Otherwise home clients that go through the public address get remote-quality limits.',
      ok: is(true),
    }),
    customRule({
      id: 'plex.library_agents',
      app: 'plex',
      ref: 'P14',
      title: 'Libraries use the current Plex agents',
      severity: 'info',
      judgement: true,
      settingUi: 'Manage Library → Edit → Advanced → Agent',
      settingApi: 'Directory[].agent (GET /library/sections/all)',
      read: 'Plex GET /library/sections/all',
      expected: 'Plex Movie / Plex TV Series',
      why: 'The legacy agents are no longer developed and match worse; moving a library to the new agent means a refresh, so it is your call when.',
      source: TIPS,
      reads: ['sections'],
      check: ({ snap }) => {
        const sections = objects(snap.sources.sections).filter((s) => s.type === 'movie' || s.type === 'show');
        if (!sections.length) return notApplicable('no movie or TV libraries');
        return fail(
          sections
            .filter((s) => /^com\.plexapp\.agents\./.test(asString(s.agent) ?? ''))
            .map((s) => ({ subject: asString(s.title), current: asString(s.agent) })),
        );
      },
    }),
    customRule({
      id: 'plex.claimed',
      app: 'plex',
      ref: 'health',
      title: 'Server is claimed',
      severity: 'warning',
      settingUi: 'Settings → General (sign in to claim the server)',
      settingApi: 'MediaContainer.claimed (GET /identity)',
      read: 'Plex GET /identity',
      expected: 'claimed by your Plex account',
      why: 'An unclaimed server is not linked to your account: remote access, sharing and Plex Pass features do not work.',
      source: 'https://support.plex.tv/articles/200289506-remote-access/',
      reads: ['identity'],
      check: ({ snap }) => {
        const id = snap.sources.identity;
        const claimed = isObj(id) ? asBool(id.claimed) : undefined;
        if (claimed === undefined) return { status: 'unknown', reason: 'Plex did not report whether it is claimed' };
        return claimed ? pass : fail([{ current: false }]);
      },
    }),
  ];
}
