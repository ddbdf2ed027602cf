import { describe, expect, it } from 'vitest';
import { MB, hist, job, kinds, rec, run, sab, settings, snap, sonarr } from '../../test/monitor/fixtures.js';
import type { ArrGrab } from './model.js';

const tracked = (minute: number, left: number, extra: Parameters<typeof sab>[0] = {}) =>
  snap(minute, [sab({ queue: [job({ bytesLeft: left })], ...extra })], [sonarr([rec({ bytesLeft: left })])]);

describe('stall strikes on the SABnzbd job that is downloading (R2, R4, R6, R10)', () => {
  it('adds a strike every stallMinutes/maxStrikes without progress, stalls at the max and asks to recover once', () => {
    const res = run([0, 1, 5, 10, 15, 16].map((m) => tracked(m, 500 * MB)));
    const last = res[5]!;
    expect(res[0]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0); // first observation: baseline only (R6)
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(1);
    const two = res[3]!.items.get('SABnzbd_nzo_1')!;
    expect(two.strikes).toBe(2);
    expect(two.explanation).toBe(
      'No progress for 10 min while SABnzbd downloaded other jobs at 35 MB/s — strike 2 of 3',
    );
    expect(kinds(res[4]!)).toEqual(['download.stalled', 'recover']); // the last strike is told by the stalled entry
    expect(res[4]!.items.get('SABnzbd_nzo_1')!.state).toBe('stalled');
    // Still stalled next poll: no second stalled event, the recover request repeats until the executor acts.
    expect(kinds(last)).toEqual(['recover']);
    expect(last.items.get('SABnzbd_nzo_1')!.strikes).toBe(3);
  });

  it('resets strikes only on real progress (at least minProgressBytes)', () => {
    const res = run([tracked(0, 500 * MB), tracked(5, 500 * MB), tracked(6, 500 * MB - 1000), tracked(7, 498 * MB)]);
    expect(res[1]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(1);
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(1); // 1 kB is not progress
    expect(res[3]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
    expect(kinds(res[3]!)).toEqual(['note:strikes_reset']);
    expect(res[3]!.items.get('SABnzbd_nzo_1')!.explanation).toBe('Downloading at 33.3 KB/s, 498 MB left');
  });

  it('never judges queued SABnzbd jobs, however long their ETA (R10)', () => {
    const queued = (m: number) =>
      snap(
        m,
        [
          sab({
            queue: [
              job({ nzoId: 'a', bytesLeft: 10 * MB }),
              job({ nzoId: 'b', status: 'Queued', index: 1, timeLeftSeconds: 999_999 }),
            ],
          }),
        ],
        [],
      );
    const res = run(
      [0, 5, 10, 15, 30].map((m) => {
        const s = queued(m);
        s.sabs[0]!.queue[0]!.bytesLeft = 10 * MB - m * MB; // a progresses
        return s;
      }),
    );
    const b = res[4]!.items.get('b')!;
    expect(b.state).toBe('queued');
    expect(b.strikes).toBe(0);
    expect(b.explanation).toContain('queued jobs are never judged by their ETA');
  });

  it('forgets strikes after the sliding window without a new one (R3)', () => {
    const s = settings({ strikeWindowHours: 1 });
    const res = run(
      [
        tracked(0, 500 * MB),
        tracked(5, 500 * MB),
        tracked(6, 500 * MB, { paused: true }),
        tracked(70, 500 * MB, { paused: true }),
      ],
      s,
    );
    expect(res[1]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(1);
    expect(res[3]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
    expect(kinds(res[3]!)).toContain('note:strikes_forgotten');
  });

  it('adds no strike before the minimum queue age (R23)', () => {
    const res = run(
      [0, 5, 10, 11].map((m) => tracked(m, 500 * MB)),
      settings({ minQueueAgeMinutes: 11 }),
    );
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
    expect(res[3]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(1);
  });
});

describe('guards', () => {
  it('adds no strikes while SABnzbd is unreachable and keeps what it knew (R5)', () => {
    const down = (m: number) => snap(m, [sab({ error: 'SABnzbd did not answer' })], [sonarr([])]);
    const res = run([
      tracked(0, 500 * MB),
      tracked(4, 500 * MB),
      down(5),
      down(30),
      tracked(31, 500 * MB),
      tracked(35, 500 * MB),
    ]);
    const during = res[3]!.items.get('SABnzbd_nzo_1')!;
    expect(during.strikes).toBe(0);
    expect(during.explanation).toContain('SABnzbd is not answering');
    // After the outage the clock starts again: the first poll is a baseline, no instant strike.
    expect(res[4]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
    expect(res[5]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
  });

  it('adds no strikes while Sonarr is unreachable', () => {
    const down = (m: number) => snap(m, [sab({ queue: [job()] })], [sonarr([], { error: 'Sonarr timed out' })]);
    const res = run([tracked(0, 500 * MB), down(10), down(20)]);
    const item = res[2]!.items.get('SABnzbd_nzo_1')!;
    expect(item.app).toBe('sonarr'); // still known as Sonarr's, not an untracked job
  });

  it('treats a SABnzbd-wide pause as a health problem, not a strike (R11)', () => {
    const paused = (m: number) =>
      tracked(m, 500 * MB, { paused: true, pauseReason: 'only 500 MB free on the download disk' });
    const res = run([0, 10, 20, 40].map(paused));
    const item = res[3]!.items.get('SABnzbd_nzo_1')!;
    expect(item.state).toBe('paused');
    expect(item.strikes).toBe(0);
    expect(item.explanation).toBe(
      'SABnzbd is paused (only 500 MB free on the download disk) — a problem with SABnzbd, not with this download, so no strikes',
    );
  });

  it('does not ask to recover protected categories or ignored items', () => {
    const res = run(
      [0, 5, 10, 15].map((m) => tracked(m, 500 * MB)),
      settings({ protectedCategories: ['TV'] }),
    );
    const item = res[3]!.items.get('SABnzbd_nzo_1')!;
    expect(item.state).toBe('stalled');
    expect(kinds(res[3]!)).not.toContain('recover');
    expect(item.explanation).toContain('category "tv" is protected');
  });

  it('treats a complete download whose files are still moving as post-processing (R14)', () => {
    const res = run(
      [0, 10, 20].map((m) => snap(m, [], [sonarr([rec({ protocol: 'torrent', bytesLeft: 0, downloadId: 'HASH' })])])),
    );
    expect(res[2]!.items.get('HASH')!.state).toBe('post_processing');
    expect(res[2]!.items.get('HASH')!.strikes).toBe(0);
  });
});

describe('torrents judged from the *arr queue', () => {
  it('strikes a torrent Sonarr reports as stalled with no connections', () => {
    const t = (m: number) =>
      snap(
        m,
        [],
        [
          sonarr([
            rec({
              protocol: 'torrent',
              downloadId: 'HASH',
              status: 'warning',
              downloadClient: 'qBittorrent',
              errorMessage: 'The download is stalled with no connections',
            }),
          ]),
        ],
      );
    const res = run([0, 5, 10, 15].map(t));
    const item = res[3]!.items.get('HASH')!;
    expect(item.state).toBe('stalled');
    expect(item.strikeReason).toContain('stalled with no connections');
    expect(kinds(res[3]!)).toContain('recover');
  });
});

describe('import problems (R15, R16, R17)', () => {
  const blocked = (m: number, message: string, extra: Partial<Parameters<typeof rec>[0]> = {}) =>
    snap(
      m,
      [],
      [
        sonarr([
          rec({
            status: 'completed',
            bytesLeft: 0,
            trackedStatus: 'warning',
            trackedState: 'importBlocked',
            messages: [message],
            ...extra,
          }),
        ]),
      ],
    );

  it('strikes and recovers a retryable import block', () => {
    const res = run([0, 5, 10, 15].map((m) => blocked(m, 'Episode title mismatch')));
    expect(kinds(res[0]!)).toEqual(['download.import_blocked']);
    expect(res[3]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(3);
    expect(kinds(res[3]!)).toContain('recover');
  });

  it.each([
    ['Not enough free space on /tv', /disk or paths/],
    ['Not an upgrade for existing episode file(s)', /left for a person/],
    [
      'Found matching series via grab history, but release was matched to series by ID. Automatic import is not possible.',
      /manual import/,
    ],
  ])('never removes "%s"', (message, explanation) => {
    const res = run([0, 5, 10, 15, 60].map((m) => blocked(m, message)));
    const item = res[4]!.items.get('SABnzbd_nzo_1')!;
    expect(item.state).toBe('import_blocked');
    expect(item.strikes).toBe(0);
    expect(item.explanation).toMatch(explanation);
    expect(res.flatMap(kinds)).not.toContain('recover');
  });

  it('waits for "still being unpacked" and TBA titles', () => {
    const a = run([0, 30].map((m) => blocked(m, 'Files are still being unpacked')));
    expect(a[1]!.items.get('SABnzbd_nzo_1')!.state).toBe('post_processing');
    const b = run([0, 30].map((m) => blocked(m, 'Episode has a TBA title and recently aired')));
    expect(b[1]!.items.get('SABnzbd_nzo_1')!.state).toBe('import_pending');
    expect(b[1]!.items.get('SABnzbd_nzo_1')!.explanation).toContain('never removed');
  });

  it('honours include and exclude patterns from the settings', () => {
    const s = settings({ failedImportPatterns: ['custom reject'], ignoredImportPatterns: ['title mismatch'] });
    const inc = run(
      [0, 5, 10, 15].map((m) => blocked(m, 'A custom reject happened')),
      s,
    );
    expect(kinds(inc[3]!)).toContain('recover');
    const exc = run(
      [0, 5, 10, 15].map((m) => blocked(m, 'Episode title mismatch')),
      s,
    );
    expect(exc[3]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(0);
  });

  it('leaves a 100 % download waiting for import alone', () => {
    const res = run(
      [0, 30, 90].map((m) =>
        snap(m, [], [sonarr([rec({ status: 'completed', bytesLeft: 0, trackedState: 'importPending' })])]),
      ),
    );
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.state).toBe('import_pending');
    expect(res.flatMap(kinds)).toEqual([]);
  });
});

describe('failed SABnzbd jobs (R12, R13)', () => {
  const grab: ArrGrab = {
    instanceId: 'sonarr',
    app: 'sonarr',
    downloadId: 'SABnzbd_nzo_1',
    media: { kind: 'episode', seriesId: 1, episodeIds: [101] },
    title: 'Show.S01E01',
    grabbedAt: 0,
  };
  const failed = (m: number, grabs: ArrGrab[] = [grab]) => snap(m, [sab({ history: [hist()] })], [sonarr([])], grabs);

  it('reports the failure once and searches when the *arr did not search again', () => {
    const res = run([tracked(0, 500 * MB), failed(1), failed(3), failed(7)]);
    expect(kinds(res[1]!)).toEqual(['download.failed']);
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.explanation).toContain('giving Sonarr');
    expect(kinds(res[3]!)).toEqual(['recover']);
  });

  it('cleans the leftovers and does nothing else when the *arr already grabbed another release', () => {
    const newer: ArrGrab = { ...grab, downloadId: 'SABnzbd_nzo_2', grabbedAt: Date.parse('2026-01-01T12:02:00Z') };
    const res = run([tracked(0, 500 * MB), failed(1), failed(3, [grab, newer])]);
    expect(kinds(res[2]!)).toEqual(['cleanup']);
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.explanation).toContain('Sonarr already grabbed another release');
  });

  it('retries an untracked job once, then reports it', () => {
    const untracked = (m: number, h = hist()) => snap(m, [sab({ history: [h] })], [sonarr([])]);
    const res = run([untracked(0), untracked(6)]);
    expect(kinds(res[0]!)).toEqual(['download.failed']);
    expect(kinds(res[1]!)).toEqual(['sab_retry']);
    const after = res[1]!.items.get('SABnzbd_nzo_1')!;
    after.sabRetried = true;
    after.recovery = {
      mode: 'sab_retry',
      phase: 'watching',
      attempts: 1,
      startedAt: 0,
      lastAttemptAt: Date.parse('2026-01-01T12:06:00Z'),
      nextAttemptAt: 0,
      reason: 'failed',
      oldDownloadIds: [],
    };
    const again = run(
      [untracked(20, hist({ completedAt: Date.parse('2026-01-01T12:19:00Z') }))],
      settings(),
      res[1]!.items,
    );
    expect(kinds(again[0]!)).toEqual(['download.gave_up']);
  });
});
