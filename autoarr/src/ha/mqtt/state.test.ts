import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { KvStore } from '../../db/kv.js';
import { memoryLogger } from '../../log/logger.js';
import type { Download } from '../../shared/types.js';
import { StackState } from './state.js';

const d = (id: string, state: Download['state'], ignored = false) =>
  ({
    id,
    title: `T ${id}`,
    app: 'sonarr',
    instanceId: 'sonarr',
    state,
    ignored,
    progress: 50,
    sizeBytes: 1,
    bytesLeft: 1,
    strikes: { count: 0, max: 3 },
    media: { kind: 'unknown' },
  }) as unknown as Download;

describe('StackState', () => {
  it('keeps the 24 h counters and the last recovery across a restart, and lets them age out', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-state-')), 'a.db');
    const { db } = await openDatabase(file, memoryLogger());
    const kv = new KvStore(db);
    let now = Date.parse('2026-06-01T12:00:00Z');
    const first = new StackState(kv, () => new Date(now));
    await first.load();
    await first.recordFailed();
    await first.recordRecovered(d('a', 'recovering'), 'Searched again');
    await first.recordAudit(87, 4);

    const again = new StackState(kv, () => new Date(now));
    await again.load();
    const rt = { autoRecovery: true, dryRun: false };
    expect(again.hubState(rt)).toMatchObject({
      failed_24h: 1,
      recoveries_24h: 1,
      audit_score: 87,
      audit_findings: 4,
      last_recovery: '2026-06-01T12:00:00.000Z',
    });
    now += 25 * 3600_000;
    expect(again.hubState(rt)).toMatchObject({
      failed_24h: 0,
      recoveries_24h: 0,
      last_recovery_attrs: { reason: 'Searched again' },
    });
    await db.destroy();
  });

  it('flags a problem only for downloads that are not ignored', async () => {
    const { db } = await openDatabase(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-state-')), 'a.db'),
      memoryLogger(),
    );
    const s = new StackState(new KvStore(db), () => new Date());
    s.downloads = [d('a', 'stalled', true), d('b', 'downloading'), d('c', 'completed')];
    expect(s.hubState({ autoRecovery: true, dryRun: true })).toMatchObject({
      problem: 'OFF',
      stalled: 0,
      downloads: 2,
      dry_run: 'ON',
    });
    s.downloads = [d('a', 'import_blocked')];
    expect(s.hubState({ autoRecovery: true, dryRun: false }).problem).toBe('ON');
    await db.destroy();
  });
});
