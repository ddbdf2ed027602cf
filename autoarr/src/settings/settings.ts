// The typed settings object every feature receives (camelCase, resolved, validated).
import type { Role } from '../cluster/role.js';
import type { PostgresTarget } from '../db/target.js';
import type { RedisTarget } from '../cluster/redis-target.js';
import type { LogLevel } from '../log/logger.js';
import type { AppKind } from './schema.js';

export interface AppInstance {
  /** Stable id used in URLs, entity ids and the database: "sonarr", "sonarr_4k". */
  id: string;
  app: AppKind;
  /** What the person called it: "Sonarr", "Sonarr 4K". */
  name: string;
  url: string;
  apiKey: string;
  verifySsl: boolean;
}

export type RunMode = 'addon' | 'container' | 'demo';

export interface MonitorSettings {
  pollIntervalMs: number;
  stallMinutes: number;
  maxStrikes: number;
  strikeWindowHours: number;
  minProgressBytes: number;
  maxRemovalsPerHour: number;
  minQueueAgeMinutes: number;
  maxRecoveryAttempts: number;
  autoRecovery: boolean;
  dryRun: boolean;
  cleanupFailedJobs: boolean;
  protectedCategories: string[];
  protectedTags: string[];
  failedImportPatterns: string[];
  ignoredImportPatterns: string[];
}

export interface Settings {
  mode: RunMode;
  /** AUTOARR_ROLE: which parts this process runs (always 'all' in the add-on; unset means 'all'). */
  role?: Role;
  version: string;
  logLevel: LogLevel;
  /** Address to bind: 0.0.0.0 in the add-on and container, 127.0.0.1 in the demo. */
  host: string;
  port: number;
  dataDir: string;
  /** The SQLite file (used unless postgres is set). */
  databasePath: string;
  /** DATABASE_URL=postgres://…: PostgreSQL instead of the SQLite file. */
  postgres?: PostgresTarget;
  /** REDIS_URL: live updates between replicas through Redis instead of PostgreSQL LISTEN/NOTIFY. */
  redis?: RedisTarget;
  /** AUTOARR_ADVERTISE_URL: how other replicas reach this one (default http://<host name>:<port>). */
  advertiseUrl?: string;
  instances: AppInstance[];
  requestTimeoutMs: number;
  monitor: MonitorSettings;
  audit: { intervalHours: number };
  mqtt: {
    url?: string;
    username?: string;
    password?: string;
    baseTopic: string;
    discoveryPrefix: string;
  };
  homeAssistant: {
    /** Set in the add-on: talk to HA and the Supervisor through the proxy. */
    supervisorToken?: string;
    url?: string;
    token?: string;
    notifyService?: string;
    /** The Supervisor API base (default http://supervisor); tests point it at a fake. */
    supervisorUrl?: string;
  };
  mcp: { readOnly: boolean; allowInternalNetwork: boolean };
  /** Bearer token for the API/MCP when set by the user; otherwise one is generated and stored. */
  apiToken?: string;
  /** Anthropic Messages API key (ANTHROPIC_API_KEY): plain-words requests and explanations use Claude. */
  anthropicApiKey?: string | undefined;
  /** An OpenAI-compatible endpoint (LLM_BASE_URL, e.g. Ollama's http://host:11434/v1), used without an Anthropic key. */
  llm?: { baseUrl?: string | undefined; apiKey?: string | undefined; model?: string | undefined; timeoutMs: number };
}
