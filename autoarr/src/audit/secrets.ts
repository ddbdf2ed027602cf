// Settings read from apps carry secrets (SABnzbd's api_key and nzb_key in clear text, server logins, Plex's online
// token, *arr download-client passwords). They are dropped the moment they are read, before any rule, store or
// response sees them.
import { isSecretKey } from '../log/redact.js';
import { isObj } from './values.js';

/** Keys that hold credentials or personal identifiers although their names do not look like secrets. */
export const SECRET_KEYS = new Set(
  [
    'api_key',
    'nzb_key',
    'password',
    'username',
    'email_pwd',
    'email_account',
    'email_to',
    'email_from',
    'ma_username',
    'ma_password',
    'PlexOnlineToken',
    'PlexOnlineUsername',
    'PlexOnlineMail',
    'PlexOnlineHome',
    'CertificateUUID',
    'apiKey',
    'passkey',
    'cookie',
    'secretToken',
  ].map((k) => k.toLowerCase()),
);

export function isSecret(key: string): boolean {
  return isSecretKey(key) || SECRET_KEYS.has(key.toLowerCase()) || /(password|token|passkey|secret)/i.test(key);
}

/**
 * Deep copy without secrets. Key/value lists ({name|id, value, privacy}) as used by *arr `fields` and Plex
 * `Setting` lose the secret entries entirely.
 */
export function dropSecrets<T>(value: T, depth = 0): T {
  if (depth > 12) return value;
  if (Array.isArray(value)) {
    return value.filter((v) => !(isObj(v) && isSecretEntry(v))).map((v) => dropSecrets(v, depth + 1)) as T;
  }
  if (isObj(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecret(k)) continue;
      out[k] = dropSecrets(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

function isSecretEntry(v: Record<string, unknown>): boolean {
  const name = typeof v.name === 'string' ? v.name : typeof v.id === 'string' ? v.id : undefined;
  if (name === undefined || !('value' in v)) return false;
  const privacy = typeof v.privacy === 'string' ? v.privacy : 'normal';
  return privacy !== 'normal' || isSecret(name);
}
