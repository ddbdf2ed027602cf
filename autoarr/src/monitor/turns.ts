// Whose turn it is in a SABnzbd queue. The status word cannot tell: some servers report every unpaused job as
// `Downloading`. What SABnzbd is doing follows from queue order (`index`), each job's change of bytes left between
// two polls and the queue-wide speed. Only the job SABnzbd should be serving can be stalled; the others wait.
import type { SabJobObs } from './model.js';

/** A queue job with its bytes left at the previous poll (undefined when this poll is the first to see it). */
export interface TurnJob extends Pick<SabJobObs, 'nzoId' | 'name' | 'index' | 'status' | 'bytesLeft'> {
  prevBytesLeft?: number;
}

export type Turn =
  /** No earlier poll of this job: nothing to compare yet. */
  | { kind: 'baseline' }
  /** Its bytes left fell since the last poll. */
  | { kind: 'receiving' }
  /**
   * SABnzbd should be serving it and it got nothing: it is the first job and nothing moves, or a later job
   * received data while it did not (`overtakenBy`). Only such a job can earn strikes.
   */
  | { kind: 'due'; overtakenBy?: string }
  /** Behind the job SABnzbd is serving (`behind`); `othersMoving` says whether any job receives data. */
  | { kind: 'waiting'; behind: string; position: number; othersMoving: boolean };

/** Jobs SABnzbd may hand data to; paused, grabbing, propagating or checking jobs are not in line. */
const IN_LINE = new Set(['downloading', 'queued']);

const received = (j: TurnJob): boolean => j.prevBytesLeft !== undefined && j.prevBytesLeft - j.bytesLeft > 0;

/**
 * The turn of every job in line, by nzo_id. `speedBps` is the queue-wide speed: when no job shows a change but
 * SABnzbd reports a speed, the data goes to a job whose change is not visible yet, and the first job is still the
 * one to judge (a real stall shows no change for many polls in a row).
 */
export function sabTurns(jobs: readonly TurnJob[], speedBps: number): Map<string, Turn> {
  const line = jobs.filter((j) => IN_LINE.has(j.status.toLowerCase())).sort((a, b) => a.index - b.index);
  const out = new Map<string, Turn>();
  let lastReceiving = -1;
  line.forEach((j, i) => {
    if (received(j)) lastReceiving = i;
  });
  const moving = lastReceiving >= 0;
  // The job the others wait behind: the last one receiving data, else the first in line.
  const served = line[Math.max(0, lastReceiving)];
  line.forEach((j, i) => {
    if (j.prevBytesLeft === undefined) out.set(j.nzoId, { kind: 'baseline' });
    else if (received(j)) out.set(j.nzoId, { kind: 'receiving' });
    else if (moving && i < lastReceiving) out.set(j.nzoId, { kind: 'due', overtakenBy: served?.name ?? '' });
    else if (i === 0) out.set(j.nzoId, { kind: 'due' });
    else
      out.set(j.nzoId, {
        kind: 'waiting',
        behind: served?.name ?? '',
        position: j.index + 1,
        othersMoving: moving || speedBps > 0,
      });
  });
  return out;
}
