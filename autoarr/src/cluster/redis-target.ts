// REDIS_URL: where the replicas share live updates instead of PostgreSQL LISTEN/NOTIFY. Parsed once at start-up; the
// password never appears in a message built here.
import { shownUrl } from '../log/redact.js';

export interface RedisTarget {
  /** The URL as given, with the password (only ever handed to the Redis client). */
  url: string;
  /** The same URL with the password masked, for messages and logs. */
  shown: string;
  /** The password as sent to the server (percent-decoded), to keep it out of logs. */
  password?: string;
}

const FORMAT =
  'expected redis://host:6379 (or rediss:// for TLS), with user:password@ before the host and /db after it';

export function redisTargetFrom(text: string): { target: RedisTarget } | { problem: string } {
  const raw = text.trim();
  // A URL that does not parse still hides whatever stands between :// … : and @.
  const shown = shownUrl(raw).replace(/^([a-z][\w+.-]*:\/\/[^/@:]*:)[^@]*@/i, '$1***@');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return {
      problem: `REDIS_URL: "${shown}" is not a valid URL; ${FORMAT} (write special characters in the password as %XX)`,
    };
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    return { problem: `REDIS_URL: "${shown}" is not a Redis URL; ${FORMAT}` };
  if (!u.hostname) return { problem: `REDIS_URL: "${shown}" names no server; ${FORMAT}` };
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db))
    return { problem: `REDIS_URL: "${db}" is not a database number; ${FORMAT} (db is a whole number, 0 by default)` };
  let password: string | undefined;
  try {
    password = u.password ? decodeURIComponent(u.password) : undefined;
  } catch {
    password = u.password;
  }
  return { target: { url: raw, shown, ...(password ? { password } : {}) } };
}
