// Several AutoArr processes on one real PostgreSQL, each a real process on its own port, against the simulated apps
// (scenario sab_failed: SABnzbd fails The Bear S02E02, frozen until the test moves sim time). Exactly one replica
// leads; the leader is killed with SIGKILL at the moment Sonarr has carried out the removal of the recovery but
// before AutoArr hears back; another replica must lead within 2 poll intervals, settle the interrupted removal from
// the journal and search once: the sim's Sonarr must hold exactly one removal and one search.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { actionsForEpisode } from '../faults/sigkill.js';
import { simEnv, tempDir } from '../faults/harness.js';
import { startPostgres, type Postgres } from '../helpers/postgres.js';
import { startRedis } from '../helpers/redis.js';
import {
  cleanEnv,
  freePort,
  killGroup,
  start as startProcess,
  waitForHealth,
  type Running,
} from '../packaging/process.js';
import { ROOT } from '../packaging/supervisor-rules.js';

const POLL_MS = 2_000;
const TOKEN = 'cluster-suite-token-0123456789';

interface Ready {
  status: string;
  leader: boolean;
  replica: string;
  leaderReplica?: string;
  database: string;
}

interface Replica {
  url: string;
  proc: Running;
  dir: string;
}

let pgServer: Postgres;
beforeAll(async () => {
  pgServer = await startPostgres();
});
afterAll(async () => {
  await pgServer?.stop();
});

async function ready(r: Replica): Promise<Ready | undefined> {
  try {
    const res = await fetch(`${r.url}/api/health/ready`, { signal: AbortSignal.timeout(2_000) });
    return (await res.json()) as Ready;
  } catch {
    return undefined; // gone (killed) or not answering
  }
}

/** Bounded wait for a condition, looking every 50 ms (never a fixed sleep). */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The replicas' readiness once they agree: one leader, every other one naming it. */
async function agreedLeader(replicas: Replica[]): Promise<{ leader: Replica; states: Ready[] } | undefined> {
  const states = await Promise.all(replicas.map(ready));
  if (states.some((s) => !s || s.status !== 'ready')) return undefined;
  const leaders = replicas.filter((_, i) => states[i]!.leader);
  if (leaders.length !== 1) return undefined;
  const name = states.find((s) => s!.leader)!.replica;
  if (!states.every((s) => s!.leaderReplica === name)) return undefined;
  return { leader: leaders[0]!, states: states as Ready[] };
}

async function startReplicas(
  sim: SimStack,
  databaseUrl: string,
  n: number,
  extra: Record<string, string> = {},
): Promise<Replica[]> {
  const replicas: Replica[] = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const dir = tempDir(`replica${i}`);
    const env = cleanEnv({
      ...simEnv(sim, dir),
      DATABASE_URL: databaseUrl,
      AUTOARR_POLL_INTERVAL_SECONDS: String(POLL_MS / 1000),
      // The failed job's grace (stallMinutes / maxStrikes) is 3 s once sim time moves.
      AUTOARR_STALL_MINUTES: '1',
      AUTOARR_MAX_STRIKES: '20',
      AUTOARR_MIN_QUEUE_AGE_MINUTES: '0',
      PORT: String(port),
      AUTOARR_API_TOKEN: TOKEN,
      // Followers forward actions to the leader at the address its lease carries.
      AUTOARR_ADVERTISE_URL: `http://127.0.0.1:${port}`,
      ...extra,
    });
    const proc = startProcess(process.execPath, ['--import', 'tsx', 'autoarr/src/main.ts'], { cwd: ROOT, env });
    replicas.push({ url: `http://127.0.0.1:${port}`, proc, dir });
  }
  await Promise.all(replicas.map((r) => waitForHealth(r.url, r.proc, 120_000)));
  return replicas;
}

async function scenario(n: number): Promise<void> {
  const sim = await startSimStack({ speed: 0, scenario: 'sab_failed', seed: 11 });
  const databaseUrl = await pgServer.createDatabase();
  let replicas: Replica[] = [];
  try {
    replicas = await startReplicas(sim, databaseUrl, n);
    const first = await waitFor('one leader all replicas agree on', () => agreedLeader(replicas), 30_000);
    expect(first.states.filter((s) => s.leader)).toHaveLength(1);
    // Followers serve REST too: the leader's downloads, read from the database at every poll.
    const titles = async (r: Replica) => {
      const res = await fetch(`${r.url}/api/downloads`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const body = (await res.json()) as { items?: Array<{ title: string }> };
      return (body.items ?? []).map((d) => d.title).sort();
    };
    const leaderTitles = await waitFor(
      "the leader's first poll",
      async () => ((await titles(first.leader)).length ? titles(first.leader) : undefined),
      30_000,
    );
    for (const follower of replicas.filter((r) => r !== first.leader)) {
      await waitFor(
        "a follower's view of the leader's downloads",
        async () => (JSON.stringify(await titles(follower)) === JSON.stringify(leaderTitles) ? true : undefined),
        30_000,
      );
    }

    // Kill the leader inside Sonarr's handling of the recovery's first write: done in Sonarr, unknown to AutoArr.
    let killedAt: number | undefined;
    let write = '';
    const stop = sim.control.onRequest((r) => {
      if (killedAt || r.app === 'sabnzbd' || r.app === 'plex' || r.method === 'GET') return;
      write = `${r.app} ${r.method} ${r.path}`;
      killedAt = Date.now();
      process.kill(-first.leader.proc.child.pid!, 'SIGKILL');
    });
    // Sim time moves only now, so the job fails after every replica is up and the leader is known.
    await waitFor(
      'the first write of the recovery',
      async () => {
        if (killedAt) return true;
        sim.control.advance(20_000);
        return undefined;
      },
      90_000,
    );
    stop();
    await first.leader.proc.exited;
    expect(write).toMatch(/^sonarr DELETE \/api\/v3\/queue\//);
    expect(actionsForEpisode(sim)).toEqual({ removals: 1, searches: 0 });

    const survivors = replicas.filter((r) => r !== first.leader);
    const next = await waitFor(
      'a new leader',
      async () => {
        const states = await Promise.all(survivors.map(ready));
        const i = states.findIndex((s) => s?.leader);
        return i >= 0 ? { replica: survivors[i]!, at: Date.now() } : undefined;
      },
      30_000,
    );
    const failoverMs = next.at - killedAt!;
    console.log(`failover with ${n} replicas: ${failoverMs} ms (poll interval ${POLL_MS} ms)`);
    expect(failoverMs).toBeLessThanOrEqual(2 * POLL_MS);

    // The new leader settles the interrupted removal from the journal and searches once, never removes again.
    await waitFor(
      'the search after the handover',
      async () => (actionsForEpisode(sim).searches >= 1 ? true : undefined),
      60_000,
    );
    const reads = () => sim.control.requests({ app: 'sonarr' }).filter((r) => r.path === '/api/v3/queue').length;
    const seen = reads();
    await waitFor('three more polls', async () => (reads() >= seen + 3 ? true : undefined), 60_000);
    expect(actionsForEpisode(sim)).toEqual({ removals: 1, searches: 1 });
    const deletes = sim.control
      .requests({ app: 'sonarr' })
      .filter((r) => r.method === 'DELETE' && r.path.startsWith('/api/v3/queue/'));
    expect(deletes).toHaveLength(1);

    const after = await waitFor('the survivors to agree on the new leader', () => agreedLeader(survivors), 30_000);
    expect(after.leader).toBe(next.replica);
    const activity = await fetch(`${next.replica.url}/api/activity?pageSize=200`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const items = ((await activity.json()) as { items: Array<{ action: string; message: string }> }).items;
    expect(items.filter((e) => e.action === 'remove_confirmed')).toHaveLength(1);
  } finally {
    await Promise.all(replicas.map((r) => killGroup(r.proc)));
    for (const r of replicas) fs.rmSync(r.dir, { recursive: true, force: true });
    await sim.stop();
  }
}

/** Follows a replica's /api/events and keeps every event it sends, until close(). */
function followEvents(r: Replica): { events: Array<{ event: string; data: unknown }>; close(): void } {
  const events: Array<{ event: string; data: unknown }> = [];
  const ac = new AbortController();
  void (async () => {
    const res = await fetch(`${r.url}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: ac.signal,
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        events.push({ event, data: data ? (JSON.parse(data) as unknown) : undefined });
      }
    }
  })().catch(() => undefined);
  return { events, close: () => ac.abort() };
}

/** The sim's writes: anything but a read in Sonarr/Radarr, and SABnzbd's retry, delete, pause and resume. */
function writes(sim: SimStack): string[] {
  return sim.control
    .requests()
    .filter((r) =>
      r.app === 'sabnzbd'
        ? ['retry', 'pause', 'resume'].includes(r.query.mode ?? '') || r.query.name === 'delete'
        : r.app !== 'plex' && r.method !== 'GET',
    )
    .map((r) => `${r.app} ${r.method} ${r.path} ${r.query.mode ?? ''}`.trim());
}

describe('replicas on one PostgreSQL', () => {
  it("a retry sent to a follower is carried out once, by the leader; the follower streams the leader's live updates", async () => {
    const sim = await startSimStack({ speed: 0, scenario: 'sab_failed', seed: 11 });
    const databaseUrl = await pgServer.createDatabase();
    let replicas: Replica[] = [];
    let stream: ReturnType<typeof followEvents> | undefined;
    try {
      replicas = await startReplicas(sim, databaseUrl, 2);
      const { leader } = await waitFor('one leader both replicas agree on', () => agreedLeader(replicas), 30_000);
      const follower = replicas.find((r) => r !== leader)!;
      const auth = { authorization: `Bearer ${TOKEN}` };
      // Sim time stands still, so nothing fails and the leader does nothing on its own.
      const bear = await waitFor(
        "The Bear S02E02 in the follower's view",
        async () => {
          const res = await fetch(`${follower.url}/api/downloads`, { headers: auth });
          const items = ((await res.json()) as { items?: Array<{ id: string; title: string; app: string }> }).items;
          return items?.find((d) => /bear/i.test(d.title));
        },
        30_000,
      );
      stream = followEvents(follower);
      await waitFor('the stream to open', async () => (stream!.events.length ? true : undefined), 10_000);
      const before = writes(sim);

      const res = await fetch(`${follower.url}/api/downloads/${encodeURIComponent(bear.id)}/retry`, {
        method: 'POST',
        headers: auth,
      });
      const answer = (await res.json()) as { ok: boolean; message: string };
      expect({ status: res.status, ...answer }).toMatchObject({ status: 200, ok: true });
      const acted = writes(sim).slice(before.length);
      console.log(`retry of ${bear.app} ${bear.id} through the follower: ${acted.join(', ')}`);
      // Sonarr removed the failed release and searched again, once each.
      expect(actionsForEpisode(sim)).toEqual({ removals: 1, searches: 1 });
      expect(acted).toHaveLength(2);
      // The leader's activity reaches the follower's stream (the follower did nothing itself).
      const added = await waitFor(
        "the leader's activity on the follower's stream",
        async () => stream!.events.find((e) => e.event === 'activity.added'),
        10_000,
      );
      expect(added.data).toMatchObject({ kind: 'action' });
      // And the follower's stream shows the download recovering, re-read from the database.
      await waitFor(
        'the recovering download on the follower',
        async () =>
          stream!.events.some(
            (e) =>
              e.event === 'downloads.updated' &&
              (e.data as { downloads: Array<{ id: string; state: string }> }).downloads.some(
                (d) => d.id === bear.id && d.state === 'recovering',
              ),
          )
            ? true
            : undefined,
        10_000,
      );
      // Once: two more polls of the leader add no second write for it.
      const reads = () => sim.control.requests({ app: 'sabnzbd' }).filter((r) => r.query.mode === 'queue').length;
      const seen = reads();
      await waitFor('two more polls', async () => (reads() >= seen + 2 ? true : undefined), 30_000);
      expect(writes(sim).slice(before.length)).toEqual(acted);
      const activity = await fetch(
        `${follower.url}/api/activity?pageSize=200&downloadId=${encodeURIComponent(bear.id)}`,
        {
          headers: auth,
        },
      );
      const items = ((await activity.json()) as { items: Array<{ kind: string; action: string }> }).items;
      const actions = items.filter((e) => e.kind === 'action').map((e) => e.action);
      console.log(`activity of the retry: ${actions.join(', ')}`);
      expect(actions.sort()).toEqual(['recovering', 'remove', 'search']);
    } finally {
      stream?.close();
      await Promise.all(replicas.map((r) => killGroup(r.proc)));
      for (const r of replicas) fs.rmSync(r.dir, { recursive: true, force: true });
      await sim.stop();
    }
  }, 300_000);

  it("with REDIS_URL the follower's stream carries the leader's events through Redis; a Redis restart is survived", async () => {
    const sim = await startSimStack({ speed: 0, scenario: 'sab_failed', seed: 11 });
    const redis = await startRedis();
    const databaseUrl = await pgServer.createDatabase();
    const { createClient } = await import('redis');
    // A listener of our own on the channel: proves the events travel through Redis, not PostgreSQL.
    const spy = createClient({ url: redis.url, socket: { reconnectStrategy: 100 } });
    spy.on('error', () => undefined);
    const onRedis: Array<{ from: string; event: string }> = [];
    let replicas: Replica[] = [];
    let stream: ReturnType<typeof followEvents> | undefined;
    try {
      await spy.connect();
      await spy.subscribe(
        'autoarr_live',
        (text) => void onRedis.push(JSON.parse(text) as { from: string; event: string }),
      );
      replicas = await startReplicas(sim, databaseUrl, 2, { REDIS_URL: redis.url });
      const { leader, states } = await waitFor(
        'one leader both replicas agree on',
        () => agreedLeader(replicas),
        30_000,
      );
      const follower = replicas.find((r) => r !== leader)!;
      const leaderName = states.find((s) => s.leader)!.replica;
      const auth = { authorization: `Bearer ${TOKEN}` };
      const bear = await waitFor(
        "The Bear S02E02 in the follower's view",
        async () => {
          const res = await fetch(`${follower.url}/api/downloads`, { headers: auth });
          const items = ((await res.json()) as { items?: Array<{ id: string; title: string }> }).items;
          return items?.find((d) => /bear/i.test(d.title));
        },
        30_000,
      );
      stream = followEvents(follower);
      await waitFor('the stream to open', async () => (stream!.events.length ? true : undefined), 10_000);
      // The follower passes the retry to the leader, whose activity comes back on the follower's stream.
      const res = await fetch(`${follower.url}/api/downloads/${encodeURIComponent(bear.id)}/retry`, {
        method: 'POST',
        headers: auth,
      });
      expect(res.status).toBe(200);
      const added = await waitFor(
        "the leader's activity on the follower's stream",
        async () => stream!.events.find((e) => e.event === 'activity.added'),
        10_000,
      );
      expect(added.data).toMatchObject({ kind: 'action' });
      expect(onRedis).toContainEqual(expect.objectContaining({ from: leaderName, event: 'activity.added' }));
      // And no replica listens on PostgreSQL for them.
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      const listening = await admin
        .query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
        )
        .finally(() => admin.end());
      expect(listening.rows[0]).toEqual({ n: 0 });

      // Redis goes down: both replicas keep serving and name Redis in /api/health, without its password.
      await redis.stop();
      const health = async (r: Replica) =>
        (await (await fetch(`${r.url}/api/health`, { headers: auth })).json()) as {
          status: string;
          problems?: Array<{ source: string; message: string }>;
        };
      const down = await waitFor(
        'the Redis problem in health',
        async () => {
          const h = await health(follower);
          return h.problems?.some((p) => p.source === 'redis') ? h : undefined;
        },
        15_000,
      );
      expect(down.status).toBe('degraded');
      expect(JSON.stringify(down)).toContain(`127.0.0.1:${redis.port}`);
      expect(JSON.stringify(down)).not.toContain(redis.password);
      expect((await ready(follower))?.status).toBe('ready');
      // Back: the problem clears within a poll or two and events flow again.
      await redis.start();
      for (const r of replicas)
        await waitFor(
          'the Redis problem to clear',
          async () => ((await health(r)).problems?.some((p) => p.source === 'redis') ? undefined : true),
          15_000,
        );
      const count = stream.events.filter((e) => e.event === 'activity.added').length;
      const again = await fetch(`${follower.url}/api/downloads/${encodeURIComponent(bear.id)}/ignore`, {
        method: 'POST',
        headers: auth,
      });
      expect(again.status).toBeLessThan(500);
      await waitFor(
        "the leader's next activity on the follower's stream",
        async () => (stream!.events.filter((e) => e.event === 'activity.added').length > count ? true : undefined),
        15_000,
      );
    } finally {
      stream?.close();
      await Promise.all(replicas.map((r) => killGroup(r.proc)));
      for (const r of replicas) fs.rmSync(r.dir, { recursive: true, force: true });
      spy.destroy();
      await redis.stop();
      await sim.stop();
    }
  }, 300_000);

  it("automatic recovery turned off through a follower's REST API holds on the leader: a failed download is not removed", async () => {
    const sim = await startSimStack({ speed: 0, scenario: 'sab_failed', seed: 11 });
    const databaseUrl = await pgServer.createDatabase();
    let replicas: Replica[] = [];
    try {
      replicas = await startReplicas(sim, databaseUrl, 2);
      const { leader } = await waitFor('one leader both replicas agree on', () => agreedLeader(replicas), 30_000);
      const follower = replicas.find((r) => r !== leader)!;
      const auth = { authorization: `Bearer ${TOKEN}` };
      const switches = async (r: Replica) =>
        (
          (await (await fetch(`${r.url}/api/settings`, { headers: auth })).json()) as {
            runtime: { autoRecovery: boolean };
          }
        ).runtime;
      expect(await switches(leader)).toMatchObject({ autoRecovery: true });

      const res = await fetch(`${follower.url}/api/settings`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ autoRecovery: false }),
      });
      expect(res.status).toBe(200);
      // The leader takes it from the database (live update or its next poll) and says where it came from.
      await waitFor(
        'the switch on the leader',
        async () => ((await switches(leader)).autoRecovery ? undefined : true),
        3 * POLL_MS,
      );
      expect(leader.proc.output()).toContain('Automatic recovery was turned off on another replica');

      // Sim time moves only now: SABnzbd fails The Bear S02E02 and its strikes run out on the leader.
      const skipped = await waitFor(
        "the leader's note that it does not act",
        async () => {
          sim.control.advance(20_000);
          const activity = await fetch(`${leader.url}/api/activity?pageSize=200`, { headers: auth });
          const items = ((await activity.json()) as { items: Array<{ action: string; message: string }> }).items;
          return items.find((e) => e.action === 'skipped' && /bear/i.test(e.message));
        },
        60_000,
      );
      expect(skipped.message).toMatch(/^Not acting on The Bear.*: automatic recovery is switched off\./);
      // Two more polls: still no removal, no search, no DELETE anywhere in the apps.
      const reads = () => sim.control.requests({ app: 'sonarr' }).filter((r) => r.path === '/api/v3/queue').length;
      const seen = reads();
      await waitFor('two more polls', async () => (reads() >= seen + 2 ? true : undefined), 30_000);
      expect(actionsForEpisode(sim)).toEqual({ removals: 0, searches: 0 });
      expect(sim.control.requests().filter((r) => r.method === 'DELETE' || r.query.name === 'delete')).toEqual([]);
    } finally {
      await Promise.all(replicas.map((r) => killGroup(r.proc)));
      for (const r of replicas) fs.rmSync(r.dir, { recursive: true, force: true });
      await sim.stop();
    }
  }, 300_000);

  it('two replicas: one leader; the leader killed mid-recovery hands over within 2 polls, no action twice', async () => {
    await scenario(2);
  }, 300_000);

  it('three replicas: one leader; the leader killed mid-recovery hands over within 2 polls, no action twice', async () => {
    await scenario(3);
  }, 300_000);
});
