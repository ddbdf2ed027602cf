// Leader election among replicas on one PostgreSQL database. The leader holds a session-level advisory lock on a
// connection of its own: when its process dies the server closes that session and frees the lock, and a follower,
// trying every poll interval, takes over at its next try (so within 2 poll intervals). The leader writes a lease row
// (kv 'cluster.leader', server clock) at every poll: followers read who leads, and end the session of a leader whose
// lease has not moved for a long time (a hung process keeps its socket open, so the server would not free the lock).
// A leader whose connection fails or does not answer within a poll interval steps down at once.
import pg from 'pg';
import type { Logger } from '../log/logger.js';
import { redactText } from '../log/redact.js';
import { LEASE_KEY, replicaId, type Lease, type Leadership, type LeaderStatus } from './leadership.js';

/** The advisory lock's key (small, so pg_locks shows it as classid 0, objid KEY). Any fixed number would do. */
export const LOCK_KEY = 73_538_100;

export interface ElectionOptions {
  /** DATABASE_URL (handed to pg only). */
  url: string;
  /** host:port/database, for messages. */
  where: string;
  /** How often followers try and the leader renews its lease: the monitor's poll interval. */
  intervalMs: number;
  log: Logger;
  /** A lease older than this is a hung leader's (default: 3 intervals, at least 30 s). */
  staleMs?: number;
  /** This replica's name (default host name:process id). */
  replica?: string;
  /** Where other replicas reach this one (written into the lease, so followers forward actions to the leader). */
  advertiseUrl?: () => string | undefined;
}

export function postgresLeadership(opts: ElectionOptions): Leadership {
  const { url, where, intervalMs, log } = opts;
  const staleMs = opts.staleMs ?? Math.max(3 * intervalMs, 30_000);
  const replica = opts.replica ?? replicaId();
  const listeners = new Set<(leader: boolean) => void>();
  let client: pg.Client | undefined;
  let leader = false;
  let since: string | undefined;
  let leaseReplica: string | undefined;
  let reachable = false;
  let note: string | undefined = 'the first election has not run yet';
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();

  function become(next: boolean, why?: string): void {
    if (next === leader) return;
    leader = next;
    since = next ? new Date().toISOString() : undefined;
    if (next) log.info(`This replica (${replica}) is now the leader: it runs the monitor, the audit schedule and MQTT`);
    else
      log.warn(`This replica (${replica}) is no longer the leader (${why ?? 'it stepped down'}); it stops acting now`);
    for (const fn of [...listeners]) fn(next);
  }

  /** The election connection is gone or unusable: stop acting first, then close it so the server frees the lock. */
  function drop(why: string): void {
    const c = client;
    client = undefined;
    reachable = false;
    note = why;
    become(false, why);
    c?.end().catch(() => undefined);
  }

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: Math.min(5_000, intervalMs),
      query_timeout: intervalMs,
      keepAlive: true,
      application_name: 'autoarr-leader',
    });
    c.on('error', (err) => {
      if (client === c) drop(`the connection to PostgreSQL ${where} failed: ${describe(err)}`);
    });
    c.on('end', () => {
      if (client === c) drop(`the connection to PostgreSQL ${where} closed`);
    });
    try {
      await c.connect();
      // If this host vanishes without closing its socket, the server notices within about 10 s and frees the lock.
      await c.query('set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 3');
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    return c;
  }

  async function writeLease(c: pg.Client): Promise<void> {
    // Server time, so the replicas' clocks never matter.
    await c.query(
      `insert into kv (key, value, updated_at)
       values ($1, json_build_object('replica', $2::text, 'pid', pg_backend_pid(), 'since', $3::text,
         'heartbeatMs', floor(extract(epoch from clock_timestamp()) * 1000), 'url', $4::text)::text, $3)
       on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
      [LEASE_KEY, replica, since ?? new Date().toISOString(), opts.advertiseUrl?.() ?? null],
    );
  }

  /** A follower's look at the lease: who leads, and whether that leader has hung. */
  async function watchLease(c: pg.Client): Promise<void> {
    const r = await c.query<{ value: string; now_ms: number; holder: number | null }>(
      `select value, floor(extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms,
         (select pid from pg_locks where locktype = 'advisory' and granted and classid = 0 and objid = $2
            and objsubid = 1 limit 1) as holder
       from kv where key = $1`,
      [LEASE_KEY, LOCK_KEY],
    );
    const row = r.rows[0];
    if (!row) {
      leaseReplica = undefined;
      note = 'another replica holds the lock and has not written its lease yet';
      return;
    }
    const lease = JSON.parse(row.value) as Lease;
    leaseReplica = lease.replica;
    note = `${lease.replica} is the leader`;
    const age = row.now_ms - lease.heartbeatMs;
    if (row.holder === lease.pid && age > staleMs) {
      log.warn(
        `The leader ${lease.replica} has not renewed its lease for ${Math.round(age / 1000)} s; ending its database ` +
          'session so a working replica takes over',
      );
      await c.query('select pg_terminate_backend($1)', [lease.pid]);
    }
  }

  async function attempt(): Promise<void> {
    try {
      client ??= await connect();
      reachable = true;
      const c = client;
      if (leader) return await writeLease(c);
      const r = await c.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [LOCK_KEY]);
      if (!r.rows[0]?.got) return await watchLease(c);
      since = new Date().toISOString();
      await writeLease(c);
      leaseReplica = replica;
      note = undefined;
      become(true);
    } catch (err) {
      drop(`PostgreSQL ${where} did not answer the election: ${describe(err)}`);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      busy = attempt().finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    isLeader: () => leader,
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    status(): LeaderStatus {
      return {
        mode: 'postgres',
        replica,
        leader,
        ...(leader ? { leaderReplica: replica } : leaseReplica ? { leaderReplica: leaseReplica } : {}),
        ...(since ? { since } : {}),
        electionConnected: reachable,
        ...(!leader && note ? { note } : {}),
      };
    },
    async start() {
      stopped = false;
      busy = attempt();
      await busy;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await busy.catch(() => undefined);
      const c = client;
      client = undefined;
      const wasLeader = leader;
      become(false, 'it is stopping');
      if (!c) return;
      if (wasLeader) {
        // Handing over at once: the lease goes, the lock is released, and the next follower try takes over.
        await c.query('delete from kv where key = $1', [LEASE_KEY]).catch(() => undefined);
        await c.query('select pg_advisory_unlock_all()').catch(() => undefined);
      }
      await c.end().catch(() => undefined);
    },
  };
}

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return redactText(text.split('\n')[0]!.slice(0, 200));
}
