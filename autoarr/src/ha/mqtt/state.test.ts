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
    });
    expect(again.lastRecovery()).toMatchObject({ at: '2026-06-01T12:00:00.000Z' });
    now += 25 * 3600_000;
    expect(again.hubState(rt)).toMatchObject({
      failed_24h: 0,
      recoveries_24h: 0,
    });
    expect(again.lastRecovery()?.attributes).toMatchObject({ reason: 'Searched again' });
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

  it('lists the top 20 with speed and the retry topic, under 16 KB even with long titles', async () => {
    const { db } = await openDatabase(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-state-')), 'a.db'),
      memoryLogger(),
    );
    const s = new StackState(new KvStore(db), () => new Date());
    s.downloads = Array.from({ length: 40 }, (_, i) => ({
      ...d(`SABnzbd_nzo_${i}`, i === 7 ? 'stalled' : 'downloading'),
      title: `A.Very.Long.Release.Name.${'x'.repeat(300)}.${i}`,
      speedBps: 1000 * i + 0.6,
      etaSeconds: 60,
    })) as Download[];
    const out = s.downloadsAttributes('autoarr/hub/retry_download/set') as {
      total: number;
      retry_topic: string;
      downloads: Array<{ id: string; speed: number; title: string }>;
    };
    expect(out.total).toBe(40);
    expect(out.retry_topic).toBe('autoarr/hub/retry_download/set');
    expect(out.downloads).toHaveLength(20);
    expect(out.downloads[0]).toMatchObject({ id: 'SABnzbd_nzo_7', speed: 7001 });
    expect(out.downloads.every((x) => x.title.length <= 90 && Number.isInteger(x.speed))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(16_000);
    expect(s.downloadsAttributes()).not.toHaveProperty('retry_topic');
    await db.destroy();
  });
});
