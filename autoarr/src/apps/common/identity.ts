// Which app answers at an instance's URL. A Sonarr URL that reaches Radarr must never look "connected": AutoArr
// would remove and blocklist Radarr's downloads as if they were Sonarr's. The probes call these; the registry
// refuses every request to an instance whose identity does not match (registry.ts).
import type { AppInstance } from '../../settings/settings.js';
import { AppError } from './errors.js';
import { APP_LABEL, type AppKind } from '../../shared/domain.js';

type Who = Pick<AppInstance, 'id' | 'app' | 'name'>;

/** Where the person sets this instance's URL: the first instance has its own option, the others are extras. */
export function urlSetting(who: Who): string {
  const app = who.app;
  return who.id === app
    ? `${app.toUpperCase()}_URL / the ${app}_url option`
    : `${app.toUpperCase()}_<n>_URL / the URL of "${who.name}" in extra_instances`;
}

const KNOWN: Record<string, string> = {
  sonarr: 'Sonarr',
  radarr: 'Radarr',
  lidarr: 'Lidarr',
  readarr: 'Readarr',
  prowlarr: 'Prowlarr',
  whisparr: 'Whisparr',
};

/** "This URL is Radarr, not Sonarr — check SONARR_URL / the sonarr_url option". */
export function wrongApp(who: Who, found: string | undefined, detail?: string): AppError {
  const label = APP_LABEL[who.app];
  const url = who.id === who.app ? 'This URL' : `The URL of ${who.name}`;
  const what = found
    ? `${url} is ${found}, not ${label}`
    : `${url} does not answer like ${label}${detail ? ` (${detail})` : ''}`;
  return new AppError('wrong_app', who, `${what} — check ${urlSetting(who)}`);
}

/** Sonarr and Radarr say who they are in system/status `appName`; anything else is the wrong app. */
export function checkArrIdentity(who: Who & { app: AppKind }, appName: unknown): void {
  const expected = APP_LABEL[who.app];
  if (typeof appName === 'string' && appName.toLowerCase() === expected.toLowerCase()) return;
  if (typeof appName !== 'string' || appName.trim() === '') {
    throw wrongApp(who, undefined, 'its system status does not name the app');
  }
  const name = appName.trim().slice(0, 40);
  throw wrongApp(who, KNOWN[name.toLowerCase()] ?? `"${name}"`);
}
