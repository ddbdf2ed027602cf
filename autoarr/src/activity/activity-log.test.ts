// The activity log on both backends (a real SQLite file, a real PostgreSQL server): rows are capped in size, so upstream text without a length limit (an *arr
// message, a release name, a huge evidence object) cannot grow the file or the pages without bound.
import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/helpers/backends.js';
import { EventBus } from '../bus/bus.js';
import { memoryLogger } from '../log/logger.js';
import { ACTIVITY_LIMITS, ActivityLog } from './activity-log.js';

describe.each(BACKENDS)('activity rows (%s)', (kind) => {
  const backend = useBackend(kind);

  async function open() {
    const log = memoryLogger('error');
    const { db } = await backend.open(log);
    const bus = new EventBus(log);
    const added: Array<{ message: string }> = [];
    bus.on('activity.added', (e) => {
      added.push(e);
    });
    return { activity: new ActivityLog(db, bus), added };
  }

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

  it('pages, filters and counts (the count is a number on both backends)', async () => {
    const { activity } = await open();
    for (let i = 0; i < 7; i++)
      await activity.add({ kind: i % 2 ? 'detect' : 'action', action: 'x', message: `m${i}`, downloadId: `d${i % 3}` });
    const page = await activity.list({ page: 2, pageSize: 3 });
    expect(page.total).toBe(7);
    expect(page.items.map((r) => r.message)).toEqual(['m3', 'm2', 'm1']);
    const detect = await activity.list({ kind: 'detect' });
    expect(detect.total).toBe(3);
    expect((await activity.list({ downloadId: 'd0' })).items.map((r) => r.message)).toEqual(['m6', 'm3', 'm0']);
    expect(await activity.prune(new Date(Date.now() + 60_000))).toBe(7);
  });

  it('keeps text with a NUL character (PostgreSQL text cannot hold one) instead of failing', async () => {
    const { activity } = await open();
    await activity.add({ kind: 'detect', action: 'failed', message: 'Bad\u0000 name', title: 'A\u0000B' });
    const [row] = (await activity.list()).items;
    expect(row!.message.replace('\u0000', '')).toBe('Bad name');
    expect(row!.title!.replace('\u0000', '')).toBe('AB');
  });
});
