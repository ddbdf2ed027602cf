import { describe, expect, it } from 'vitest';
import { MB, MIN, T0, hist, job, kinds, rec, run, sab, settings, snap, sonarr } from '../../test/monitor/fixtures.js';
import type { ItemState } from './model.js';
import { backoffMs } from './recovery-rules.js';

function recovering(attempts: number, lastAttemptMin: number): Map<string, ItemState> {
  const [first] = run([snap(0, [], [sonarr([rec()])])]);
  const item = first!.items.get('SABnzbd_nzo_1')!;
  item.state = 'recovering';
  item.recovery = {
    mode: 'arr',
    arrInstanceId: 'sonarr',
    arrApp: 'sonarr',
    phase: 'watching',
    attempts,
    startedAt: T0,
    lastAttemptAt: T0 + lastAttemptMin * MIN,
    nextAttemptAt: T0 + lastAttemptMin * MIN + backoffMs(settings(), attempts),
    reason: 'stalled',
    oldDownloadIds: ['SABnzbd_nzo_1'],
  };
  return new Map([[item.id, item]]);
}

describe('watching a recovery (R19)', () => {
  it('is recovered when the *arr grabs a new release for the same episode', () => {
    const res = run(
      [snap(2, [], [sonarr([rec({ downloadId: 'SABnzbd_nzo_9', queueId: 12, title: 'Show.S01E01.720p' })])])],
      settings(),
      recovering(1, 1),
    );
    expect(kinds(res[0]!)).toEqual(['download.recovered']);
    expect(res[0]!.items.get('SABnzbd_nzo_1')!.recovery!.phase).toBe('recovered');
  });

  it('ignores a grab for another episode and waits until the backoff before searching again', () => {
    const other = sonarr([rec({ downloadId: 'X', episodeId: 999, title: 'Other' })]);
    const waiting = run([snap(10, [], [other])], settings(), recovering(1, 1));
    expect(kinds(waiting[0]!)).toEqual([]);
    expect(waiting[0]!.items.get('SABnzbd_nzo_1')!.explanation).toContain('search 1 of 3');
    const due = run([snap(17, [], [other])], settings(), recovering(1, 1));
    expect(kinds(due[0]!)).toEqual(['search_again']);
  });

  it('gives up after the maximum number of searches', () => {
    const res = run([snap(200, [], [sonarr([])])], settings(), recovering(3, 60));
    expect(kinds(res[0]!)).toEqual(['download.gave_up']);
    const item = res[0]!.items.get('SABnzbd_nzo_1')!;
    expect(item.state).toBe('failed');
    expect(item.explanation).toContain('Gave up: 3 searches');
  });

  it('doubles the wait after each search', () => {
    expect(backoffMs(settings(), 2)).toBe(2 * backoffMs(settings(), 1));
  });

  it('reports a release that comes back after it was blocklisted (R22)', () => {
    const res = run(
      [snap(2, [], [sonarr([rec({ downloadId: 'SABnzbd_nzo_7', episodeId: 555 })])])],
      settings(),
      recovering(1, 1),
    );
    expect(kinds(res[0]!)).toContain('note:recurring');
    expect(res[0]!.items.get('SABnzbd_nzo_7')!.explanation).toContain('came back 1 time(s)');
  });
});

describe('completion', () => {
  it('emits completed once when SABnzbd finishes a job it was downloading', () => {
    const done = (m: number) => snap(m, [sab({ history: [hist({ status: 'Completed', failMessage: '' })] })], []);
    const res = run([snap(0, [sab({ queue: [job({ bytesLeft: 5 * MB })] })], []), done(1), done(2)]);
    expect(kinds(res[1]!)).toEqual(['download.completed']);
    expect(kinds(res[2]!)).toEqual([]);
  });

  it('does not list old completed history it never saw downloading', () => {
    const res = run([snap(0, [sab({ history: [hist({ status: 'Completed' })] })], [])]);
    expect(res[0]!.items.size).toBe(0);
  });
});
