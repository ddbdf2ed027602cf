import { describe, expect, it } from 'vitest';
import { sabTurns, type TurnJob } from './turns.js';

const MB = 1_000_000;
const job = (index: number, bytesLeft: number, prevBytesLeft: number | undefined, status = 'Downloading'): TurnJob => ({
  nzoId: `nzo_${index}`,
  name: `Job ${index}`,
  index,
  status,
  bytesLeft,
  ...(prevBytesLeft !== undefined ? { prevBytesLeft } : {}),
});
const kinds = (t: ReturnType<typeof sabTurns>) => [...t.values()].map((x) => x.kind);

describe('whose turn it is in the SABnzbd queue', () => {
  it('head stuck while the next one downloads: the head is due (overtaken), the rest wait', () => {
    const t = sabTurns([job(0, 500 * MB, 500 * MB), job(1, 700 * MB, 900 * MB), job(2, 800 * MB, 800 * MB)], 20 * MB);
    expect(t.get('nzo_0')).toEqual({ kind: 'due', overtakenBy: 'Job 1' });
    expect(t.get('nzo_1')).toEqual({ kind: 'receiving' });
    expect(t.get('nzo_2')).toEqual({ kind: 'waiting', behind: 'Job 1', position: 3, othersMoving: true });
  });

  it('head downloading, the others saying Downloading with no change: they wait, never due', () => {
    const t = sabTurns(
      [job(0, 400 * MB, 600 * MB), job(1, 800 * MB, 800 * MB), job(2, 800 * MB, 800 * MB), job(3, 9, 9)],
      20 * MB,
    );
    expect(kinds(t)).toEqual(['receiving', 'waiting', 'waiting', 'waiting']);
    expect(t.get('nzo_3')).toMatchObject({ behind: 'Job 0', position: 4 });
  });

  it('nothing moving at all: only the head counts', () => {
    const t = sabTurns([job(0, 500 * MB, 500 * MB), job(1, 800 * MB, 800 * MB), job(2, 1, 1)], 0);
    expect(t.get('nzo_0')).toEqual({ kind: 'due' });
    expect(t.get('nzo_1')).toEqual({ kind: 'waiting', behind: 'Job 0', position: 2, othersMoving: false });
    expect(t.get('nzo_2')!.kind).toBe('waiting');
  });

  it('first poll: every job is a baseline; a new job on top does not make the others due', () => {
    expect(kinds(sabTurns([job(0, 5, undefined), job(1, 5, undefined)], 10 * MB))).toEqual(['baseline', 'baseline']);
    const t = sabTurns([job(0, 5, undefined), job(1, 800 * MB, 800 * MB)], 0);
    expect(kinds(t)).toEqual(['baseline', 'waiting']);
  });

  it('follows queue order (index), not the order of the list, and skips paused or propagating jobs', () => {
    const t = sabTurns(
      [
        job(2, 800 * MB, 800 * MB),
        job(0, 500 * MB, 500 * MB, 'Paused'),
        job(1, 300 * MB, 300 * MB),
        job(3, 10 * MB, 10 * MB, 'Propagating'),
      ],
      0,
    );
    expect(t.get('nzo_1')).toEqual({ kind: 'due' });
    expect(t.get('nzo_2')!.kind).toBe('waiting');
    expect(t.has('nzo_0')).toBe(false);
    expect(t.has('nzo_3')).toBe(false);
  });

  it('a job between two receiving jobs that got nothing was overtaken', () => {
    const t = sabTurns([job(0, 1, 2), job(1, 5, 5), job(2, 1, 2), job(3, 5, 5)], 1);
    expect(kinds(t)).toEqual(['receiving', 'due', 'receiving', 'waiting']);
  });

  it('a growing job (repair) is not receiving', () => {
    const t = sabTurns([job(0, 600 * MB, 500 * MB), job(1, 800 * MB, 800 * MB)], 0);
    expect(kinds(t)).toEqual(['due', 'waiting']);
  });
});
