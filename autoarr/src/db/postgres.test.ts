// PostgreSQL as AutoArr's database against a real server: the same tables as SQLite, refusals that leave someone
// else's data alone, a server that goes away and comes back, wrong passwords and TLS — never showing the password.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTarget, useBackend } from '../../test/helpers/backends.js';
import { freePort } from '../../test/helpers/mosquitto.js';
import { startPostgres, type Postgres } from '../../test/helpers/postgres.js';
import { memoryLogger } from '../log/logger.js';
import { registerSecret } from '../log/redact.js';
import { loadSettings } from '../settings/load.js';
import { DatabaseError, openStore } from './database.js';
import { KvStore } from './kv.js';
import { migrations } from './migrations/index.js';

const pgBackend = useBackend('postgres');
const sqliteBackend = useBackend('sqlite');
let server: Postgres;
beforeAll(async () => {
  server = await pgBackend.server();
  registerSecret(server.password);
}, 60_000);

async function refusal(p: Promise<unknown>): Promise<DatabaseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseError);
  expect(String((err as Error).message)).not.toContain(server.password);
  return err as DatabaseError;
}

async function columns(store: Awaited<ReturnType<typeof pgBackend.open>>) {
  const tables = await store.db.introspection.getTables();
  // SQLite reports primary keys (id, kv.key) as nullable, a legacy quirk (they never hold NULL); compared by name.
  const shape = (c: { name: string; isNullable: boolean }) => [
    c.name,
    c.name === 'id' || c.name === 'key' || c.isNullable,
  ];
  return Object.fromEntries(tables.map((t) => [t.name, t.columns.map(shape).sort()]));
}

describe('PostgreSQL backend', () => {
  it('migrates a new database to the same tables, columns and nullability as SQLite, once', async () => {
    const log = memoryLogger();
    const onPg = await pgBackend.open(log);
    const onSqlite = await sqliteBackend.open();
    expect(await columns(onPg)).toEqual(await columns(onSqlite));
    expect(log.records.filter((r) => r.msg.startsWith('Database migration')).length).toBe(
      Object.keys(migrations).length,
    );
    await onPg.db.destroy();
    const again = memoryLogger();
    await pgBackend.reopen(onPg.target, again);
    expect(again.records.filter((r) => r.msg.startsWith('Database migration'))).toEqual([]);
    // The kv default (CURRENT_TIMESTAMP into a text column) works on PostgreSQL too.
    const { db } = await pgBackend.reopen(onPg.target);
    await db.insertInto('kv').values({ key: 'k', value: '1', updated_at: 'x' }).execute();
  });

  it('two replicas starting at once on an empty database migrate it exactly once', async () => {
    const target = await pgBackend.target();
    const logs = [memoryLogger(), memoryLogger()];
    await Promise.all(logs.map((l) => pgBackend.reopen(target, l)));
    const applied = logs.flatMap((l) => l.records.filter((r) => r.msg.startsWith('Database migration')));
    expect(applied.length).toBe(Object.keys(migrations).length);
  });

  it("refuses another program's database and a newer AutoArr's, changing nothing", async () => {
    const foreign = await pgBackend.target();
    const c = new pg.Client({ connectionString: foreign.postgres!.url });
    await c.connect();
    await c.query('create table series (id int primary key, title text)');
    const err = await refusal(openStore(foreign, memoryLogger()));
    expect(err.message).toMatch(/is not AutoArr's: it holds another program's tables \(series\)/);
    expect(
      (await c.query("select count(*)::int as n from information_schema.tables where table_name='kysely_migration'"))
        .rows[0].n,
    ).toBe(0);
    await c.end();

    const newer = await pgBackend.open();
    await newer.db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999_future', timestamp: 'x' } as never)
      .execute();
    await newer.db.destroy();
    const err2 = await refusal(openStore(newer.target, memoryLogger()));
    expect(err2.message).toMatch(/newer version of AutoArr \(it has migration 9999_future\)/);
  });

  it('a wrong password, a missing database and no server each say what to fix, without the password', async () => {
    const wrong = postgresTarget(
      server.urlFor('postgres').replace(encodeURIComponent(server.password), 'not-the-password'),
    );
    expect((await refusal(openStore({ databasePath: '', postgres: wrong }, memoryLogger()))).message).toMatch(
      /PostgreSQL refused AutoArr's login to 127\.0\.0\.1:\d+\/postgres .*Check the user name and password in DATABASE_URL/,
    );
    const missing = postgresTarget(server.urlFor('no_such_db'));
    expect((await refusal(openStore({ databasePath: '', postgres: missing }, memoryLogger()))).message).toMatch(
      /The database named in DATABASE_URL does not exist on 127\.0\.0\.1:\d+: create it/,
    );
    const nobody = postgresTarget(
      `postgres://u:${encodeURIComponent(server.password)}@127.0.0.1:${await freePort()}/x`,
    );
    expect((await refusal(openStore({ databasePath: '', postgres: nobody }, memoryLogger()))).message).toMatch(
      /AutoArr cannot reach its PostgreSQL database 127\.0\.0\.1:\d+\/x .*Check that the server is running/,
    );
  });

  it('settings: DATABASE_URL=postgres://… with a pool size is accepted; bad values are named; the password is a secret', () => {
    const env = { DATABASE_URL: server.urlFor('autoarr', 'sslmode=require'), DATABASE_POOL_SIZE: '4' };
    const r = loadSettings({ env, mode: 'container', version: 't' });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(r.settings.postgres).toMatchObject({ kind: 'postgres', poolSize: 4 });
    expect(r.settings.postgres!.url).toContain('sslmode=verify-full');
    expect(r.settings.postgres!.shown).not.toContain(server.password);
    const bad = loadSettings({
      env: { DATABASE_URL: server.urlFor('a', 'sslmode=sometimes'), DATABASE_POOL_SIZE: 'lots' },
      mode: 'container',
      version: 't',
    });
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems;
    expect(problems.join('\n')).toMatch(/sslmode "sometimes" is not known/);
    expect(problems.join('\n')).toMatch(/DATABASE_POOL_SIZE: "lots" is not a pool size/);
    expect(problems.join('\n')).not.toContain(server.password);
  });
});

describe('PostgreSQL going away', () => {
  // Its own server, stopped and started by the test.
  let own: Postgres;
  beforeAll(async () => {
    own = await startPostgres();
    registerSecret(own.password);
  }, 60_000);
  afterAll(() => own?.stop());

  it('degrades health with a clear message while the server is down and recovers when it is back', async () => {
    const url = await own.createDatabase();
    const store = await pgBackend.reopen({ databasePath: '', postgres: postgresTarget(url) });
    const kv = new KvStore(store.db);
    await kv.set('a', 1);
    await own.stop();
    const err = await refusal(kv.set('a', 2));
    expect(err.message).toMatch(/AutoArr cannot reach its PostgreSQL database 127\.0\.0\.1:\d+\/t\d+_\d+/);
    expect(store.health.problems()).toEqual([{ source: 'database', message: err.message }]);
    await own.start();
    await kv.set('a', 3);
    expect(store.health.problems()).toEqual([]);
    expect(await kv.get('a')).toBe(3);
  });
});

describe('PostgreSQL over TLS', () => {
  let tls: Postgres;
  beforeAll(async () => {
    tls = await startPostgres({ tls: 'required' });
    registerSecret(tls.password);
  }, 60_000);
  afterAll(() => tls?.stop());

  it('connects with the certificate checked against the given CA, and refuses an unencrypted login clearly', async () => {
    const url = await tls.createDatabase(`sslmode=verify-full&sslrootcert=${tls.caFile}`);
    const store = await pgBackend.reopen({ databasePath: '', postgres: postgresTarget(url) });
    await new KvStore(store.db).set('tls', true);
    const { rows } = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(
      store.db,
    );
    expect(rows).toEqual([{ ssl: true }]);

    const plain = postgresTarget(url.replace(/\?.*$/, '?sslmode=disable'));
    expect((await refusal(openStore({ databasePath: '', postgres: plain }, memoryLogger()))).message).toMatch(
      /PostgreSQL refused AutoArr's login|cannot reach its PostgreSQL database/,
    );
    // Encrypted but without the CA: the self-made certificate is not trusted, and the message says where to look.
    const noCa = postgresTarget(url.replace(/\?.*$/, '?sslmode=verify-full'));
    expect((await refusal(openStore({ databasePath: '', postgres: noCa }, memoryLogger()))).message).toMatch(
      /cannot reach its PostgreSQL database .*sslmode in DATABASE_URL/,
    );
  });
});
