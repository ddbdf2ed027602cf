// `autoarr db copy` from a real SQLite file to a real PostgreSQL server and back: every table arrives whole (counts
// and checksums compared and printed), new rows continue after the copied ids, a filled target is refused, a copy
// that does not match is rolled back, and the password never appears in the output.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../test/helpers/backends.js';
import { ActivityLog } from '../activity/activity-log.js';
import { AuditStore } from '../audit/store.js';
import { EventBus } from '../bus/bus.js';
import { memoryLogger } from '../log/logger.js';
import { registerSecret } from '../log/redact.js';
import { MonitorStore } from '../monitor/store.js';
import type { AuditFinding } from '../shared/types.js';
import { dbCommand } from './command.js';
import { COPIED_TABLES, checksum } from './copy.js';
import type { Db } from './database.js';
import { KvStore } from './kv.js';

const sqliteBackend = useBackend('sqlite');
const pgBackend = useBackend('postgres');

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await dbCommand(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const finding = (i: number) =>
  ({
    id: `sonarr.rule_${i}:sonarr`,
    ruleId: `sonarr.rule_${i}`,
    instanceId: 'sonarr',
    severity: 'warning',
    drift: i % 2 === 0,
  }) as unknown as AuditFinding;

/** Fills a database through AutoArr's own stores: every copied table gets rows. */
async function fill(db: Db): Promise<void> {
  const log = memoryLogger('error');
  const activity = new ActivityLog(db, new EventBus(log));
  for (let i = 0; i < 450; i++)
    await activity.add({
      kind: 'detect',
      action: 'stalled',
      message: `Stalled ${i} ✓ "quoted"`,
      downloadId: `d${i}`,
      evidence: { i },
    });
  await activity.add({ kind: 'system', action: 'odd', message: 'with a NUL\u0000 inside' });
  const kv = new KvStore(db);
  await kv.set('api_token', 'stored-token-0123456789');
  await kv.set('runtime', { autoRecovery: false, dryRun: true });
  const monitor = new MonitorStore(db, () => Date.parse('2026-12-01T10:00:00Z'));
  const a = await monitor.beginAction({ downloadId: 'd1', instanceId: 'sonarr', kind: 'remove', payload: {} });
  await monitor.finishAction(a, 'done', { ok: true });
  await monitor.beginAction({ downloadId: 'd2', instanceId: 'sonarr', kind: 'search', payload: { ids: [1] } });
  await db
    .insertInto('monitor_item')
    .values({ id: 'sonarr:7', instance_id: 'sonarr', state: 'stalled', data: '{"strikes":2}', updated_at: 'now' })
    .execute();
  const audit = new AuditStore(db);
  for (let r = 0; r < 3; r++) {
    await audit.saveRun({
      startedAt: `2026-12-0${r + 1}T06:00:00Z`,
      finishedAt: `2026-12-0${r + 1}T06:00:05Z`,
      trigger: 'schedule',
      by: 'schedule',
      score: 100 / 3 + r,
      instances: [],
      checks: [],
      findings: [finding(r), finding(r + 10)],
    });
  }
  const fix = await audit.addChange({
    kind: 'fix',
    at: '2026-12-02T07:00:00Z',
    by: 'web',
    findingKey: 'sonarr.rule_1:sonarr',
    ruleId: 'sonarr.rule_1',
    instanceId: 'sonarr',
    target: { app: 'sonarr' } as never,
    oldValue: { minimumFreeSpace: 100 },
    newValue: { minimumFreeSpace: 1024 },
    revertsChangeId: null,
  });
  await audit.addChange({
    kind: 'rollback',
    at: '2026-12-02T08:00:00Z',
    by: 'mcp',
    findingKey: 'sonarr.rule_1:sonarr',
    ruleId: 'sonarr.rule_1',
    instanceId: 'sonarr',
    target: { app: 'sonarr' } as never,
    oldValue: { minimumFreeSpace: 1024 },
    newValue: { minimumFreeSpace: 100 },
    revertsChangeId: fix.id,
  });
}

async function sums(db: Db) {
  const out: Record<string, { rows: number; sum: string }> = {};
  for (const [table, key] of COPIED_TABLES) out[table] = await checksum(db, table, key);
  return out;
}

describe('autoarr db copy', () => {
  it('moves every table from SQLite to PostgreSQL and back, printing matching counts and checksums', async () => {
    const src = await sqliteBackend.open();
    await fill(src.db);
    const before = await sums(src.db);
    await src.db.destroy();
    const dest = await pgBackend.target();
    const server = await pgBackend.server();
    registerSecret(server.password);

    const res = await run(['copy', '--from', `sqlite://${src.target.databasePath}`, '--to', dest.postgres!.url]);
    expect(res.err).not.toMatch(/DIFFERENT|rolled back/);
    expect(res.code).toBe(0);
    for (const [table] of COPIED_TABLES)
      expect(res.out).toMatch(new RegExp(`^${table} +\\d+ rows  sha256 [0-9a-f]{16}  ok$`, 'm'));
    expect(res.out).toMatch(/^activity +451 rows/m);
    expect(res.out).toMatch(/^audit_findings +6 rows/m);
    expect(res.out).toMatch(/Copied 4\d\d rows from .*autoarr\.db to postgres:\/\/autoarr_test:\*\*\*@127\.0\.0\.1/);
    expect(res.out + res.err).not.toContain(server.password);

    // The data reads back the same through the stores, and new rows continue after the copied ids.
    const pgStore = await pgBackend.reopen(dest);
    expect(await sums(pgStore.db)).toEqual(before);
    expect(await new KvStore(pgStore.db).get('api_token')).toBe('stored-token-0123456789');
    const changes = await new AuditStore(pgStore.db).changes();
    expect(changes.map((c) => [c.kind, c.rolledBackByChangeId, c.revertsChangeId])).toEqual([
      ['rollback', null, changes[1]!.id],
      ['fix', changes[0]!.id, null],
    ]);
    const next = await new ActivityLog(pgStore.db, new EventBus(memoryLogger('error'))).add({
      kind: 'system',
      action: 'after_copy',
      message: 'first row written on PostgreSQL',
    });
    expect(next).toBe(452);
    await pgStore.db.destroy();

    // And back into a new SQLite file: the same checksums (the row added above aside).
    const back = await sqliteBackend.target();
    const res2 = await run(['copy', '--from', dest.postgres!.url, '--to', back.databasePath]);
    expect(res2.code).toBe(0);
    const again = await sqliteBackend.reopen(back);
    const { activity: _a, ...rest } = await sums(again.db);
    const { activity: _b, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect((await sums(again.db)).activity!.rows).toBe(452);
  });

  it('refuses a target that already holds AutoArr data and changes nothing', async () => {
    const src = await sqliteBackend.open();
    await fill(src.db);
    await src.db.destroy();
    const dest = await pgBackend.open();
    await new KvStore(dest.db).set('runtime', { dryRun: false });
    const res = await run(['copy', '--from', src.target.databasePath, '--to', dest.target.postgres!.url]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/already holds AutoArr data \(kv\); nothing was copied\. Copy into a new, empty database/);
    expect((await sums(dest.db)).activity!.rows).toBe(0);
  });

  it('rolls the whole copy back when what arrived differs from the source', async () => {
    const src = await sqliteBackend.open();
    await fill(src.db);
    await src.db.destroy();
    // A trigger on the target changes one table on the way in, as a faulty server or extension would.
    const dest = await pgBackend.open();
    await sql`create function shout() returns trigger language plpgsql as $$
      begin new.message := upper(new.message); return new; end $$`.execute(dest.db);
    await sql`create trigger shout before insert on activity for each row execute function shout()`.execute(dest.db);
    const res = await run(['copy', '--from', src.target.databasePath, '--to', dest.target.postgres!.url]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/^activity +451 rows {2}sha256 [0-9a-f]{16} {2}DIFFERENT$/m);
    expect(res.err).toMatch(/did not match the source in activity; it was rolled back and .* is unchanged/);
    const after = await sums(dest.db);
    for (const [table] of COPIED_TABLES) expect(after[table]!.rows, table).toBe(0);
  });

  it('names a missing or wrong argument without echoing a password', async () => {
    const res = await run(['copy', '--from', 'mysql://u:hunter2secret@db/x']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--from: ".*" is not supported/);
    expect(res.err).toMatch(/--to is missing/);
    expect(res.err).not.toContain('hunter2secret');
    expect((await run(['move'])).err).toMatch(/Unknown database command "move"/);
  });
});
