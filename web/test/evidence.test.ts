// Evidence in words: known keys get labels and units, unknown keys a label made from their name, never JSON.
import { describe, expect, it } from 'vitest';
import { evidenceLines } from '../src/shared/evidence.js';

const text = (e: Record<string, unknown>) => evidenceLines(e).map((l) => `${l.label}: ${l.value}`);

describe('evidenceLines', () => {
  it('words a strike', () => {
    expect(
      text({ strikes: 2, maxStrikes: 3, bytesLeft: 6_200_000_000, sabSpeedBps: 0, strikeReason: 'no progress' }),
    ).toEqual([
      'Strikes: 2 of 3',
      'Left to download: 6.2 GB',
      'SABnzbd speed at the time: nothing',
      'Strike for: no progress',
    ]);
  });

  it('words decisions, states, recovery and media', () => {
    expect(
      text({
        decision: 'recover',
        state: 'import_blocked',
        recovery: { phase: 'watching', attempts: 1, maxAttempts: 3 },
        media: { kind: 'movie', label: 'Oppenheimer (2023)', movieId: 2 },
        paused: false,
      }),
    ).toEqual([
      'Would have: removed it and searched again',
      expect.stringMatching(/^State: [A-Z]/),
      'Recovery: waiting for a new release, search 1 of 3',
      'For: Oppenheimer (2023)',
      'Paused: no',
    ]);
  });

  it('unknown keys and nested values read as words, not JSON', () => {
    const lines = text({
      queueId: 77,
      removeFromClient: true,
      messages: ['Not an upgrade', 'Sample'],
      extra: { a: 1 },
    });
    expect(lines).toEqual([
      'Queue id: 77',
      'Remove from client: yes',
      'The app said: Not an upgrade; Sample',
      'Extra: a 1',
    ]);
    for (const l of lines) expect(l).not.toMatch(/[{}"]/);
    expect(evidenceLines(undefined)).toEqual([]);
  });
});
