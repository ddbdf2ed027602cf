// The simulated SABnzbd API: one endpoint `<url_base>/api`, routed on `mode` (and `name`), key in `apikey`.
import { Hono, type Context } from 'hono';
import { addSabWarning, sabAddUrl, sabPauseAll, sabResumeAll, sabRetry } from '../world/actions.js';
import type { SimWorld } from '../world/world.js';
import { coerceSabValue, PROTECTED_KEYS, type SabConfig } from './config.js';
import { fullStatusBody, historyBody, queueBody, SAB_VERSION, warningsList } from './views.js';

export interface SabOptions {
  apiKey: string;
  nzbKey: string;
  urlBase: string;
  /** bad_key mode: every key is wrong. */
  rejectAllKeys: () => boolean;
}

type Params = Record<string, string>;
type Reply = Record<string, unknown>;

const KEYLESS = new Set(['version', 'auth']);
const NZB_KEY_MODES = new Set(['addfile', 'addurl', 'addlocalfile', 'version', 'auth']);
const QUEUE_ACTIONS = new Set([
  'delete',
  'purge',
  'pause',
  'resume',
  'priority',
  'rename',
  'sort',
  'change_complete_action',
  'delete_nzf',
]);

/** True when a SABnzbd request changes something (recorded as a write). */
export function isSabWrite(p: Params): boolean {
  const mode = p.mode ?? '';
  if (mode === 'queue') return QUEUE_ACTIONS.has(p.name ?? '');
  if (mode === 'history') return ['delete', 'mark_as_completed'].includes(p.name ?? '');
  if (mode === 'warnings') return p.name === 'clear';
  if (mode === 'status') return !!p.name;
  return [
    'pause',
    'resume',
    'retry',
    'retry_all',
    'addurl',
    'addfile',
    'addlocalfile',
    'set_config',
    'set_config_default',
    'del_config',
    'change_cat',
    'change_script',
    'change_opts',
    'switch',
    'config',
    'pause_pp',
    'resume_pp',
    'restart',
    'shutdown',
    'reset_quota',
    'cancel_pp',
    'rss_now',
    'watched_now',
  ].includes(mode);
}

export function createSabRouter(world: SimWorld, opts: SabOptions): Hono {
  const app = new Hono();
  const handler = async (c: Context) => {
    const params: Params = {};
    for (const [k, v] of new URL(c.req.url).searchParams) if (!(k in params)) params[k] = v;
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      for (const [k, v] of Object.entries(form)) if (!(k in params)) params[k] = typeof v === 'string' ? v : '__file__';
    }
    const mode = params.mode ?? '';
    if (!KEYLESS.has(mode)) {
      const key = params.apikey;
      if (!key) return c.body('API Key Required', 403, { 'Content-Type': 'text/html;charset=utf-8' });
      const ok = !opts.rejectAllKeys() && (key === opts.apiKey || (key === opts.nzbKey && NZB_KEY_MODES.has(mode)));
      if (!ok) return c.body('API Key Incorrect', 403, { 'Content-Type': 'text/html;charset=utf-8' });
    }
    const body = dispatch(world, opts, mode, params);
    return c.body(JSON.stringify(body), 200, {
      'Content-Type': 'application/json;charset=UTF-8',
      Pragma: 'no-cache',
      'Access-Control-Allow-Origin': '*',
    });
  };
  const base = opts.urlBase.replace(/\/+$/, '');
  app.on(['GET', 'POST'], `${base}/api`, handler);
  app.on(['GET', 'POST'], `${base}/api/`, handler);
  return app;
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const int = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) ? n : fallback;
};
const NOT_IMPLEMENTED = { status: false, error: 'not implemented' };
const ONE_PARAM = { status: false, error: 'expects one parameter' };

function dispatch(world: SimWorld, opts: SabOptions, mode: string, p: Params): Reply {
  switch (mode) {
    case 'version':
      return { version: SAB_VERSION };
    case 'auth':
      return { auth: p.apikey === opts.apiKey ? 'apikey' : p.apikey === opts.nzbKey ? 'nzbkey' : 'badkey' };
    case 'queue':
      return queueMode(world, p);
    case 'history':
      return historyMode(world, p);
    case 'pause':
      sabPauseAll(world);
      return { status: true };
    case 'resume':
      sabResumeAll(world);
      return { status: true };
    case 'config':
      return configMode(world, p);
    case 'retry': {
      if (!p.value) return ONE_PARAM;
      const d = sabRetry(world, p.value);
      return d ? { status: true, nzo_id: d.nzoId } : { status: false, error: 'item does not exist' };
    }
    case 'retry_all': {
      const failed = world.sabHistory().filter((d) => d.sab === 'failed');
      return { status: failed.map((d) => sabRetry(world, d.nzoId)?.nzoId).filter(Boolean) };
    }
    case 'addurl':
    case 'addlocalfile':
    case 'addfile': {
      if (!p.name && !p.nzbfile) return ONE_PARAM;
      const source = p.name && p.name !== '__file__' ? p.name : (p.nzbname ?? 'upload.nzb');
      const d = sabAddUrl(world, source, p.nzbname, p.cat ?? '*', int(p.priority, 0));
      return { status: true, nzo_ids: [d.nzoId] };
    }
    case 'get_config':
      return { config: readConfig(world.sabConfig, p.section, p.keyword) };
    case 'set_config':
      return setConfig(world, p);
    case 'set_config_default':
      return { status: true };
    case 'del_config':
      return { status: true };
    case 'fullstatus':
      return fullStatusBody(world, opts.apiKey, opts.urlBase);
    case 'status':
      return p.name ? { status: true } : fullStatusBody(world, opts.apiKey, opts.urlBase);
    case 'warnings':
      if (p.name === 'clear') {
        world.sab.warnings = [];
        return { status: true };
      }
      return p.name && p.name !== 'show' ? NOT_IMPLEMENTED : { warnings: warningsList(world) };
    case 'server_stats':
      return serverStats(world);
    case 'change_cat': {
      if (!p.value) return ONE_PARAM;
      const ids = list(p.value) ?? [];
      let ok = false;
      for (const d of world.downloads) {
        if (ids.includes(d.nzoId) && d.sab === 'queued') {
          d.category = !p.value2 || p.value2 === 'None' || p.value2 === '*' ? '*' : p.value2;
          ok = true;
        }
      }
      return { status: ok };
    }
    case 'switch': {
      const d = world.download(p.value ?? '');
      if (!d || d.sab !== 'queued' || p.value === p.value2) return { result: { position: -1, priority: 0 } };
      const q = world.sabQueue();
      const target = Math.max(
        0,
        Math.min(
          q.length - 1,
          int(
            p.value2,
            q.findIndex((x) => x.nzoId === p.value2),
          ),
        ),
      );
      world.downloads.splice(world.downloads.indexOf(d), 1);
      const before = q.filter((x) => x !== d)[target];
      // Moving above a higher-priority job takes on its priority, as SABnzbd does.
      if (before && before.priority > d.priority) d.priority = before.priority;
      world.downloads.splice(before ? world.downloads.indexOf(before) : world.downloads.length, 0, d);
      return { result: { position: target, priority: d.priority } };
    }
    case 'get_cats':
      return { categories: world.sabConfig.categories.map((c) => String(c.name)) };
    case 'get_scripts':
      return { scripts: ['None'] };
    default:
      return NOT_IMPLEMENTED;
  }
}

function queueMode(world: SimWorld, p: Params): Reply {
  const ids = list(p.value) ?? [];
  switch (p.name) {
    case 'delete':
    case 'purge': {
      const removed: string[] = [];
      for (const d of world.sabQueue()) {
        const hit =
          p.name === 'purge' || p.value === 'all' ? !p.search || d.title.includes(p.search) : ids.includes(d.nzoId);
        if (hit) {
          d.sab = 'gone';
          removed.push(d.nzoId);
        }
      }
      if (p.name === 'delete' && !p.value) return ONE_PARAM;
      return { status: removed.length > 0, nzo_ids: removed };
    }
    case 'pause':
    case 'resume': {
      const handled = world.sabQueue().filter((d) => ids.includes(d.nzoId));
      for (const d of handled) d.jobPaused = p.name === 'pause';
      return { status: handled.length > 0, nzo_ids: handled.map((d) => d.nzoId) };
    }
    case 'priority': {
      const prio = Number(p.value2);
      if (!Number.isInteger(prio)) return { status: false, error: 'expects integer value' };
      const d = world.sabQueue().find((x) => ids.includes(x.nzoId));
      if (!d) return { position: -1 };
      if (prio === -2) d.jobPaused = true;
      else d.priority = Math.max(-1, Math.min(2, prio));
      return { position: world.sabQueue().indexOf(d) };
    }
    case 'rename': {
      const d = world.sabQueue().find((x) => x.nzoId === p.value);
      if (d && p.value2) d.title = p.value2;
      return { status: !!d && !!p.value2 };
    }
    case 'sort':
    case 'change_complete_action':
      return { status: true };
    default:
      return queueBody(world, {
        start: int(p.start, 0),
        limit: int(p.limit, 0),
        search: p.search,
        categories: list(p.cat ?? p.category),
        priorities: list(p.priority)?.map(Number),
        statuses: list(p.status),
        nzoIds: list(p.nzo_ids),
      });
  }
}

function historyMode(world: SimWorld, p: Params): Reply {
  if (p.name === 'delete') {
    const ids = list(p.value) ?? [];
    for (const d of world.sabHistory()) {
      const hit =
        p.value === 'all' ||
        (p.value === 'failed' && d.sab === 'failed') ||
        (p.value === 'completed' && d.sab === 'completed') ||
        ids.includes(d.nzoId);
      if (hit && d.sab !== 'pp') d.historyDeleted = true;
    }
    world.sab.historyVersion++;
    return { status: true };
  }
  if (p.name === 'mark_as_completed') return { status: true };
  const since = p.last_history_update;
  if (since !== undefined && Number(since) === world.sab.historyVersion) return { history: false };
  const limit = int(p.limit, 0) || int(String(world.sabConfig.misc.history_limit), 10);
  return historyBody(world, {
    start: int(p.start, 0),
    limit,
    search: p.search,
    categories: list(p.cat ?? p.category),
    statuses: p.failed_only === '1' ? ['Failed'] : list(p.status),
    nzoIds: list(p.nzo_ids),
  });
}

function configMode(world: SimWorld, p: Params): Reply {
  if (p.name === 'set_pause') {
    const minutes = Number(p.value);
    if (!Number.isFinite(minutes)) return { status: false, error: 'expects integer value' };
    sabPauseAll(world, minutes);
    return { status: true };
  }
  if (p.name === 'speedlimit') {
    const raw = p.value ?? '';
    const pct = /^\d+$/.test(raw) ? Number(raw) : undefined;
    if (pct === undefined) return { status: false, error: 'expects integer value' };
    world.sabConfig.misc.bandwidth_perc = pct === 0 ? 100 : pct;
    return { status: true };
  }
  return { status: true };
}

function readConfig(cfg: SabConfig, section?: string, keyword?: string): Reply {
  const sections: Record<string, unknown> = {
    misc: cfg.misc,
    logging: cfg.logging,
    categories: cfg.categories,
    servers: cfg.servers,
    sorters: cfg.sorters,
    rss: [],
  };
  if (!section) return sections;
  const value = sections[section];
  if (value === undefined) return {};
  if (!keyword) return { [section]: value };
  if (Array.isArray(value)) {
    const item = (value as Record<string, unknown>[]).find((x) => x.name === keyword);
    return item ? { [section]: [item] } : {};
  }
  const obj = value as Record<string, unknown>;
  return keyword in obj ? { [section]: { [keyword]: obj[keyword] } } : {};
}

function setConfig(world: SimWorld, p: Params): Reply {
  const cfg = world.sabConfig;
  if (cfg.misc.config_lock === true || cfg.misc.config_lock === 1)
    return { status: false, error: 'Configuration locked' };
  const section = p.section ?? '';
  if (section === 'misc' || section === 'logging') {
    const target = cfg[section];
    const key = p.keyword ?? '';
    if (!(key in target)) return { status: false, error: 'Config item does not exist' };
    if (!PROTECTED_KEYS.has(key)) {
      const value = coerceSabValue(key, target[key], p.value ?? '');
      if (value === undefined) return { status: false, error: 'expects integer value' };
      target[key] = value;
    }
    if (key === 'download_free') world.sab.lowDisk = world.sab.lowDisk && p.value !== '';
    return { config: { [section]: { [key]: target[key] } } };
  }
  if (section === 'categories' || section === 'servers' || section === 'sorters') {
    const items = cfg[section];
    const name = p.name ?? p.keyword;
    if (!name) return ONE_PARAM;
    let item = items.find((x) => x.name === name);
    if (!item) {
      item = { name, order: items.length };
      items.push(item);
    }
    for (const [k, v] of Object.entries(p)) {
      if (['mode', 'apikey', 'output', 'section', 'name', 'keyword'].includes(k)) continue;
      item[k] = coerceSabValue(k, item[k], v) ?? v;
    }
    return { config: { [section]: [item] } };
  }
  return { status: false, error: 'Config item does not exist' };
}

function serverStats(world: SimWorld): Reply {
  const day = new Date(world.now()).toISOString().slice(0, 10);
  const total = world.downloads.reduce((n, d) => n + d.sizeBytes - d.bytesLeft, 0);
  return {
    total,
    month: total,
    week: total,
    day: total,
    servers: {
      'news.example.net': {
        total,
        month: total,
        week: total,
        day: total,
        daily: { [day]: total },
        articles_tried: { [day]: Math.round(total / 750_000) },
        articles_success: { [day]: 0 },
      },
    },
  };
}

export { addSabWarning };
