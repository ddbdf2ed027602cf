// The add-on options (snake_case, as users type them in Home Assistant) and their validation.
// The container reads the same options from environment variables (see env.ts), so one schema serves both.
import { z } from 'zod';
import { LOG_LEVELS } from '../log/logger.js';
import { APP_KINDS } from '../shared/domain.js';

export { APP_KINDS, type AppKind } from '../shared/domain.js';

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'not_url');

const mqttUrl = z
  .string()
  .trim()
  .refine((v) => /^(mqtts?|wss?|tcp):\/\/[^/\s]+/.test(v), 'not_mqtt_url');

const int = (min: number, max: number) => z.coerce.number().int('not_int').min(min).max(max);
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])])
  .transform((v) => (typeof v === 'boolean' ? v : ['true', '1', 'yes', 'on'].includes(v)));
const stringList = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((s) => s.trim()).filter(Boolean));

export const extraInstanceSchema = z.object({
  app: z.enum(APP_KINDS),
  name: z.string().trim().min(1).max(60),
  url: httpUrl,
  api_key: z.string().trim().min(1),
  verify_ssl: bool.optional(),
});

/** Every option with its default. Optional options without a default are left out of config.yaml's `options`. */
export const optionsSchema = z.object({
  log_level: z.enum(LOG_LEVELS).default('info'),

  sabnzbd_url: httpUrl.optional(),
  sabnzbd_api_key: z.string().trim().min(1).optional(),
  sonarr_url: httpUrl.optional(),
  sonarr_api_key: z.string().trim().min(1).optional(),
  radarr_url: httpUrl.optional(),
  radarr_api_key: z.string().trim().min(1).optional(),
  plex_url: httpUrl.optional(),
  plex_token: z.string().trim().min(1).optional(),
  verify_ssl: bool.default(true),
  extra_instances: z.array(extraInstanceSchema).default([]),
  request_timeout_seconds: int(2, 120).default(15),

  // Download monitor (landscape.md §3 numbers).
  poll_interval_seconds: int(2, 3600).default(10),
  stall_minutes: int(1, 1440).default(15),
  max_strikes: int(1, 20).default(3),
  strike_window_hours: int(1, 168).default(24),
  min_progress_mb: int(0, 100000).default(1),
  max_removals_per_hour: int(0, 1000).default(10),
  min_queue_age_minutes: int(0, 1440).default(10),
  max_recovery_attempts: int(1, 10).default(3),
  auto_recovery: bool.default(true),
  dry_run: bool.default(false),
  cleanup_failed_jobs: bool.default(true),
  protected_categories: stringList.default([]),
  protected_tags: stringList.default([]),
  failed_import_patterns: stringList.default([]),
  ignored_import_patterns: stringList.default([]),

  // Audit.
  audit_interval_hours: int(1, 720).default(24),

  // Home Assistant and MQTT.
  mqtt_base_topic: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_\-/]+$/, 'bad_topic')
    .default('autoarr'),
  mqtt_discovery_prefix: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_\-/]+$/, 'bad_topic')
    .default('homeassistant'),
  mqtt_url: mqttUrl.optional(),
  mqtt_username: z.string().optional(),
  mqtt_password: z.string().optional(),
  notify_service: z
    .string()
    .trim()
    .regex(/^notify\.[a-z0-9_]+$/, 'bad_notify')
    .optional(),

  // MCP / API access.
  mcp_read_only: bool.default(false),
  mcp_allow_internal_network: bool.default(true),

  // Plain-words requests: an optional LLM (Anthropic, or any OpenAI-compatible endpoint such as Ollama).
  anthropic_api_key: z.string().trim().min(1).optional(),
  llm_base_url: httpUrl.optional(),
  llm_api_key: z.string().trim().min(1).optional(),
  llm_model: z.string().trim().min(1).max(200).optional(),
  llm_timeout_seconds: int(2, 120).default(20),
});

export type RawOptions = z.input<typeof optionsSchema>;
export type Options = z.output<typeof optionsSchema>;

/** Options whose values are secrets: never echoed in an error or a log. */
export const SECRET_OPTIONS = new Set([
  'sabnzbd_api_key',
  'sonarr_api_key',
  'radarr_api_key',
  'plex_token',
  'api_key',
  'mqtt_password',
  'ha_token',
  'api_token',
  'anthropic_api_key',
  'llm_api_key',
]);

/** What each option expects, in words, for error messages. */
export const EXPECTATIONS: Record<string, string> = {
  not_url: 'expected http(s)://host:port',
  not_mqtt_url: 'expected mqtt://host:1883 (or mqtts://, ws://, wss://)',
  not_int: 'expected a whole number',
  bad_topic: 'expected letters, digits, _, - and /',
  bad_notify: 'expected a notify service such as notify.mobile_app_pixel',
};
