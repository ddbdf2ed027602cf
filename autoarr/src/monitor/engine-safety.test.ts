// The rules of issues 16.1, 17.1 and 17.2 on the pure evaluation: waiting jobs, replacements, outages, and downloads
// no search could follow.
import { describe, expect, it } from 'vitest';
import { MB, job, kinds, rec, run, sab, snap, sonarr } from '../../test/monitor/fixtures.js';
import type { ArrObs, ItemState, Snapshot } from './model.js';

const HEAD = 'SABnzbd_nzo_head';
const WAIT = 'SABnzbd_nzo_wait';

/** A head job receiving 10 MB a minute and a job behind it that also says "Downloading" but gets nothing. */
function queue(minute: number, arrs: ArrObs[] = [sonarr([rec({ downloadId: WAIT, queueId: 12, episodeId: 102 })])]) {
  return snap(
    minute,
    [
      sab({
        speedBps: 170_000,
        queue: [
          job({ nzoId: HEAD, name: 'Big.Movie.2160p', bytesLeft: 5000 * MB - minute * 10 * MB, sizeBytes: 9000 * MB }),
          job({ nzoId: WAIT, index: 1, bytesLeft: 800 * MB, sizeBytes: 800 * MB }),
        ],
      }),
    ],
    arrs,
  );
}

describe('waiting jobs that say "Downloading" (issue 16.1)', () => {
  it('are never struck, however long the job in front of them takes', () => {
    const res = run(Array.from({ length: 121 }, (_, m) => queue(m)));
    expect(res.flatMap(kinds)).toEqual([]);
    const wait = res[120]!.items.get(WAIT)!;
    expect(wait).toMatchObject({ state: 'queued', strikes: 0 });
    expect(wait.explanation).toBe(
      'Waiting behind Big.Movie.2160p (position 2) — SABnzbd is downloading another job; waiting jobs are never judged',
    );
    expect(res[120]!.items.get(HEAD)!.state).toBe('downloading');
  });

  it('when nothing moves at all only the first job is judged, and the words say so', () => {
    const still = (m: number) => {
      const s = queue(0);
      s.now = queue(m).now;
      s.sabs[0]!.speedBps = 0;
      return s;
    };
    const res = run([0, 1, 5, 10, 15].map(still));
    expect(res[4]!.items.get(HEAD)!.strikes).toBe(3);
    expect(res[4]!.items.get(WAIT)!.strikes).toBe(0);
    expect(res[4]!.items.get(WAIT)!.explanation).toBe(
      'Waiting behind Big.Movie.2160p (position 2) — SABnzbd is receiving nothing at the moment, and only the job it should be serving is judged',
    );
  });
});

describe('a replacement is not removed before it had its turn', () => {
  it('waits with its strikes until SABnzbd should have served it for a full stall period', () => {
    const old: ItemState = {
      ...run([queue(0)])[0]!.items.get(WAIT)!,
      id: 'SABnzbd_nzo_old',
      title: 'Show.S01E01.720p',
      state: 'completed',
      recovery: {
        mode: 'arr',
        phase: 'recovered',
        attempts: 1,
        startedAt: 0,
        lastAttemptAt: 0,
        nextAttemptAt: 0,
        reason: 'stalled',
        oldDownloadIds: ['SABnzbd_nzo_old'],
        newDownloadId: 'SABnzbd_nzo_new',
      },
    };
    // The *arr lists the new grab before SABnzbd shows it: judged from the *arr's bytes, it earns 3 strikes.
    const arrOnly = (m: number): Snapshot =>
      snap(m, [sab({ queue: [] })], [sonarr([rec({ downloadId: 'SABnzbd_nzo_new', protocol: 'torrent' })])]);
    const inSab = (m: number): Snapshot =>
      snap(
        m,
        [sab({ speedBps: 0, queue: [job({ nzoId: 'SABnzbd_nzo_new' })] })],
        [sonarr([rec({ downloadId: 'SABnzbd_nzo_new' })])],
      );
    const res = run(
      [arrOnly(0), arrOnly(5), arrOnly(10), arrOnly(15), inSab(16), inSab(17), inSab(30), inSab(32)],
      undefined,
      new Map([[old.id, old]]),
    );
    expect(res[3]!.items.get('SABnzbd_nzo_new')!.strikes).toBe(3);
    for (const r of res.slice(4, 7)) expect(kinds(r)).not.toContain('recover');
    expect(res[6]!.items.get('SABnzbd_nzo_new')!.explanation).toMatch(
      /strike 3 of 3; not removed before SABnzbd has given it a turn: it is the replacement grabbed for an earlier download$/,
    );
    // Due since minute 17 (16 was its first poll in the queue): its turn is over at minute 32.
    expect(kinds(res[7]!)).toContain('recover');
  });
});

describe('outages (issue 17.2)', () => {
  it('a job first seen while Sonarr is down gets no strikes, and none for a stall period after Sonarr is back', () => {
    const down = (m: number) => {
      const s = queue(m, [sonarr([], { error: 'Sonarr did not answer', errorKind: 'unreachable' })]);
      s.sabs[0]!.queue.splice(0, 1); // only the stuck job, nothing moving
      s.sabs[0]!.speedBps = 0;
      s.sabs[0]!.queue[0]!.index = 0;
      return s;
    };
    const up = (m: number) => {
      const s = queue(m);
      s.sabs[0]!.queue.splice(0, 1);
      s.sabs[0]!.speedBps = 0;
      s.sabs[0]!.queue[0]!.index = 0;
      return s;
    };
    const res = run([...[0, 5, 10, 15, 20, 30].map(down), ...[31, 36, 41, 45, 46].map(up)]);
    const during = res[5]!.items.get(WAIT)!;
    expect(during.strikes).toBe(0);
    expect(during.explanation).toBe(
      'Sonarr is not answering — AutoArr cannot tell whether Sonarr grabbed this job, so no strikes until it is back',
    );
    expect(res.slice(0, 7).flatMap(kinds)).toEqual([]);
    // Back at minute 31: that poll is the baseline; strikes at 36 and 41, nothing removed at 45, at 46 it is.
    expect(res[9]!.items.get(WAIT)).toMatchObject({ app: 'sonarr', strikes: 2 });
    expect(kinds(res[9]!)).toEqual([]);
    expect(kinds(res[10]!)).toEqual(['download.stalled', 'recover']); // the last strike is told by the stalled entry
  });

  it('clears strikes when an app goes away and says why; a rejected key is named as such', () => {
    const stuck = (m: number, extra: Partial<ArrObs> = {}) => {
      const s = up1(m);
      Object.assign(s.arrs[0]!, extra);
      if (extra.error) s.arrs[0]!.records = [];
      return s;
    };
    const up1 = (m: number) => snap(m, [sab({ speedBps: 0, queue: [job()] })], [sonarr([rec()])]);
    const res = run([stuck(0), stuck(5), stuck(10), stuck(11, { error: '401', errorKind: 'auth' })]);
    expect(res[2]!.items.get('SABnzbd_nzo_1')!.strikes).toBe(2);
    const held = res[3]!.items.get('SABnzbd_nzo_1')!;
    expect(held.strikes).toBe(0);
    expect(held.explanation).toBe("Sonarr rejects AutoArr's API key — no strikes until it is back");
    const note = res[3]!.decisions.find((d) => d.kind === 'note')!;
    expect(note).toMatchObject({
      action: 'strikes_reset',
      message:
        "2 strike(s) on Show S01E01 cleared: Sonarr rejects AutoArr's API key, so AutoArr cannot tell what happens meanwhile; the stall clock starts again when it is back",
    });
  });
});

describe('no removal when no search can follow (issue 17.1)', () => {
  it.each([
    ['a Sonarr record with no episode', { episodeId: undefined }, /Sonarr names no episode for it/],
    ['an unknown Sonarr item', { episodeId: undefined, seriesId: undefined }, /unknown to Sonarr/],
  ])('%s is reported, not removed', (_name, over, words) => {
    const s = (m: number) => snap(m, [sab({ speedBps: 0, queue: [job()] })], [sonarr([rec(over)])]);
    const res = run([0, 5, 10, 15, 20].map(s));
    expect(res.flatMap(kinds)).not.toContain('recover');
    const item = res[4]!.items.get('SABnzbd_nzo_1')!;
    expect(item.state).toBe('stalled');
    expect(item.hold).toMatch(words);
    expect(item.explanation).toMatch(/import it by hand or remove it\)$/);
    expect(kinds(res[3]!)).toContain('note:not_searchable');
  });

  it('a download of a Sonarr instance AutoArr no longer has is reported, not removed', () => {
    const s = (m: number) => snap(m, [sab({ speedBps: 0, queue: [job()] })], []);
    const known = run([
      snap(0, [sab({ speedBps: 0, queue: [job()] })], [sonarr([rec()], { instanceId: 'sonarr_4k' })]),
    ]);
    const res = run([1, 6, 11, 16, 21].map(s), undefined, known[0]!.items);
    expect(res.flatMap(kinds)).not.toContain('recover');
    const item = res[4]!.items.get('SABnzbd_nzo_1')!;
    expect(item).toMatchObject({ app: 'sonarr', instanceId: 'sonarr_4k', state: 'stalled' });
    expect(item.hold).toBe(
      'the Sonarr it belongs to ("sonarr_4k") is not configured in AutoArr, so AutoArr cannot search for it again (remove it by hand if it is not wanted)',
    );
  });
});
