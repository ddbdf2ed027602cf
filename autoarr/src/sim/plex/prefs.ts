// Plex Media Server preferences (GET/PUT /:/prefs): the ones an audit cares about, with PMS's ids, types and
// defaults. Values are kept as PMS serialises them in JSON (bool, int or text).
export interface PlexPref {
  id: string;
  label: string;
  summary: string;
  type: 'bool' | 'int' | 'text' | 'double';
  default: string | number | boolean;
  value: string | number | boolean;
  hidden: boolean;
  advanced: boolean;
  group: string;
  enumValues?: string;
}

const P = (
  id: string,
  type: PlexPref['type'],
  def: PlexPref['default'],
  label: string,
  group: string,
  summary = '',
  enumValues?: string,
  advanced = false,
): PlexPref => ({ id, type, default: def, value: def, label, group, summary, hidden: false, advanced, enumValues });

export function defaultPlexPrefs(): Map<string, PlexPref> {
  const prefs = [
    P('FriendlyName', 'text', '', 'Friendly name', 'general', 'This name will be used to identify this media server.'),
    P('ButlerUpdateChannel', 'int', 16, 'Update channel', 'general', '', '16:Public|8:Beta'),
    P(
      'FSEventLibraryUpdatesEnabled',
      'bool',
      false,
      'Scan my library automatically',
      'library',
      'Your library will be updated automatically when changes to library folders are detected.',
    ),
    P(
      'FSEventLibraryPartialScanEnabled',
      'bool',
      false,
      'Run a partial scan when changes are detected',
      'library',
      'When changes to library folders are detected, only scan the folder that changed.',
    ),
    P('ScheduledLibraryUpdatesEnabled', 'bool', false, 'Scan my library periodically', 'library'),
    P(
      'ScheduledLibraryUpdateInterval',
      'int',
      3600,
      'Library scan interval',
      'library',
      '',
      '900:every 15 minutes|1800:every 30 minutes|3600:hourly|7200:every 2 hours|21600:every 6 hours|43200:every 12 hours|86400:daily',
    ),
    P('autoEmptyTrash', 'bool', true, 'Empty trash automatically after every scan', 'library'),
    P(
      'allowMediaDeletion',
      'bool',
      false,
      'Allow media deletion',
      'library',
      'The owner of the server will be allowed to delete media files from disk.',
    ),
    P('ScannerLowPriority', 'bool', false, 'Run scanner tasks at a lower priority', 'library', '', undefined, true),
    P(
      'GenerateIntroMarkerBehavior',
      'text',
      'scheduled',
      'Generate intro video markers',
      'library',
      '',
      'never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added',
    ),
    P(
      'GenerateCreditsMarkerBehavior',
      'text',
      'scheduled',
      'Generate credits video markers',
      'library',
      '',
      'never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added',
    ),
    P(
      'GenerateBIFBehavior',
      'text',
      'never',
      'Generate video preview thumbnails',
      'library',
      'Video preview thumbnails provide live updates in Now Playing and while seeking on supported apps.',
      'never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added',
    ),
    P(
      'GenerateChapterThumbBehavior',
      'text',
      'scheduled',
      'Generate chapter thumbnails',
      'library',
      '',
      'never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added',
    ),
    P(
      'LoudnessAnalysisBehavior',
      'text',
      'scheduled',
      'Analyze audio tracks for loudness',
      'library',
      '',
      'never:never|scheduled:as a scheduled task|asap:as a scheduled task and when media is added',
    ),
    P('secureConnections', 'int', 1, 'Secure connections', 'network', '', '0:Required|1:Preferred|2:Disabled'),
    P('RelayEnabled', 'bool', true, 'Enable Relay', 'network', '', undefined, true),
    P('EnableIPv6', 'bool', false, 'Enable IPv6 support', 'network', '', undefined, true),
    P('TreatWanIpAsLocal', 'bool', false, 'Treat WAN IP As LAN Bandwidth', 'network', '', undefined, true),
    P('DlnaEnabled', 'bool', false, 'Enable the DLNA server', 'dlna'),
    P(
      'TranscoderQuality',
      'int',
      0,
      'Transcoder quality',
      'transcoder',
      '',
      '0:Automatic|1:Prefer higher speed encoding|2:Prefer higher quality encoding|3:Make my CPU hurt',
    ),
    P('TranscoderTempDirectory', 'text', '', 'Transcoder temporary directory', 'transcoder', '', undefined, true),
    P('HardwareAcceleratedCodecs', 'bool', true, 'Use hardware acceleration when available', 'transcoder'),
    P('TranscoderThrottleBuffer', 'int', 60, 'Transcoder default throttle buffer', 'transcoder', '', undefined, true),
    P('ButlerTaskDeepMediaAnalysis', 'bool', true, 'Perform extensive media analysis during maintenance', 'butler'),
    P('ButlerTaskRefreshLibraries', 'bool', false, 'Update all libraries during maintenance', 'butler'),
  ];
  return new Map(prefs.map((p) => [p.id, p]));
}

/** Converts a query-string value to the preference's type; undefined when it does not fit. */
export function coercePlexPref(pref: PlexPref, raw: string): PlexPref['value'] | undefined {
  if (pref.type === 'bool') {
    if (['1', 'true'].includes(raw.toLowerCase())) return true;
    if (['0', 'false'].includes(raw.toLowerCase())) return false;
    return undefined;
  }
  if (pref.type === 'int' || pref.type === 'double') {
    const n = Number(raw);
    return Number.isFinite(n) && (pref.type === 'double' || Number.isInteger(n)) ? n : undefined;
  }
  return raw;
}
