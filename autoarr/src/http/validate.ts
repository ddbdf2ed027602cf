// Reading request input at the HTTP edge: every route checks its body, query and path parameters with a zod schema
// through these helpers, so one mistake has one answer everywhere: 400 with code "bad_request" and a message that
// names the field and says what it accepts (read from the schema itself, or a hint the route gives).
import type { Context } from 'hono';
import { z } from 'zod';
import { UserError } from '../core/errors.js';

export const BAD_REQUEST = 'bad_request';

export interface ReadOptions {
  /** A valid example the message ends with: '{"dryRun": true}'. */
  example?: string;
  /** By field name: the whole problem in words ("minutes must be … or left out to pause until resumed"), for a field
   *  whose schema alone would say it badly. */
  hints?: Record<string, string>;
}

type Where = 'body' | 'query' | 'path';

export const badRequest = (message: string) => new UserError(BAD_REQUEST, message, 400);

/** The JSON body. An empty body counts as {}, so a route whose fields are all optional needs none. */
export async function readBody<T extends z.ZodType>(
  c: Context,
  schema: T,
  opts: ReadOptions = {},
): Promise<z.output<T>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw badRequest(`The request body is not valid JSON.${sendHint(opts)}`);
    }
  }
  return check(schema, raw, 'body', opts);
}

/** The query string, one value per name (a schema may split a comma-separated value itself). */
export function readQuery<T extends z.ZodType>(c: Context, schema: T, opts: ReadOptions = {}): z.output<T> {
  return check(schema, c.req.query(), 'query', opts);
}

/** The path parameters of the matched route (":id" …). */
export function readParams<T extends z.ZodType>(c: Context, schema: T, opts: ReadOptions = {}): z.output<T> {
  return check(schema, c.req.param(), 'path', opts);
}

export function check<T extends z.ZodType>(schema: T, input: unknown, where: Where, opts: ReadOptions): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const place = where === 'body' ? 'request body' : where === 'query' ? 'query string' : 'URL';
  const problems = r.error.issues.slice(0, 3).map((issue) => {
    const key = issue.path.findLast((p) => typeof p === 'string');
    const hint = typeof key === 'string' ? opts.hints?.[key] : undefined;
    return hint ?? `${fieldName(issue.path) || `the ${place}`} ${accepts(issue, schemaAt(schema, issue.path))}`;
  });
  throw badRequest(`Invalid ${place}: ${problems.join('; ')}.${sendHint(opts)}`);
}

const sendHint = (opts: ReadOptions) => (opts.example ? ` Send ${opts.example}.` : '');

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** What a field accepts, from the schema where it can be read (range, options, length), else zod's own words. */
function accepts(issue: z.core.$ZodIssue, at: z.ZodType | undefined): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = at instanceof z.ZodObject ? Object.keys(at.shape) : [];
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${names}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`;
  }
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is missing; it ' : '';
  if (at instanceof z.ZodNumber) return `${missing}must be ${numberRange(at)}`;
  if (at instanceof z.ZodEnum) return `${missing}must be one of: ${at.options.join(', ')}`;
  if (at instanceof z.ZodBoolean) return `${missing}must be true or false`;
  if (issue.code === 'invalid_format' && issue.format === 'datetime')
    return 'must be an ISO date and time such as 2026-01-31T12:00:00Z';
  if (at instanceof z.ZodString) {
    const { minLength: min, maxLength: max } = at;
    if (min !== null && max !== null) return `${missing}must be text of ${min} to ${max} characters`;
    if (min) return `${missing}must be text of at least ${min} character${min > 1 ? 's' : ''}`;
    return `${missing}must be text`;
  }
  if (issue.code === 'invalid_type') return `${missing}must be ${article(issue.expected)}`;
  return issue.message;
}

// Bounds are read as inclusive: route schemas use .min()/.max(), not .positive()/.gt(), so the words stay true.
// z.number().int() alone sets the safe-integer bounds; those are no limit a person needs to hear about.
const LIMIT = 1e15;

function numberRange(n: z.ZodNumber): string {
  const kind = n.isInt ? 'a whole number' : 'a number';
  const min = n.minValue !== null && Math.abs(n.minValue) < LIMIT ? n.minValue : undefined;
  const max = n.maxValue !== null && Math.abs(n.maxValue) < LIMIT ? n.maxValue : undefined;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** The schema of the field at `path`, through objects, arrays and the wrappers around them. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = unwrap(schema);
  for (const p of path) {
    if (at instanceof z.ZodObject && typeof p === 'string') at = unwrap(at.shape[p] as z.ZodType | undefined);
    else if (at instanceof z.ZodArray && typeof p === 'number') at = unwrap(at.element as z.ZodType);
    else return undefined;
  }
  return at;
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  if (!s) return undefined;
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    return unwrap(s.unwrap() as z.ZodType);
  if (s instanceof z.ZodPipe) return unwrap(s.out as z.ZodType);
  return s;
}
