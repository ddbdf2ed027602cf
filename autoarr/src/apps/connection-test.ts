// The connection test: probe the app (identity, version, one authenticated read, SABnzbd's own pause), check the
// version against the oldest one AutoArr supports, and turn the result into an AppStatus whose message says what to do.
import type { AppState, AppStatus } from '../shared/types.js';
import type { AppClient } from './common/client.js';
import { AppError, type AppErrorKind } from './common/errors.js';
import { APP_LABEL, type AppKind } from '../shared/domain.js';

/** Oldest supported version per app (Plex: any 1.x). */
export const MIN_VERSION: Record<AppKind, string> = { sabnzbd: '3.0', sonarr: '3.0', radarr: '3.0', plex: '1.0' };

/** Leading numeric parts of a version: "4.0.19.2979" → [4,0,19,2979]; "1.40.2.8395-c67dce28e" → [1,40,2,8395]. */
export function versionParts(v: string): number[] {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1]!.split('.').map(Number) : [];
}

export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** undefined when supported (or not parseable, e.g. a develop build), else why not. */
export function unsupportedReason(app: AppKind, version: string): string | undefined {
  const parts = versionParts(version);
  if (parts.length === 0) return undefined;
  const label = APP_LABEL[app];
  if (app === 'plex' && parts[0] !== 1) {
    return `Plex Media Server ${version} is not a 1.x version, which is what AutoArr supports`;
  }
  if (compareVersions(version, MIN_VERSION[app]) < 0) {
    return `${label} ${version} is older than ${MIN_VERSION[app]}, the oldest version AutoArr supports: update ${label}`;
  }
  return undefined;
}

/**
 * The state an app error puts an instance in. An HTML login page or an answer of the wrong shape is `unsupported`
 * (the app answered, but not in a way AutoArr understands); a timeout or an upstream error is `unreachable`.
 */
export function stateOf(kind: AppErrorKind | 'other'): AppState {
  switch (kind) {
    case 'auth':
      return 'auth_failed';
    case 'wrong_app':
      return 'wrong_app';
    case 'bad_response':
    case 'not_found':
      return 'unsupported';
    default:
      return 'unreachable';
  }
}

export async function testConnection(client: AppClient, now: Date = new Date()): Promise<AppStatus> {
  const i = client.instance;
  const base: AppStatus = { id: i.id, app: i.app, name: i.name, state: 'connected', checkedAt: now.toISOString() };
  try {
    const { version, degraded } = await client.probe();
    const why = unsupportedReason(i.app, version);
    if (why) return { ...base, state: 'unsupported', version, message: `${i.name}: ${why}` };
    return degraded ? { ...base, state: 'degraded', version, message: degraded } : { ...base, version };
  } catch (err) {
    if (err instanceof AppError) return { ...base, state: stateOf(err.kind), message: err.message };
    // A bug in a client must not take the health check down; say so plainly.
    return { ...base, state: 'unreachable', message: `${i.name} could not be checked: ${String(err)}` };
  }
}
