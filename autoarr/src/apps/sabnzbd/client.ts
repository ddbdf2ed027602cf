// SABnzbd client over /api?mode=…&apikey=…&output=json. Every call goes through call(), which adds the key,
// turns {"status": false, "error": …} and the plain-text key errors into AppErrors, and maps bodies in parse.ts.
import { isSecretKey } from '../../log/redact.js';
import type { AppInstance } from '../../settings/settings.js';
import type { AppClient, ProbeResult } from '../common/client.js';
import { UserError } from '../../core/errors.js';
import { AppError, AUTH_HINT } from '../common/errors.js';
import { wrongApp } from '../common/identity.js';
import { badShape } from '../common/classify.js';
import { bool, obj, ShapeError, type Json } from '../common/shape.js';
import { Transport, type ClientOptions } from '../common/transport.js';
import type { QueryValue } from '../common/url.js';
import { mapFullStatus, mapHistory, mapQueue, mapWarnings, sabBoolKeys } from './parse.js';
import { miscOf, selfPauseMessage, selfPauseReason } from './pause.js';
import type {
  SabAddUrlOptions,
  SabConfig,
  SabConfigValue,
  SabDeleteOptions,
  SabFullStatus,
  SabHistory,
  SabHistoryOptions,
  SabPriority,
  SabQueue,
  SabQueueOptions,
  SabWarning,
} from './types.js';

export interface SabnzbdClient extends AppClient {
  version(): Promise<string>;
  queue(opts?: SabQueueOptions): Promise<SabQueue>;
  history(opts?: SabHistoryOptions): Promise<SabHistory>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
  /** Pauses the whole queue for 1..10080 minutes (a week); SABnzbd resumes by itself afterwards. */
  pauseFor(minutes: number): Promise<void>;
  /** True when SABnzbd paused the job (false: no such job). */
  pauseJob(nzoId: string): Promise<boolean>;
  resumeJob(nzoId: string): Promise<boolean>;
  /** True when the job was removed from the queue. */
  deleteJob(nzoId: string, opts: SabDeleteOptions): Promise<boolean>;
  /** Retries a failed history item; returns the new job's nzo_id. Throws not_found when it cannot be retried. */
  retry(nzoId: string): Promise<string>;
  /** Deletes a history item permanently (not to the archive). */
  deleteHistory(nzoId: string, opts: SabDeleteOptions): Promise<void>;
  /** Config with api_key, nzb_key, passwords and usernames dropped; misc booleans converted to true/false. */
  getConfig(section?: string): Promise<SabConfig>;
  setConfig(section: string, keyword: string, value: SabConfigValue): Promise<SabConfig>;
  /** Percent of the configured maximum line speed (100 = no limit). */
  setSpeedLimit(percent: number): Promise<void>;
  warnings(): Promise<SabWarning[]>;
  fullStatus(): Promise<SabFullStatus>;
  changeCategory(nzoId: string, category: string): Promise<boolean>;
  /** Returns the job's new queue position. Throws not_found for an unknown job. */
  setPriority(nzoId: string, priority: SabPriority): Promise<number>;
  /** Returns the nzo_ids SABnzbd created (the URL itself is fetched in the background). */
  addUrl(url: string, opts?: SabAddUrlOptions): Promise<string[]>;
}

/** Longest timed pause accepted (one week). */
export const MAX_PAUSE_MINUTES = 10_080;

/** Keys dropped from get_config/fullstatus output besides the isSecretKey ones. */
const DROP_KEYS = /^(username|email_pwd|email_account|ma_username|ma_password)$|_pwd$/i;

export class SabnzbdHttpClient implements SabnzbdClient {
  private readonly http: Transport;

  constructor(
    readonly instance: AppInstance,
    options: ClientOptions = {},
  ) {
    this.http = new Transport(instance, {}, options);
  }

  /** One API call; `write` calls are never retried (SABnzbd writes are GETs too). */
  private async call(mode: string, params: Record<string, QueryValue> = {}, write = false): Promise<Json> {
    const query = { mode, ...params, output: 'json', apikey: this.instance.apiKey };
    const res = await this.http.send('GET', this.http.url('/api', query), {}, undefined, !write);
    const what = `mode=${mode}${typeof params.name === 'string' && !/^https?:/.test(params.name) ? ` name=${params.name}` : ''}`;
    // Old versions answer "error: API Key Incorrect" as text with HTTP 200.
    if (/^\s*error:/i.test(res.text)) throw this.apiError(res.text.replace(/^\s*error:\s*/i, ''), what);
    const body = this.http.parse(res, 'GET', '/api');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badShape(this.instance, `answer to ${what}`, 'not a JSON object');
    }
    const b = body as Json;
    if (b.status === false && typeof b.error === 'string') throw this.apiError(b.error, what);
    return b;
  }

  private apiError(error: string, what: string): AppError {
    const i = this.instance;
    if (/api key (incorrect|required)/i.test(error)) {
      return new AppError('auth', i, `${i.name} rejected the API key: ${AUTH_HINT.sabnzbd}`);
    }
    if (/item does not exist|config item does not exist/i.test(error)) {
      return new AppError('not_found', i, `${i.name} does not know that item (${what}: "${error}")`);
    }
    if (/not implemented/i.test(error)) {
      return new AppError('upstream', i, `${i.name} does not support ${what}: update SABnzbd to 3.0 or later`);
    }
    if (/configuration locked/i.test(error)) {
      return new AppError(
        'upstream',
        i,
        `${i.name} refused to change its configuration because it is locked: turn off "config_lock" in ` +
          `SABnzbd Config → Special`,
      );
    }
    return new AppError('upstream', i, `${i.name} refused ${what}: "${error}"`);
  }

  private map<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ShapeError) throw badShape(this.instance, what, err.message);
      throw err;
    }
  }

  async version(): Promise<string> {
    const b = await this.call('version');
    if (typeof b.version !== 'string') throw badShape(this.instance, 'version', 'no version field');
    return b.version;
  }

  async probe(): Promise<ProbeResult> {
    // Another app at this URL answers /api with something else (or an error); SABnzbd always names its version.
    const v = await this.call('version').catch((err: unknown) => {
      // SABnzbd answers mode=version without a key: an HTTP 401 here comes from something else.
      if (err instanceof AppError && err.kind === 'auth' && err.status === 401) {
        throw wrongApp(this.instance, undefined, '/api?mode=version, which needs no key, was refused with HTTP 401');
      }
      throw err;
    });
    if (typeof v.version !== 'string') throw wrongApp(this.instance, undefined, '/api?mode=version names no version');
    // mode=version works without a key; one keyed read makes a wrong key visible and shows a pause.
    const queue = await this.queue({ start: 0, limit: 1 });
    const degraded = queue.paused ? await this.selfPause(queue) : undefined;
    return degraded ? { version: v.version, degraded } : { version: v.version };
  }

  /** Why SABnzbd paused itself (low disk), from its config and warnings; undefined for a person's pause. */
  private async selfPause(queue: SabQueue): Promise<string | undefined> {
    const [config, warnings] = await Promise.allSettled([this.getConfig('misc'), this.warnings()]);
    const misc = config.status === 'fulfilled' ? miscOf(config.value) : undefined;
    const reason = selfPauseReason(queue, misc, warnings.status === 'fulfilled' ? warnings.value : []);
    return reason ? selfPauseMessage(this.instance.name, reason, misc) : undefined;
  }

  async queue(opts: SabQueueOptions = {}): Promise<SabQueue> {
    const b = await this.call('queue', { start: opts.start, limit: opts.limit });
    return this.map('queue', () => mapQueue(b));
  }

  async history(opts: SabHistoryOptions = {}): Promise<SabHistory> {
    const b = await this.call('history', {
      start: opts.start ?? 0,
      // Without a limit SABnzbd returns only history_limit (default 10) items.
      limit: opts.limit ?? 100,
      failed_only: opts.failedOnly ? 1 : undefined,
      category: opts.category,
      nzo_ids: opts.nzoIds?.length ? opts.nzoIds : undefined,
      last_history_update: opts.since,
    });
    return this.map('history', () => mapHistory(b));
  }

  async pauseAll(): Promise<void> {
    await this.call('pause', {}, true);
  }

  async resumeAll(): Promise<void> {
    await this.call('resume', {}, true);
  }

  async pauseFor(minutes: number): Promise<void> {
    // Checked here so a bad value never reaches SABnzbd, which would pause without a time limit.
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_PAUSE_MINUTES) {
      throw new UserError(
        'bad_request',
        `A timed pause of ${this.instance.name} must be a whole number of minutes from 1 to ${MAX_PAUSE_MINUTES} ` +
          `(one week); got ${String(minutes)}`,
      );
    }
    await this.call('config', { name: 'set_pause', value: minutes }, true);
  }

  private async jobAction(name: string, nzoId: string, extra: Record<string, QueryValue> = {}): Promise<boolean> {
    const b = await this.call('queue', { name, value: nzoId, ...extra }, true);
    const ids = Array.isArray(b.nzo_ids) ? b.nzo_ids : [];
    return bool(b.status) && (ids.length === 0 || ids.includes(nzoId));
  }

  pauseJob(nzoId: string): Promise<boolean> {
    return this.jobAction('pause', nzoId);
  }

  resumeJob(nzoId: string): Promise<boolean> {
    return this.jobAction('resume', nzoId);
  }

  deleteJob(nzoId: string, opts: SabDeleteOptions): Promise<boolean> {
    return this.jobAction('delete', nzoId, { del_files: opts.deleteFiles ? 1 : 0 });
  }

  async retry(nzoId: string): Promise<string> {
    const b = await this.call('retry', { value: nzoId }, true);
    if (typeof b.nzo_id === 'string') return b.nzo_id;
    if (b.status === true) return nzoId;
    throw new AppError('not_found', this.instance, `${this.instance.name} could not retry ${nzoId}`);
  }

  async deleteHistory(nzoId: string, opts: SabDeleteOptions): Promise<void> {
    await this.call('history', { name: 'delete', value: nzoId, del_files: opts.deleteFiles ? 1 : 0, archive: 0 }, true);
  }

  async getConfig(section?: string): Promise<SabConfig> {
    const b = await this.call('get_config', { section });
    return this.map('config', () => cleanConfig(b.config));
  }

  async setConfig(section: string, keyword: string, value: SabConfigValue): Promise<SabConfig> {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : Array.isArray(value) ? value.join(',') : value;
    const b = await this.call('set_config', { section, keyword, value: v }, true);
    return this.map('config', () => cleanConfig(b.config));
  }

  async setSpeedLimit(percent: number): Promise<void> {
    const p = Math.max(1, Math.min(100, Math.round(percent)));
    await this.call('config', { name: 'speedlimit', value: p }, true);
  }

  async warnings(): Promise<SabWarning[]> {
    const b = await this.call('warnings');
    return this.map('warnings', () => mapWarnings(b.warnings));
  }

  async fullStatus(): Promise<SabFullStatus> {
    const b = await this.call('fullstatus', { skip_dashboard: 1 });
    return this.map('status', () => mapFullStatus(b));
  }

  async changeCategory(nzoId: string, category: string): Promise<boolean> {
    const b = await this.call('change_cat', { value: nzoId, value2: category }, true);
    return bool(b.status);
  }

  async setPriority(nzoId: string, priority: SabPriority): Promise<number> {
    const b = await this.call('queue', { name: 'priority', value: nzoId, value2: priority }, true);
    const position = typeof b.position === 'number' ? b.position : -1;
    if (position < 0) throw new AppError('not_found', this.instance, `${this.instance.name} has no job ${nzoId}`);
    return position;
  }

  async addUrl(url: string, opts: SabAddUrlOptions = {}): Promise<string[]> {
    const b = await this.call(
      'addurl',
      { name: url, nzbname: opts.name, cat: opts.category, priority: opts.priority },
      true,
    );
    return Array.isArray(b.nzo_ids) ? b.nzo_ids.filter((x): x is string => typeof x === 'string') : [];
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

/** Drops secrets and converts 0/1 booleans in get_config/set_config output. */
export function cleanConfig(v: unknown): SabConfig {
  const config = obj(v ?? {}, 'config');
  const out: SabConfig = {};
  for (const [section, value] of Object.entries(config)) {
    if (Array.isArray(value)) {
      out[section] = value
        .filter((x) => x && typeof x === 'object')
        .map((x) => cleanItem(x as Json, sabBoolKeys.items));
    } else if (value && typeof value === 'object') {
      out[section] = cleanItem(value as Json, section === 'misc' ? sabBoolKeys.misc : undefined);
    }
  }
  return out;
}

function cleanItem(item: Json, boolKeys?: Set<string>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(item)) {
    if (isSecretKey(k) || DROP_KEYS.test(k)) continue;
    out[k] =
      boolKeys?.has(k) && (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') ? bool(v) : v;
  }
  return out;
}
