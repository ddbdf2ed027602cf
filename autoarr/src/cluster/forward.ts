// Actions asked of a replica that does not lead (retry, ignore, remove, the audit, SABnzbd controls) are carried out by
// the leader: the command registry hands a command it has no handler for to forward(), which reads the leader's
// address from its lease and posts the command to the leader's /api/cluster/commands/<name> with the API token. The
// leader runs it on its own registry only (never forwards again) and its answer, or its error, is returned as is.
// With no leader, or one that cannot be reached, nothing is done and the message says to try again shortly.
import { Hono } from 'hono';
import { z } from 'zod';
import type { CommandMap, CommandName, CommandRegistry, Elsewhere } from '../core/commands.js';
import { UserError } from '../core/errors.js';
import type { KvStore } from '../db/kv.js';
import { redactText } from '../log/redact.js';
import { LEASE_KEY, type Lease } from './leadership.js';
import type { ApiEnv } from '../http/access.js';

const by = z.string().min(1).max(200);
const instanceId = z.string().min(1).max(100).optional();
/** The commands only the leader runs, with the arguments a forwarded one must carry. */
const ARGS = {
  'download.retry': z.object({ id: z.string().min(1).max(200), by }),
  'download.ignore': z.object({ id: z.string().min(1).max(200), ignored: z.boolean(), by }),
  'download.remove': z.object({ id: z.string().min(1).max(200), blocklist: z.boolean(), by }),
  'monitor.retry_stalled': z.object({ by }),
  'audit.run': z.object({ by }),
  'audit.fix': z.object({ findingId: z.string().min(1).max(200), dryRun: z.boolean().optional(), by }),
  'audit.fix_all_safe': z.object({ dryRun: z.boolean().optional(), by }),
  'audit.rollback': z.object({ changeId: z.number().int(), by }),
  'sabnzbd.pause': z.object({ minutes: z.number().int().min(1).max(100_000).optional(), instanceId, by }),
  'sabnzbd.resume': z.object({ instanceId, by }),
  'sabnzbd.speed_limit': z.object({ percent: z.number().int().min(1).max(100), instanceId, by }),
} satisfies Partial<Record<CommandName, z.ZodType>>;
type LeaderCommand = keyof typeof ARGS;
const isLeaderCommand = (name: string): name is LeaderCommand => Object.hasOwn(ARGS, name);

const TRY_AGAIN = 'try again in a few seconds';

export interface ForwardOptions {
  kv: KvStore;
  /** This replica's name: a lease naming it means this replica leads and simply has no handler right now. */
  replica: string;
  apiToken: () => string;
  /** How long the leader may take to answer (a retry of every stalled download calls the apps). */
  timeoutMs?: number;
}

export function forwarder(opts: ForwardOptions): Elsewhere {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return async <K extends CommandName>(name: K, args: CommandMap[K]['args']) => {
    if (!isLeaderCommand(name)) return undefined;
    const lease = await opts.kv.get<Lease>(LEASE_KEY);
    if (lease?.replica === opts.replica) return undefined;
    if (!lease?.url)
      throw new UserError(
        'no_leader',
        `No replica is leading right now, so "${name}" was not carried out; ${TRY_AGAIN}`,
        503,
      );
    let res: Response;
    try {
      res = await fetch(`${lease.url}/api/cluster/commands/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.apiToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      throw new UserError(
        'no_leader',
        timedOut
          ? `The leading replica ${lease.replica} (${lease.url}) did not answer "${name}" within ${timeoutMs / 1000} s; ` +
              'it may still carry it out, so look at the activity before asking again'
          : `No replica is leading right now (the last leader, ${lease.replica} at ${lease.url}, cannot be reached: ` +
              `${reason(err)}), so "${name}" was not carried out; ${TRY_AGAIN}. If this lasts, check ` +
              'AUTOARR_ADVERTISE_URL: it must be an address the other replicas reach',
        503,
      );
    }
    const body = (await res.json().catch(() => undefined)) as
      (CommandMap[K]['result'] & { code?: string; message?: string }) | undefined;
    if (res.ok && body) return body;
    if (res.status === 401)
      throw new UserError(
        'leader_refused',
        `The leading replica ${lease.replica} refused this replica's API token, so "${name}" was not carried out; ` +
          'every replica needs the same token (set AUTOARR_API_TOKEN to one value on all of them)',
        502,
      );
    if (body?.code && body.message) throw new UserError(body.code, body.message, status(res.status));
    throw new UserError(
      'leader_error',
      `The leading replica ${lease.replica} answered "${name}" with HTTP ${res.status}; its log has details`,
      502,
    );
  };
}

/** The leader's side: runs a forwarded command here, never forwarding it again. */
export function forwardedRoutes(commands: CommandRegistry): Hono<ApiEnv> {
  return new Hono<ApiEnv>().post('/commands/:name', async (c) => {
    const name = c.req.param('name');
    if (!isLeaderCommand(name)) throw new UserError('not_found', `"${name}" is not a command replicas forward`, 404);
    const parsed = ARGS[name].safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      throw new UserError('bad_request', `Invalid arguments for "${name}": ${parsed.error.issues[0]?.message}`, 400);
    return c.json(await commands.runHere(name, parsed.data as CommandMap[typeof name]['args']));
  });
}

function reason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return redactText(cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
}

const STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503] as const;
function status(s: number): UserError['status'] {
  return (STATUSES as readonly number[]).includes(s) ? (s as UserError['status']) : 502;
}
