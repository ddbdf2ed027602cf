import { describe, expect, it } from 'vitest';
import { classifyImport, sabQueueState } from './classify.js';
import { sabPauseReason } from './normalize.js';
import type { SabQueue } from '../apps/sabnzbd/types.js';

describe('classifyImport (R16)', () => {
  it.each([
    ['Episode title mismatch', 'retryable'],
    ['No files found are eligible for import in /downloads/x', 'retryable'],
    ['Not enough free space to import', 'environment'],
    ['/data is not a valid local path', 'environment'],
    ['Files are still being unpacked', 'unpacking'],
    ['Episode has a TBA title and recently aired', 'tba'],
    ['Not a Custom Format upgrade for existing movie file(s)', 'wait'],
    ['Something nobody has seen before', 'manual'],
  ])('"%s" → %s', (message, kind) => {
    expect(classifyImport([message]).kind).toBe(kind);
  });

  it("lets the person's include patterns override the built-in wait list, but never a full disk", () => {
    expect(classifyImport(['Not an upgrade for existing episode file(s)'], ['not an upgrade']).kind).toBe('retryable');
    expect(classifyImport(['Not enough free space'], ['free space']).kind).toBe('environment');
    expect(classifyImport(['Episode title mismatch'], ['mismatch'], ['title']).kind).toBe('wait');
  });
});

describe('SABnzbd words', () => {
  it('judges only Downloading jobs', () => {
    expect(sabQueueState('Downloading')).toBe('downloading');
    expect(sabQueueState('Queued')).toBe('queued');
    expect(sabQueueState('Propagating')).toBe('queued');
    expect(sabQueueState('Paused')).toBe('paused');
  });

  it('names why SABnzbd as a whole is paused (R11)', () => {
    const q = { paused: true, diskFreeBytes: 300_000_000, sizeLeftBytes: 5_000_000_000 } as SabQueue;
    expect(sabPauseReason(q)).toBe('only 300 MB free on the download disk');
    expect(sabPauseReason({ ...q, diskFreeBytes: 900e9, pausedInt: 600 })).toBe('a timed pause, 10 min left');
    expect(sabPauseReason({ ...q, diskFreeBytes: 900e9 })).toBe('paused by a person, a schedule or the download quota');
    expect(sabPauseReason({ ...q, paused: false })).toBeUndefined();
  });
});
