// Contract checks against the upstream specs in `<repo>/../shared/contracts` (see its README "How tests can use
// these files"): match a (method, path) to a spec operation and validate a JSON body against its response schema.
// Sonarr/Radarr are OpenAPI 3.0 (nullable → type unions), Plex is OpenAPI 3.1 (JSON Schema 2020-12).
import AjvModule, { type ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export type SpecApp = 'sonarr' | 'radarr' | 'plex';

// ajv and ajv-formats are CommonJS with a `default` export; under NodeNext the class sits on `.default`.
const Ajv = AjvModule.default;
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
type AjvInstance = InstanceType<typeof Ajv> | InstanceType<typeof Ajv2020>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (autoarr/test/helpers → ../../..); CI clones main with shared/ beside it. */
export const REPO_ROOT = path.resolve(HERE, '../../..');
export const CONTRACTS_DIR = path.resolve(REPO_ROOT, '../shared/contracts');

const FILES: Record<SpecApp, string> = {
  sonarr: 'sonarr.openapi.json',
  radarr: 'radarr.openapi.json',
  plex: 'plex.openapi.yaml',
};

/** Catch-alls that would match everything (README §1). */
const SKIPPED_TEMPLATES = new Set(['/', '/{path}']);

/**
 * Plex calls the spec does not cover (plex-api.md §2). Each maps to the spec operation that answers the same.
 */
export const PLEX_ALLOW_LIST: Record<string, { method: string; reason: string; sameAs?: string }> = {
  // The classic library list; the spec only has "/library/sections/" (trailing slash) and "/library/sections/all".
  '/library/sections': { method: 'get', reason: 'classic library list', sameAs: '/library/sections/all' },
  // Global On Deck; the spec only has the per-section "/library/sections/{sectionId}/onDeck".
  '/library/onDeck': { method: 'get', reason: 'global On Deck' },
  // Legacy global search; "/hubs/search" is the documented one.
  '/search': { method: 'get', reason: 'legacy global search' },
};

interface Spec {
  doc: JsonObject;
  /** [template, regex, number of path parameters] sorted so literal templates win over parameterised ones. */
  templates: [string, RegExp, number][];
}

const specs = new Map<SpecApp, Spec>();

/** OAS 3.0 `nullable: true` → a JSON Schema type union (README §2). */
export function nullableToUnion(node: Json): Json {
  if (Array.isArray(node)) return node.map(nullableToUnion);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullableToUnion(v);
  if (out.nullable === true) {
    delete out.nullable;
    const t = out.type;
    if (typeof t === 'string') return { ...out, type: [t, 'null'] };
    if (out.$ref !== undefined || out.allOf !== undefined) return { anyOf: [out, { type: 'null' }] };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function loadSpec(app: SpecApp): Spec {
  const cached = specs.get(app);
  if (cached) return cached;
  const file = path.join(CONTRACTS_DIR, FILES[app]);
  const text = fs.readFileSync(file, 'utf8');
  const raw = (app === 'plex' ? parseYamlCached(text) : JSON.parse(text)) as JsonObject;
  const doc = app === 'plex' ? raw : (nullableToUnion(raw) as JsonObject);
  const paths = doc.paths as JsonObject;
  const templates = Object.keys(paths)
    .filter((t) => app === 'plex' || !SKIPPED_TEMPLATES.has(t))
    .map((t): [string, RegExp, number] => {
      const rx = t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/]+?\}/g, '[^/]+');
      return [t, new RegExp(`^${rx}$`), (t.match(/\{/g) ?? []).length];
    })
    .sort((a, b) => a[2] - b[2]);
  const spec = { doc, templates };
  specs.set(app, spec);
  return spec;
}

/** Parsing the 2.5 MB Plex YAML takes seconds; its JSON form is cached by content hash under node_modules/.cache. */
function parseYamlCached(text: string): unknown {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache', 'autoarr-contracts', `plex-${hash}.json`);
  try {
    return JSON.parse(fs.readFileSync(cache, 'utf8')) as unknown;
  } catch {
    const parsed: unknown = YAML.parse(text, { maxAliasCount: -1 });
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      fs.writeFileSync(`${cache}.${process.pid}`, JSON.stringify(parsed));
      fs.renameSync(`${cache}.${process.pid}`, cache);
    } catch {
      // A read-only tree only loses the cache.
    }
    return parsed;
  }
}

export interface OperationMatch {
  template: string;
  method: string;
  /** Set when the call is on the Plex allow-list instead of in the spec. */
  allowListed?: string;
}

/** The spec operation for a request, or undefined when the spec has none (README §1). */
export function matchOperation(app: SpecApp, method: string, requestPath: string): OperationMatch | undefined {
  const m = method.toLowerCase();
  const p = requestPath.split('?')[0] ?? requestPath;
  const { doc, templates } = loadSpec(app);
  const paths = doc.paths as Record<string, JsonObject>;
  for (const [template, rx] of templates) {
    if (rx.test(p) && paths[template]?.[m]) return { template, method: m };
  }
  if (app === 'plex') {
    const allowed = PLEX_ALLOW_LIST[p];
    if (allowed && allowed.method === m)
      return { template: allowed.sameAs ?? p, method: m, allowListed: allowed.reason };
  }
  return undefined;
}

const validators = new Map<string, ValidateFunction | null>();
let ajv30: AjvInstance | undefined;
let ajv31: AjvInstance | undefined;

function ajvFor(app: SpecApp): AjvInstance {
  const setup = (a: AjvInstance): AjvInstance => {
    addFormats(a);
    // .NET TimeSpan text ("00:04:30", "1.02:03:04"), used by the *arr specs.
    a.addFormat('date-span', /^-?(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d+)?$/);
    for (const f of ['int32', 'int64', 'float', 'double']) if (!a.formats[f]) a.addFormat(f, true);
    return a;
  };
  if (app === 'plex') {
    ajv31 ??= setup(new Ajv2020({ allErrors: true, strict: false, validateSchema: false }));
    return ajv31;
  }
  ajv30 ??= setup(new Ajv({ allErrors: true, strict: false, validateSchema: false }));
  return ajv30;
}

/** Rewrites "#/components/…" refs to point into the registered spec document. */
function rebase(node: Json, id: string): Json {
  if (Array.isArray(node)) return node.map((n) => rebase(n, id));
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : rebase(v, id);
  return out;
}

/** The response object of an operation; Plex puts `$ref` next to `content`, so `content` wins (README §5). */
function responseSchema(app: SpecApp, match: OperationMatch, status: number): Json | undefined {
  const { doc } = loadSpec(app);
  const op = (doc.paths as Record<string, Record<string, JsonObject>>)[match.template]?.[match.method];
  const responses = (op?.responses ?? {}) as Record<string, JsonObject>;
  // Swashbuckle documents every success as 200; the apps answer POST with 201 and config PUT with 202.
  const key = responses[String(status)] ? String(status) : status >= 200 && status < 300 ? '200' : String(status);
  let res = responses[key];
  const components = (doc.components ?? {}) as Record<string, Record<string, JsonObject>>;
  if (res && !res.content && typeof res.$ref === 'string') {
    res = components.responses?.[res.$ref.split('/').pop() ?? ''];
  }
  const content = res?.content as Record<string, JsonObject> | undefined;
  return content?.['application/json']?.schema;
}

function validatorFor(app: SpecApp, match: OperationMatch, status: number): ValidateFunction | null {
  const key = `${app} ${match.method} ${match.template} ${status}`;
  if (validators.has(key)) return validators.get(key)!;
  const schema = responseSchema(app, match, status);
  let fn: ValidateFunction | null = null;
  if (schema !== undefined) {
    const a = ajvFor(app);
    const id = `urn:autoarr:${app}`;
    if (!a.getSchema(id)) a.addSchema({ $id: id, components: loadSpec(app).doc.components ?? {} } as object, id);
    fn = a.compile(rebase(schema, id) as object);
  }
  validators.set(key, fn);
  return fn;
}

export interface ValidationResult {
  ok: boolean;
  /** The spec template the request matched. */
  template?: string;
  /** True when the operation declares no JSON body for this status (only the status is checked). */
  noSchema?: boolean;
  errors: string[];
}

/** Validates a JSON body against the response schema of the matching operation. */
export function validateResponse(
  app: SpecApp,
  method: string,
  requestPath: string,
  status: number,
  body: unknown,
): ValidationResult {
  const match = matchOperation(app, method, requestPath);
  if (!match)
    return { ok: false, errors: [`${method.toUpperCase()} ${requestPath} is not an operation in the ${app} spec`] };
  if (match.allowListed && match.template === requestPath)
    return { ok: true, template: match.template, noSchema: true, errors: [] };
  const fn = validatorFor(app, match, status);
  if (!fn) return { ok: true, template: match.template, noSchema: true, errors: [] };
  const ok = fn(body) as boolean;
  const errors = (fn.errors ?? [])
    .slice(0, 20)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  return { ok, template: match.template, errors };
}

// ---- SABnzbd: no machine-readable spec; the samples are the contract (README §4) ----

let samples: Record<string, { request: string; body: unknown }> | undefined;

export function sabSamples(): Record<string, { request: string; body: unknown }> {
  samples ??= (
    JSON.parse(fs.readFileSync(path.join(CONTRACTS_DIR, 'sabnzbd-samples.json'), 'utf8')) as {
      responses: Record<string, { request: string; body: unknown }>;
    }
  ).responses;
  return samples;
}

/** Keys whose values legitimately vary in type (sabnzbd-api.md §3, §4, §7). */
const FLEXIBLE: Record<string, string[]> = {
  finishaction: ['null', 'string'],
  direct_unpack: ['null', 'string', 'number', 'boolean'],
  series: ['null', 'string'],
  password: ['null', 'string'],
  new_release: ['boolean', 'string'],
  new_rel_url: ['null', 'string'],
  weblogfile: ['null', 'string'],
  serveripaddress: ['null', 'string'],
  servercanonname: ['null', 'string'],
  port: ['string', 'number'],
};

/** Objects keyed by date ("YYYY-MM-DD" → number) in server_stats: only their value types are compared. */
const DATE_MAPS = new Set(['daily', 'articles_tried', 'articles_success']);

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Compares a simulated SABnzbd body with a sample: same key sets (recursively; arrays compared element-wise
 * against the sample's first element) and the same JSON types (numbers as strings stay strings).
 * `boolish` lists keys that may be 0/1 or true/false (config switches).
 */
export function compareWithSabSample(
  sampleName: string,
  body: unknown,
  opts: { boolish?: Set<string> } = {},
): string[] {
  const sample = sabSamples()[sampleName];
  if (!sample) return [`no SABnzbd sample named ${sampleName}`];
  const problems: string[] = [];
  const walk = (expected: unknown, actual: unknown, at: string, key: string) => {
    const te = typeOf(expected);
    const ta = typeOf(actual);
    const allowed = FLEXIBLE[key] ?? (opts.boolish?.has(key) ? ['number', 'boolean'] : [te]);
    if (te !== ta && !(allowed.includes(ta) && allowed.includes(te))) {
      problems.push(`${at}: expected ${te}, got ${ta}`);
      return;
    }
    if (te === 'object' && DATE_MAPS.has(key)) {
      for (const [k, v] of Object.entries(actual as Record<string, unknown>)) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(k) || typeof v !== 'number')
          problems.push(`${at}.${k}: expected a date key with a number`);
      }
    } else if (te === 'object') {
      const e = expected as Record<string, unknown>;
      const a = actual as Record<string, unknown>;
      for (const k of Object.keys(e)) if (!(k in a)) problems.push(`${at}.${k}: missing`);
      for (const k of Object.keys(a)) if (!(k in e)) problems.push(`${at}.${k}: not in the sample`);
      for (const k of Object.keys(e)) if (k in a) walk(e[k], a[k], `${at}.${k}`, k);
    } else if (te === 'array') {
      const first = (expected as unknown[])[0];
      if (first !== undefined) (actual as unknown[]).forEach((item, i) => walk(first, item, `${at}[${i}]`, key));
    }
  };
  walk(sample.body, body, sampleName, '');
  return problems;
}
