// The container's environment variables, mapped onto the add-on option names so one schema validates both.
// Documented scheme: <APP>_URL and <APP>_API_KEY (PLEX_TOKEN for Plex) for the first instance,
// <APP>_2_URL, <APP>_2_API_KEY, <APP>_2_NAME, <APP>_2_VERIFY_SSL … (2 to 9) for more; every other option as
// AUTOARR_<OPTION> in upper case (AUTOARR_STALL_MINUTES=20).
import { APP_KINDS, optionsSchema } from './schema.js';

type Env = Record<string, string | undefined>;

/** option name → the env variable a container user sets for it (used in error messages). */
export function envNameFor(option: string): string {
  const direct: Record<string, string> = {
    log_level: 'LOG_LEVEL',
    mqtt_url: 'MQTT_URL',
    mqtt_username: 'MQTT_USERNAME',
    mqtt_password: 'MQTT_PASSWORD',
    anthropic_api_key: 'ANTHROPIC_API_KEY',
    llm_base_url: 'LLM_BASE_URL',
    llm_api_key: 'LLM_API_KEY',
    llm_model: 'LLM_MODEL',
  };
  if (direct[option]) return direct[option];
  const m = /^(sabnzbd|sonarr|radarr|plex)_(url|api_key|token)$/.exec(option);
  if (m) return option.toUpperCase();
  const extra = /^extra_instances\.(\d+)\.(\w+)$/.exec(option);
  if (extra) return `<APP>_${Number(extra[1]) + 2}_${extra[2]!.toUpperCase()}`;
  return `AUTOARR_${option.toUpperCase()}`;
}

/** For each entry of extra_instances built by optionsFromEnv, the variable prefix it came from ("SONARR_2"). */
export function extraInstanceEnvPrefixes(env: Env): string[] {
  const prefixes: string[] = [];
  for (const app of APP_KINDS) {
    for (let n = 2; n <= 9; n++) if (env[`${app.toUpperCase()}_${n}_URL`]) prefixes.push(`${app.toUpperCase()}_${n}`);
  }
  return prefixes;
}

export function optionsFromEnv(env: Env): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') raw[key] = value;
  };
  set('log_level', env.LOG_LEVEL?.toLowerCase() === 'warn' ? 'warning' : env.LOG_LEVEL?.toLowerCase());
  for (const app of APP_KINDS) {
    const U = app.toUpperCase();
    set(`${app}_url`, env[`${U}_URL`]);
    set(app === 'plex' ? 'plex_token' : `${app}_api_key`, env[app === 'plex' ? 'PLEX_TOKEN' : `${U}_API_KEY`]);
  }
  set('mqtt_url', env.MQTT_URL);
  set('mqtt_username', env.MQTT_USERNAME);
  set('mqtt_password', env.MQTT_PASSWORD);
  set('anthropic_api_key', env.ANTHROPIC_API_KEY);
  set('llm_base_url', env.LLM_BASE_URL);
  set('llm_api_key', env.LLM_API_KEY);
  set('llm_model', env.LLM_MODEL);
  for (const key of Object.keys(optionsSchema.shape)) {
    set(key, env[`AUTOARR_${key.toUpperCase()}`] ?? (raw[key] as string | undefined));
  }
  const extras: Record<string, unknown>[] = [];
  for (const app of APP_KINDS) {
    const U = app.toUpperCase();
    for (let n = 2; n <= 9; n++) {
      const url = env[`${U}_${n}_URL`];
      if (!url) continue;
      extras.push({
        app,
        name: env[`${U}_${n}_NAME`] ?? `${app[0]!.toUpperCase()}${app.slice(1)} ${n}`,
        url,
        api_key: env[`${U}_${n}_${app === 'plex' ? 'TOKEN' : 'API_KEY'}`] ?? env[`${U}_${n}_API_KEY`] ?? '',
        ...(env[`${U}_${n}_VERIFY_SSL`] ? { verify_ssl: env[`${U}_${n}_VERIFY_SSL`] } : {}),
      });
    }
  }
  if (extras.length) raw.extra_instances = extras;
  return raw;
}
