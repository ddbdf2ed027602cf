// Secrets must never reach a log line, an API response, MCP output or diagnostics.
// Two layers: known secret values (registered when settings load) are replaced wherever
// they appear, and well-known secret carriers (apikey=…, X-Api-Key, tokens) are masked by pattern.

const MASK = '***';
const knownSecrets = new Set<string>();

/** Register a secret value (API key, token, password) so every later redaction hides it. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

const PATTERNS: Array<[RegExp, string]> = [
  // In a query string and in free text alike ("failed with apikey=…").
  [/(\b(?:apikey|api_key|token|X-Plex-Token|access_token|password|pass)=)[^&#\s"']+/gi, `$1${MASK}`],
  [/((?:x-api-key|x-plex-token|authorization)["']?\s*[:=]\s*["']?)(?:Bearer\s+)?[^\s"',}]+/gi, `$1${MASK}`],
  [/(\/\/[^/:@\s]+:)[^@/\s]+@/g, `$1${MASK}@`],
];

// Every pattern above needs one of these characters; most upstream strings (release names) have none of them, so
// the patterns are skipped for them. This keeps a redaction per queue string cheap enough to run on every poll.
const MAY_CARRY = /[=:@]/;

/** Mask every known secret and secret-shaped substring in a text. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  if (!MAY_CARRY.test(out)) return out;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** The one redaction for text that comes from an upstream app (names, messages, titles): undefined stays undefined. */
export function upstreamText<T extends string | undefined | null>(text: T): T {
  return (typeof text === 'string' ? redactText(text) : text) as T;
}

/** A URL as it may be shown: a password in user:password@ masked, secret query values masked. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    return redactText(u.toString().replace(/\/$/, url.endsWith('/') ? '/' : ''));
  } catch {
    return redactText(url);
  }
}

// Header names count too: X-Api-Key, X-Plex-Token.
const SECRET_KEY = /(api[-_]?key|token|password|passwd|secret|authorization|nzb[-_]?key)$/i;

/** Deep copy of a value with secret-named keys masked and every string redacted. */
export function redactValue<T>(value: T, depth = 0): T {
  if (depth > 12) return value;
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) && typeof v === 'string' && v !== '' ? MASK : redactValue(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

/** True when the key name looks like it carries a secret (used to drop settings read from apps). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}
