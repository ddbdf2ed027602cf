import { describe, expect, it } from 'vitest';
import { MIN, T0, kinds, rec, run, snap, sonarr } from '../../test/monitor/fixtures.js';
import type { ArrOutcome, Snapshot } from './model.js';

const ID = 'SABnzbd_nzo_1';
const failed: ArrOutcome = {
  instanceId: 'sonarr',
  downloadId: ID,
  kind: 'failed',
  at: T0 + MIN,
  message: 'Aborted, cannot be completed',
};
const withOutcome = (s: Snapshot, o?: ArrOutcome, unread = false): Snapshot => ({
  ...s,
  outcomes: new Map(o ? [[o.downloadId, o]] : []),
  historyUnread: new Set(unread ? ['sonarr'] : []),
});
const downloading = snap(0, [], [sonarr([rec()])]);

describe('a download that left the *arr queue (issue 17.3)', () => {
  it('is kept as it was while the *arr history cannot be read, then shown as removed with the reason', () => {
    const res = run([
      downloading,
      withOutcome(snap(1, [], [sonarr([])]), undefined, true),
      withOutcome(snap(6, [], [sonarr([])]), undefined, true),
    ]);
    expect(res[1]!.items.get(ID)!.state).toBe('downloading');
    expect(res[1]!.items.get(ID)!.goneAt).toBeUndefined();
    expect(kinds(res[1]!)).toEqual([]);
    const item = res[2]!.items.get(ID)!;
    expect(item.state).toBe('removed');
    expect(item.explanation).toContain("Sonarr's history could not be read");
    expect(kinds(res[2]!)).toEqual(['note:left_queue']);
  });

  it('asks only for a search (never a removal) when Sonarr failed it and grabbed nothing new, after one strike interval', () => {
    const gone = (m: number) => withOutcome(snap(m, [], [sonarr([])]), failed);
    const res = run([downloading, gone(1), gone(3), gone(7)]);
    expect(kinds(res[1]!)).toEqual(['download.failed']);
    expect(res[1]!.items.get(ID)).toMatchObject({ state: 'failed', queueIds: [], arrOutcome: 'failed' });
    expect(res[1]!.items.get(ID)!.explanation).toContain('giving Sonarr');
    expect(kinds(res[2]!)).toEqual([]);
    const last = res[3]!.decisions;
    expect(last).toEqual([expect.objectContaining({ kind: 'recover', handledBy: 'Sonarr' })]);
  });

  it('is replaced, with nothing to do, when Sonarr grabbed another release for the same episode', () => {
    const regrab = sonarr([rec({ downloadId: 'SABnzbd_nzo_2', queueId: 12, title: 'Show.S01E01.720p' })]);
    const res = run([
      downloading,
      withOutcome(snap(1, [], [sonarr([])]), failed),
      withOutcome(snap(2, [], [regrab]), failed),
    ]);
    const item = res[2]!.items.get(ID)!;
    expect(item.state).toBe('replaced');
    expect(item.explanation).toContain('Sonarr already grabbed another release — AutoArr did nothing');
    expect(res[2]!.decisions.filter((d) => d.kind === 'recover' || d.kind === 'cleanup')).toEqual([]);
    expect(res[2]!.items.get('SABnzbd_nzo_2')!.replacement).toBe(true);
  });
});
