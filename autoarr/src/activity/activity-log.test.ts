// The activity log on a real SQLite file: rows are capped in size, so upstream text without a length limit (an *arr
// message, a release name, a huge evidence object) cannot grow the file or the pages without bound.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../bus/bus.js';
import { openDatabase } from '../db/database.js';
import { memoryLogger } from '../log/logger.js';
import { ACTIVITY_LIMITS, ActivityLog } from './activity-log.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function open() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-activity-'));
  const file = path.join(dir, 'autoarr.db');
  const log = memoryLogger('error');
  const { db } = await openDatabase(file, log);
  const bus = new EventBus(log);
  const added: Array<{ message: string }> = [];
  bus.on('activity.added', (e) => {
    added.push(e);
  });
  closers.push(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { activity: new ActivityLog(db, bus), added, file };
}

describe('activity rows', () => {
  it('cap message, title and evidence, and say that they were shortened', async () => {
    const { activity, added } = await open();
    const huge = 'x'.repeat(1_000_000);
    await activity.add({
      kind: 'detect',
      action: 'import_blocked',
      message: `Sonarr cannot import it: "${huge}"`,
      title: huge,
      evidence: { messages: [huge, huge] },
    });
    const [row] = (await activity.list()).items;
    expect(row!.message.length).toBe(ACTIVITY_LIMITS.message);
    expect(row!.message.startsWith('Sonarr cannot import it: "xxx')).toBe(true);
    expect(row!.message.endsWith('…')).toBe(true);
    expect(row!.title!.length).toBe(ACTIVITY_LIMITS.title);
    expect(row!.evidence).toMatchObject({ truncated: true, note: expect.stringContaining('only its start is kept') });
    expect(JSON.stringify(row!.evidence).length).toBeLessThan(ACTIVITY_LIMITS.evidenceBytes);
    expect(added[0]!.message).toBe(row!.message);
  });

  it('keeps ordinary rows whole, evidence included', async () => {
    const { activity } = await open();
    await activity.add({
      kind: 'action',
      action: 'remove',
      message: 'Removed from SABnzbd and searched again',
      title: 'Oppenheimer (2023)',
      evidence: { strikes: 3, mbleft: [1200, 1200, 1200] },
    });
    const [row] = (await activity.list()).items;
    expect(row).toMatchObject({
      message: 'Removed from SABnzbd and searched again',
      title: 'Oppenheimer (2023)',
      evidence: { strikes: 3, mbleft: [1200, 1200, 1200] },
    });
  });

  it('stores no secret an upstream quoted in the message or title', async () => {
    const { activity } = await open();
    await activity.add({
      kind: 'detect',
      action: 'failed',
      message: 'Grab failed: https://indexer.example/api?t=get&apikey=abcdef0123456789',
      title: 'Show.S01E01.apikey=abcdef0123456789',
    });
    expect(JSON.stringify((await activity.list()).items)).not.toContain('abcdef0123456789');
  });
});
