// Reads settings once at start-up: /data/options.json in the add-on, environment variables in the container.
// A bad setting yields one readable line per problem (option, what is wrong, what is expected) and never a secret.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { redactText, registerSecret } from '../log/redact.js';
import { redisTargetFrom } from '../cluster/redis-target.js';
import { parseRole } from '../cluster/role.js';
import { isPostgresUrl, postgresPassword, postgresTargetFrom } from '../db/target.js';
import { envNameFor, extraInstanceEnvPrefixes, optionsFromEnv } from './env.js';
import { unknownOptionWarnings } from './unknown.js';
import { APP_LABEL, type AppKind } from '../shared/domain.js';
import { APP_KINDS, EXPECTATIONS, SECRET_OPTIONS, optionsSchema, type Options } from './schema.js';
import type { AppInstance, RunMode, Settings } from './settings.js';

type Env = Record<string, string | undefined>;

export type SettingsResult =
  | {
      ok: true;
      settings: Settings;
      /** Unknown option names, with the closest known one: logged, not fatal. */ warnings: string[];
    }
  | { ok: false; problems: string[] };

export interface LoadOptions {
  env: Env;
  version: string;
  mode?: RunMode;
  /** Where the Supervisor writes the add-on options. */
  optionsPath?: string;
}

export function loadSettings(opts: LoadOptions): SettingsResult {
  const { env } = opts;
  const optionsPath = opts.optionsPath ?? '/data/options.json';
  const isAddon = opts.mode === 'addon' || (opts.mode === undefined && !!env.SUPERVISOR_TOKEN);
  const mode: RunMode = opts.mode ?? (isAddon ? 'addon' : 'container');

  let raw: Record<string, unknown>;
  if (isAddon) {
    try {
      raw = JSON.parse(fs.readFileSync(optionsPath, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not valid JSON';
      return { ok: false, problems: [`${optionsPath} ${why}; restart the add-on so the Supervisor writes it again`] };
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      return { ok: false, problems: [`${optionsPath} must hold a JSON object of options`] };
    }
  } else {
    raw = optionsFromEnv(env);
  }

  const parsed = optionsSchema.safeParse(raw);
  const problems: string[] = [];
  const extraPrefixes = isAddon ? [] : extraInstanceEnvPrefixes(env);
  const nameOf = (option: string) => (isAddon ? addonName(option) : containerName(option, extraPrefixes));
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => describeIssue(i, raw, nameOf)));
    problems.push(...laterProblems(raw, parsed.error.issues, problems, nameOf));
  }

  const envProblems: string[] = [];
  const port = Number(env.PORT ?? 8099);
  if (!isAddon && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    envProblems.push(`PORT: "${env.PORT}" is not a port; expected a whole number from 1 to 65535`);
  }
  if (!isAddon && env.HA_URL && !/^(https?|wss?):\/\/\S+/.test(env.HA_URL)) {
    envProblems.push(`HA_URL: ${shownValue('url', env.HA_URL)} is not a URL; expected http://homeassistant.local:8123`);
  }
  if (!isAddon && env.HA_URL && !env.HA_TOKEN) {
    envProblems.push('HA_TOKEN: missing; create a long-lived access token in your Home Assistant profile');
  }
  // The image sets DATA_DIR=/data; run from a checkout (`npm start`) the data stays beside it, never in a root folder.
  const dataDir = isAddon ? '/data' : env.DATA_DIR || path.resolve('data');
  // PostgreSQL (several replicas) or a SQLite file (the default); databasePath stays the default file either way.
  const postgres = isPostgresUrl(env.DATABASE_URL)
    ? postgresTargetFrom(env.DATABASE_URL!, env.DATABASE_POOL_SIZE)
    : undefined;
  const database = postgres ? databasePathFrom(undefined, dataDir) : databasePathFrom(env.DATABASE_URL, dataDir);
  if ('problem' in database) envProblems.push(database.problem);
  if (postgres && 'problems' in postgres) envProblems.push(...postgres.problems);
  // Live updates between replicas through Redis instead of PostgreSQL LISTEN/NOTIFY.
  const redis = !isAddon && env.REDIS_URL?.trim() ? redisTargetFrom(env.REDIS_URL) : undefined;
  if (redis && 'problem' in redis) envProblems.push(redis.problem);
  // The add-on is one process: it always runs everything.
  const role = isAddon ? { role: 'all' as const } : parseRole(env.AUTOARR_ROLE);
  if ('problem' in role) envProblems.push(role.problem);
  // Where the other replicas reach this one (the leader's lease carries it, so followers forward actions there): a URL,
  // or a bare address such as a Kubernetes pod's IP, completed to http://<address>:<PORT>.
  const advertise = isAddon ? undefined : advertiseUrlFrom(env.AUTOARR_ADVERTISE_URL, port);
  if (advertise && 'problem' in advertise) envProblems.push(advertise.problem);
  problems.push(...envProblems);
  // A secret typed into the wrong field, or a URL with user:password@, must not be echoed back.
  const fail = () => ({ ok: false as const, problems: hideSecrets(problems, raw, env) });
  if (!parsed.success || problems.length) return fail();

  const o = parsed.data;
  const instances = buildInstances(o, problems, nameOf);
  if (problems.length || !('path' in database) || !('role' in role)) return fail();
  const databasePath = database.path;
  const postgresTarget = postgres && 'target' in postgres ? postgres.target : undefined;
  const settings: Settings = {
    mode,
    role: role.role,
    version: opts.version,
    logLevel: o.log_level,
    host: mode === 'demo' ? '127.0.0.1' : '0.0.0.0',
    port: isAddon ? 8099 : port,
    dataDir,
    databasePath,
    ...(postgresTarget ? { postgres: postgresTarget } : {}),
    ...(redis && 'target' in redis ? { redis: redis.target } : {}),
    ...(advertise && 'url' in advertise ? { advertiseUrl: advertise.url } : {}),
    instances,
    requestTimeoutMs: o.request_timeout_seconds * 1000,
    monitor: {
      pollIntervalMs: o.poll_interval_seconds * 1000,
      stallMinutes: o.stall_minutes,
      maxStrikes: o.max_strikes,
      strikeWindowHours: o.strike_window_hours,
      minProgressBytes: o.min_progress_mb * 1024 * 1024,
      maxRemovalsPerHour: o.max_removals_per_hour,
      minQueueAgeMinutes: o.min_queue_age_minutes,
      maxRecoveryAttempts: o.max_recovery_attempts,
      autoRecovery: o.auto_recovery,
      dryRun: o.dry_run,
      cleanupFailedJobs: o.cleanup_failed_jobs,
      protectedCategories: o.protected_categories,
      protectedTags: o.protected_tags,
      failedImportPatterns: o.failed_import_patterns,
      ignoredImportPatterns: o.ignored_import_patterns,
    },
    audit: { intervalHours: o.audit_interval_hours },
    mqtt: {
      url: o.mqtt_url,
      username: o.mqtt_username,
      password: o.mqtt_password,
      baseTopic: o.mqtt_base_topic.replace(/\/+$/, ''),
      discoveryPrefix: o.mqtt_discovery_prefix.replace(/\/+$/, ''),
    },
    homeAssistant: {
      supervisorToken: env.SUPERVISOR_TOKEN,
      url: isAddon ? undefined : env.HA_URL,
      token: isAddon ? undefined : env.HA_TOKEN,
      notifyService: o.notify_service,
    },
    mcp: { readOnly: o.mcp_read_only, allowInternalNetwork: o.mcp_allow_internal_network },
    apiToken: env.AUTOARR_API_TOKEN || undefined,
    anthropicApiKey: o.anthropic_api_key,
    llm: {
      baseUrl: o.llm_base_url,
      apiKey: o.llm_api_key,
      model: o.llm_model,
      timeoutMs: o.llm_timeout_seconds * 1000,
    },
  };
  for (const secret of [
    ...instances.map((i) => i.apiKey),
    settings.mqtt.password,
    settings.homeAssistant.token,
    settings.homeAssistant.supervisorToken,
    settings.apiToken,
    settings.anthropicApiKey,
    settings.llm?.apiKey,
    // The database password, as typed in the URL (percent-encoded) and as sent to the server.
    postgresTarget && /:\/\/[^/@:]*:([^@/]+)@/.exec(postgresTarget.url)?.[1],
    postgresTarget && postgresPassword(postgresTarget.url),
    // The Redis password, likewise.
    redis && 'target' in redis ? /:\/\/[^/@:]*:([^@/]+)@/.exec(redis.target.url)?.[1] : undefined,
    redis && 'target' in redis ? redis.target.password : undefined,
  ]) {
    registerSecret(secret);
  }
  const warnings = unknownOptionWarnings(isAddon ? { options: raw } : { env });
  if (settings.redis && !postgresTarget)
    warnings.push(
      'REDIS_URL is set but the database is a SQLite file: one process has no replicas to share live updates with, ' +
        'so Redis is not used (it serves replicas on PostgreSQL, DATABASE_URL=postgres://…)',
    );
  return { ok: true, settings, warnings };
}

/**
 * DATABASE_URL → a file path. Accepts what users of the original (SQLAlchemy) AutoArr have: sqlite:////abs.db and
 * sqlite+aiosqlite:///./rel.db, plus sqlite:///abs/path.db, sqlite:rel.db, file:…, :memory: and a bare path.
 */
export function databasePathFrom(
  databaseUrl: string | undefined,
  dataDir: string,
): { path: string } | { problem: string } {
  const url = databaseUrl?.trim();
  if (!url) return { path: path.join(dataDir, 'autoarr.db') };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme && !/^(sqlite(\+\w+)?|file)$/.test(scheme)) {
    return {
      problem: `DATABASE_URL: "${redactText(url)}" is not supported; expected a SQLite file (sqlite:////data/autoarr.db or a path) or PostgreSQL (postgres://host:5432/autoarr, with user:password@ before the host)`,
    };
  }
  let p = scheme ? url.slice(scheme.length + 1) : url;
  p = p.replace(/[?#].*$/, '');
  if (p.startsWith('//')) p = p.slice(2);
  // sqlite:///./x and sqlite:///../x are relative (SQLAlchemy); sqlite:////x and sqlite:///x are absolute.
  if (/^\/\.\.?\//.test(p)) p = p.slice(1);
  if (p.startsWith('//')) p = p.slice(1);
  if (p === '/:memory:') p = ':memory:';
  if (!p)
    return { problem: `DATABASE_URL: "${url}" names no file; expected sqlite:////data/autoarr.db or a file path` };
  return { path: p };
}

const addonName = (option: string) => option.replace(/\.(\d+)\./, '[$1].');

/** The environment variable a container user set, including SONARR_2_URL-style names for extra instances. */
function containerName(option: string, extraPrefixes: string[]): string {
  const extra = /^extra_instances\.(\d+)\.(\w+)$/.exec(option);
  const prefix = extra ? extraPrefixes[Number(extra[1])] : undefined;
  if (!extra || !prefix) return envNameFor(option);
  const field = extra[2]!;
  if (field === 'api_key' && prefix.startsWith('PLEX_')) return `${prefix}_TOKEN`;
  return field === 'app' ? `${prefix}_URL` : `${prefix}_${field.toUpperCase()}`;
}

function hideSecrets(problems: string[], raw: Record<string, unknown>, env: Env): string[] {
  const secrets: string[] = [];
  // Secrets set only as variables (HA_TOKEN, AUTOARR_API_TOKEN, …) count too: one may sit in a URL variable by mistake.
  for (const [k, v] of Object.entries(env)) {
    if (/(API_KEY|TOKEN|PASSWORD)$/.test(k) && v && v.trim().length >= 4) secrets.push(v.trim());
  }
  const collect = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (SECRET_OPTIONS.has(k) && typeof v === 'string' && v.trim().length >= 4) secrets.push(v.trim());
    }
  };
  collect(raw);
  if (Array.isArray(raw.extra_instances)) raw.extra_instances.forEach(collect);
  return problems.map((line) => redactText(secrets.reduce((l, sec) => l.split(sec).join('(hidden)'), line)));
}

/**
 * Every problem in one round: the instance rules (a URL without its key, a name used twice) normally run on valid
 * options, so they are also run on the options that did validate, leaving out the ones already reported.
 */
function laterProblems(
  raw: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
  reported: readonly string[],
  nameOf: (option: string) => string,
): string[] {
  const bad = new Set(issues.map((i) => String(i.path[0])));
  const rest = optionsSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  if (!rest.success) return [];
  const more: string[] = [];
  buildInstances(rest.data, more, nameOf);
  const named = new Set(reported.map((p) => p.slice(0, p.indexOf(':'))));
  return more.filter((p) => !named.has(p.slice(0, p.indexOf(':'))));
}

function buildInstances(o: Options, problems: string[], nameOf: (option: string) => string): AppInstance[] {
  const instances: AppInstance[] = [];
  for (const app of APP_KINDS) {
    const url = o[`${app}_url`];
    const keyOption = app === 'plex' ? 'plex_token' : `${app}_api_key`;
    const key = o[keyOption as keyof Options] as string | undefined;
    if (!url) continue;
    if (!key) {
      const name = nameOf(keyOption);
      problems.push(
        `${name}: missing; ${APP_LABEL[app]} has a URL but no ${app === 'plex' ? 'token' : 'API key'}. ${whereIsKey(app)}`,
      );
      continue;
    }
    instances.push({
      id: app,
      app,
      name: APP_LABEL[app]!,
      url: normaliseUrl(url),
      apiKey: key,
      verifySsl: o.verify_ssl,
    });
  }
  const ids = new Set(instances.map((i) => i.id));
  o.extra_instances.forEach((extra, n) => {
    // "Sonarr 4K" → sonarr_4k, "4K" → sonarr_4k, "Sonarr" (next to the main one) → sonarr_2.
    const s = slug(extra.name);
    let id = s.startsWith(`${extra.app}_`) ? s : `${extra.app}_${s}`;
    if (s === extra.app) id = `${extra.app}_${n + 2}`;
    if (ids.has(id)) {
      problems.push(
        `${nameOf(`extra_instances.${n}.name`)}: "${extra.name}" is used twice for ${APP_LABEL[extra.app]}; give each instance its own name`,
      );
      return;
    }
    ids.add(id);
    instances.push({
      id,
      app: extra.app,
      name: extra.name,
      url: normaliseUrl(extra.url),
      apiKey: extra.api_key,
      verifySsl: extra.verify_ssl ?? o.verify_ssl,
    });
  });
  return instances;
}

export function whereIsKey(app: AppKind): string {
  switch (app) {
    case 'sabnzbd':
      return 'Copy it from SABnzbd → Config → General → Security → API Key.';
    case 'plex':
      return 'See "Finding an authentication token" in the Plex support articles (X-Plex-Token).';
    default:
      return `Copy it from ${APP_LABEL[app]} → Settings → General → Security → API Key.`;
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '') || 'instance';

const normaliseUrl = (u: string) => u.trim().replace(/\/+$/, '');

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, nameOf: (o: string) => string): string {
  const pathParts = issue.path.map(String);
  const option = pathParts.join('.');
  const leaf = pathParts[pathParts.length - 1] ?? option;
  const value = pathParts.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    raw,
  );
  const shown = SECRET_OPTIONS.has(leaf) ? '(hidden)' : shownValue(leaf, value);
  const name = nameOf(option);
  const expected = EXPECTATIONS[issue.message];
  if (expected)
    return `${name}: ${shown} is not valid; ${expected}`.replace(
      'is not valid; expected http',
      'is not a URL; expected http',
    );
  switch (issue.code) {
    case 'invalid_value':
      return `${name}: ${shown} is not allowed; expected one of ${(issue as { values: unknown[] }).values.join(', ')}`;
    case 'too_small':
      return value === undefined || value === ''
        ? `${name}: missing; it must not be empty`
        : `${name}: ${shown} is too small; expected at least ${String((issue as { minimum: unknown }).minimum)}`;
    case 'too_big':
      return `${name}: ${shown} is too large; expected at most ${String((issue as { maximum: unknown }).maximum)}`;
    case 'invalid_type':
      if (value === undefined) return `${name}: missing; expected ${(issue as { expected: string }).expected}`;
      return `${name}: ${shown} is not valid; expected ${describeType((issue as { expected: string }).expected)}`;
    case 'invalid_union':
      return `${name}: ${shown} is not valid; expected true or false`;
    default:
      return `${name}: ${shown} is not valid (${issue.message})`;
  }
}

/** A key or token pasted into an address field: long, one word, no dots/colons/slashes (or a JWT's three parts). */
const KEY_LIKE = /^(?:[A-Za-z0-9_-]{16,}|[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})$/;

/** An option's value as a problem line may quote it: an address field holding what looks like a key is not echoed. */
function shownValue(leaf: string, value: unknown): string {
  if (/url$/.test(leaf) && typeof value === 'string' && KEY_LIKE.test(value.trim())) {
    return '(hidden: this looks like an API key or token, not an address)';
  }
  return JSON.stringify(value);
}

function describeType(t: string): string {
  return t === 'number' ? 'a number' : t === 'array' ? 'a list' : t === 'object' ? 'a group of settings' : `a ${t}`;
}

function advertiseUrlFrom(raw: string | undefined, port: number): { url: string } | { problem: string } | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v)) return { url: v.replace(/\/+$/, '') };
  if (/^[A-Za-z0-9.-]+$/.test(v)) return { url: `http://${v}:${port}` };
  if (/^[0-9A-Fa-f:]+$/.test(v) && v.includes(':')) return { url: `http://[${v}]:${port}` };
  return {
    problem:
      `AUTOARR_ADVERTISE_URL: ${shownValue('url', v)} is neither a URL nor an address; expected ` +
      `http://<this replica's address>:${port} or the address alone`,
  };
}
