// Option names nobody reads: a typo ("stall_minute", AUTOARR_STALL_MINUTE) would otherwise be ignored in silence and
// the default used. Each one becomes a warning naming the closest known option. Only names are quoted, never values.
import { extraInstanceSchema, optionsSchema } from './schema.js';

type Env = Record<string, string | undefined>;

const OPTIONS = Object.keys(optionsSchema.shape);
const EXTRA_FIELDS = Object.keys(extraInstanceSchema.shape);
const APPS = ['SABNZBD', 'SONARR', 'RADARR', 'PLEX'];

/** Every variable AutoArr reads (extra instances by pattern below). */
const ENV_NAMES = [
  'LOG_LEVEL',
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'REDIS_URL',
  'MQTT_URL',
  'MQTT_USERNAME',
  'MQTT_PASSWORD',
  'HA_URL',
  'HA_TOKEN',
  'AUTOARR_API_TOKEN',
  'AUTOARR_ROLE',
  'AUTOARR_ADVERTISE_URL',
  'ANTHROPIC_API_KEY',
  ...APPS.flatMap((a) => [`${a}_URL`, a === 'PLEX' ? 'PLEX_TOKEN' : `${a}_API_KEY`]),
  ...OPTIONS.map((o) => `AUTOARR_${o.toUpperCase()}`),
];
const EXTRA_ENV = new RegExp(`^(${APPS.join('|')})_[2-9]_(URL|API_KEY|TOKEN|NAME|VERIFY_SSL)$`);
/** Variables in AutoArr's own namespaces; anything else in the environment belongs to someone else. */
const OURS = new RegExp(`^(AUTOARR|${APPS.join('|')}|MQTT|HA)_`);
/** Other programs in the same container set these (Docker images, the Plex image's claim token, s6, bashio). */
const NOT_OURS = /^(PLEX_CLAIM|PLEX_UID|PLEX_GID|HA_VERSION|HA_ARCH)$/;

/** Whether AutoArr reads an environment variable of this name (deployment files are checked against this). */
export function isKnownEnvName(name: string): boolean {
  return ENV_NAMES.includes(name) || EXTRA_ENV.test(name);
}

export function unknownOptionWarnings(from: { options: Record<string, unknown> } | { env: Env }): string[] {
  const out: string[] = [];
  if ('options' in from) {
    for (const key of Object.keys(from.options)) {
      if (!OPTIONS.includes(key)) out.push(line(`add-on option "${key}"`, key, OPTIONS, (n) => `"${n}"`));
    }
    const extras = from.options.extra_instances;
    if (Array.isArray(extras)) {
      extras.forEach((e, i) => {
        if (!e || typeof e !== 'object') return;
        for (const key of Object.keys(e as object)) {
          if (!EXTRA_FIELDS.includes(key))
            out.push(line(`add-on option "extra_instances[${i}].${key}"`, key, EXTRA_FIELDS, (n) => `"${n}"`));
        }
      });
    }
    return out;
  }
  for (const name of Object.keys(from.env).sort()) {
    if (!OURS.test(name) || NOT_OURS.test(name) || ENV_NAMES.includes(name) || EXTRA_ENV.test(name)) continue;
    out.push(line(`environment variable ${name}`, name, ENV_NAMES, (n) => n));
  }
  return out;
}

function line(what: string, name: string, known: string[], quote: (n: string) => string): string {
  const best = closest(name, known);
  const hint = best ? `did you mean ${quote(best)}?` : 'see the options in DOCS.md';
  return `Unknown ${what} is ignored; ${hint}`;
}

/** The known name nearest by edit distance, if it is near enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(lower.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
