// The one error every app client throws. `kind` says what went wrong; the message names the instance and says
// what to check, and is redacted before it is stored so it can go straight into logs, API responses and MCP output.
import { redactText } from '../../log/redact.js';
import type { AppKind } from '../../shared/domain.js';

/** wrong_app: the URL answers as another app (checked by the connection test; see registry.ts). */
export type AppErrorKind = 'unreachable' | 'timeout' | 'auth' | 'not_found' | 'bad_response' | 'upstream' | 'wrong_app';

export class AppError extends Error {
  override name = 'AppError';
  readonly kind: AppErrorKind;
  readonly instanceId: string;
  readonly app: AppKind;
  readonly status?: number;

  constructor(kind: AppErrorKind, instance: { id: string; app: AppKind }, message: string, status?: number) {
    super(redactText(message));
    this.kind = kind;
    this.instanceId = instance.id;
    this.app = instance.app;
    if (status !== undefined) this.status = status;
  }

  toJSON(): { kind: AppErrorKind; instanceId: string; app: AppKind; status?: number; message: string } {
    return { kind: this.kind, instanceId: this.instanceId, app: this.app, status: this.status, message: this.message };
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Where the person finds the key/token in each app. */
export const AUTH_HINT: Record<AppKind, string> = {
  sabnzbd: 'copy the API Key (not the NZB Key) from SABnzbd Config → General → Security',
  sonarr: 'copy it from Settings → General → Security',
  radarr: 'copy it from Settings → General → Security',
  plex: "use a current X-Plex-Token of the server's owner account (Plex Web → an item → Get Info → View XML shows it)",
};

/** Where the URL base (reverse-proxy path) is configured in each app. */
export const URL_BASE_HINT: Record<AppKind, string> = {
  sabnzbd: 'the URL must include SABnzbd\'s URL base if one is set (Config → General → URL Base, often "/sabnzbd")',
  sonarr: 'the URL must include Sonarr\'s URL Base if one is set (Settings → General → URL Base, e.g. "/sonarr")',
  radarr: 'the URL must include Radarr\'s URL Base if one is set (Settings → General → URL Base, e.g. "/radarr")',
  plex: 'the URL should be the server itself, e.g. http://host:32400, without a path',
};

/** Where to read the app's own log when it reports an internal error. */
export const LOG_HINT: Record<AppKind, string> = {
  sabnzbd: "check SABnzbd's log (Status → Show Logging)",
  sonarr: "check Sonarr's log (System → Logs)",
  radarr: "check Radarr's log (System → Logs)",
  plex: "check Plex Media Server's log (Settings → Troubleshooting → Download logs)",
};
