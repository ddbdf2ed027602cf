// The election on a real PostgreSQL server: one leader, handover on a clean stop and on a dead session, a leader that
// loses its connection steps down at once, a hung leader's session is ended, and readiness says when the database
// does not answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import { openStore } from '../db/database.js';
import { startMosquitto } from '../../test/helpers/mosquitto.js';
import { startPostgres, type Postgres } from '../../test/helpers/postgres.js';
import type { Leadership } from './leadership.js';
import { LOCK_KEY, postgresLeadership } from './pg-election.js';

const INTERVAL = 300;
let server: Postgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** A migrated AutoArr database (the lease lives in its kv table). */
async function database(): Promise<string> {
  const url = await server.createDatabase();
  const { db } = await openStore(
    { databasePath: '', postgres: { kind: 'postgres', url, shown: url, poolSize: 2 } },
    memoryLogger('error'),
  );
  await db.destroy();
  return url;
}

function elect(url: string, replica: string, staleMs?: number): Leadership {
  return postgresLeadership({ url, where: 'test', intervalMs: INTERVAL, log: memoryLogger('error'), replica, staleMs });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function admin<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

describe('leader election on PostgreSQL', () => {
  it('one leader among three; followers name it; a clean stop hands over within one interval', async () => {
    const url = await database();
    const all = [elect(url, 'a'), elect(url, 'b'), elect(url, 'c')];
    for (const e of all) await e.start();
    try {
      expect(all.map((e) => e.isLeader())).toEqual([true, false, false]);
      await until('the followers to read the lease', () => all.every((e) => e.status().leaderReplica === 'a'));
      expect(all[1]!.status()).toMatchObject({ mode: 'postgres', leader: false, electionConnected: true });
      await all[0]!.stop();
      const took = await until('a new leader', () => all[1]!.isLeader() || all[2]!.isLeader());
      expect(took).toBeLessThanOrEqual(2 * INTERVAL);
      expect(all.filter((e) => e.isLeader())).toHaveLength(1);
    } finally {
      for (const e of all) await e.stop();
    }
  });

  it('a leader whose session the server ends steps down at once; one replica leads again within 2 intervals', async () => {
    const url = await database();
    const a = elect(url, 'a');
    const b = elect(url, 'b');
    await a.start();
    await b.start();
    const changes: boolean[] = [];
    a.onChange((leader) => changes.push(leader));
    try {
      expect(a.isLeader()).toBe(true);
      await admin(url, `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = $1`, [
        LOCK_KEY,
      ]);
      // Stepping down comes from the connection's own error, not from the next try.
      const down = await until('a to step down', () => !a.isLeader());
      expect(down).toBeLessThan(INTERVAL);
      expect(changes).toEqual([false]);
      // Then whoever tries first (a with a new session, or b) leads, and only one does.
      const again = await until('a leader again', () => a.isLeader() || b.isLeader());
      expect(again).toBeLessThanOrEqual(2 * INTERVAL);
      expect([a, b].filter((e) => e.isLeader())).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a hung leader (its lease not renewed) has its session ended, and a working replica leads', async () => {
    const url = await database();
    // A process that took the lock, wrote its lease a minute ago and then stopped doing anything.
    const hung = new pg.Client({ connectionString: url });
    hung.on('error', () => undefined);
    await hung.connect();
    await hung.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await hung.query(
      `insert into kv (key, value, updated_at) values ('cluster.leader', json_build_object('replica', 'hung',
         'pid', pg_backend_pid(), 'since', 'x', 'heartbeatMs', floor(extract(epoch from now()) * 1000) - 60000)::text, 'x')`,
    );
    const b = elect(url, 'b', 5_000);
    try {
      await b.start();
      expect(b.isLeader()).toBe(false);
      expect(b.status().leaderReplica).toBe('hung');
      await until('b to lead', () => b.isLeader());
      await expect(hung.query('select 1')).rejects.toThrow();
    } finally {
      await b.stop();
      await hung.end().catch(() => undefined);
    }
  });

  it('only the leader publishes to MQTT; when it stops, the next leader connects', async () => {
    const url = await database();
    const broker = await startMosquitto();
    const start = async (): Promise<AutoArr> => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-mqtt-leader-'));
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        MQTT_URL: broker.url,
        AUTOARR_POLL_INTERVAL_SECONDS: '2',
        AUTOARR_API_TOKEN: 'mqtt-leader-token-0123456789',
      };
      const r = loadSettings({ env, version: '0.0.0', mode: 'container' });
      if (!r.ok) throw new Error(r.problems.join('\n'));
      return startAutoArr(r.settings, memoryLogger('error'), { listen: false });
    };
    const mqtt = async (a: AutoArr) =>
      ((await (await a.http.request('/api/health')).json()) as { mqtt?: { state: string } }).mqtt?.state;
    const a = await start();
    const b = await start();
    try {
      await until('the leader to connect to the broker', async () => (await mqtt(a)) === 'connected', 15_000);
      expect(await mqtt(b)).toBeUndefined(); // the follower's MQTT part does not run
      await a.stop();
      await until('the follower to lead and connect', async () => (await mqtt(b)) === 'connected', 15_000);
      expect(await (await b.http.request('/api/health/ready')).json()).toMatchObject({ leader: true });
    } finally {
      await a.stop();
      await b.stop();
      await broker.stop();
    }
  }, 60_000);

  it('readiness: ready and leading while the database answers; 503 naming the server when it stops; live stays up', async () => {
    const url = await database();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-ready-'));
    const r = loadSettings({
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        AUTOARR_POLL_INTERVAL_SECONDS: '2',
        AUTOARR_API_TOKEN: 'ready-token-0123456789',
      },
      version: '0.0.0',
      mode: 'container',
    });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const a = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
    try {
      const ready = await a.http.request('/api/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        mode: 'postgres',
        leader: true,
        database: 'reachable',
      });
      expect(a.ctx.commands.has('download.retry')).toBe(true);
      expect((await a.http.request('/api/health/ready?leader=true')).status).toBe(200);
      await server.stop();
      // The leader steps down when its election connection fails: the monitor's commands go at once.
      await until('the monitor to stop', () => !a.ctx.commands.has('download.retry'));
      const down = await a.http.request('/api/health/ready');
      expect(down.status).toBe(503);
      const body = (await down.json()) as { message: string; leader: boolean; database: string };
      expect(body).toMatchObject({ leader: false, database: 'unreachable' });
      expect(body.message).toContain(`The database 127.0.0.1:${server.port}/`);
      expect(JSON.stringify(body)).not.toContain(server.password);
      expect((await a.http.request('/api/health/live')).status).toBe(200);
      await server.start();
      await until('leading again', async () => a.ctx.commands.has('download.retry'), 15_000);
      expect((await a.http.request('/api/health/ready')).status).toBe(200);
    } finally {
      await a.stop();
    }
  }, 60_000);
});
