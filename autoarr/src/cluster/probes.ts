// Liveness and readiness for orchestrators (Kubernetes probes, Docker health checks), open like /api/health.
//   /api/health/live  – the process answers (restart it when this fails)
//   /api/health/ready – the database answers; says whether this replica leads (send traffic only when this passes)
//   /api/health/ready?leader=true – the same, and passes only on the leader (a Service that sends everything, actions
//                      included, to the leader: the others wait as hot standbys)
// /api/health itself is unchanged: it reports the apps and the parts, as before.
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { redactText } from '../log/redact.js';
import type { Leadership } from './leadership.js';
import type { Role } from './role.js';
import type { ApiEnv } from '../http/access.js';

export interface ProbeDeps {
  db: Db;
  leadership: Leadership;
  role: Role;
  version: string;
  /** host:port/database or the SQLite file, for the message when it does not answer. */
  where: string;
  /** How long readiness waits for the database (default 2 s). */
  timeoutMs?: number;
}

export function probeRoutes(deps: ProbeDeps): Hono<ApiEnv> {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  return new Hono<ApiEnv>()
    .get('/live', (c) => c.json({ status: 'live', version: deps.version, replica: deps.leadership.status().replica }))
    .get('/ready', async (c) => {
      const cluster = deps.leadership.status();
      const base = { role: deps.role, ...cluster };
      const problem = await databaseProblem(deps.db, timeoutMs);
      if (problem) {
        return c.json(
          {
            status: 'not_ready',
            ...base,
            database: 'unreachable',
            message: `The database ${deps.where} does not answer (${problem}); AutoArr keeps trying. Check that it runs and that DATABASE_URL points at it.`,
          },
          503,
        );
      }
      if (/^(1|true|yes)$/i.test(c.req.query('leader') ?? '') && !cluster.leader) {
        return c.json(
          {
            status: 'not_leader',
            ...base,
            database: 'reachable',
            message:
              `This replica does not lead${cluster.leaderReplica ? `; ${cluster.leaderReplica} does` : ''}. ` +
              (deps.role === 'all' || deps.role === 'worker'
                ? 'It takes over within two polls if the leader stops.'
                : `With AUTOARR_ROLE=${deps.role} it never leads.`),
          },
          503,
        );
      }
      return c.json({ status: 'ready', ...base, database: 'reachable' });
    });
}

async function databaseProblem(db: Db, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
  });
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => undefined,
        (err: unknown) => redactText((err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200)),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
