import { describe, expect, it } from 'vitest';
import { truthful } from './explain.js';

const ON = { autoRecovery: true, dryRun: false };
const OFF = { autoRecovery: false, dryRun: false };
const DRY = { autoRecovery: true, dryRun: true };

describe('truthful explanations', () => {
  const stalled = 'No progress for 15 min — strike 3 of 3; removing it and searching again';

  it('keeps the promise while AutoArr acts on its own', () => {
    expect(truthful(stalled, ON)).toBe(stalled);
  });

  it('says what AutoArr would do, and why it will not, with automatic recovery off', () => {
    expect(truthful(stalled, OFF)).toBe(
      'No progress for 15 min — strike 3 of 3; would remove it and search again — automatic recovery is off',
    );
    expect(truthful(stalled, { autoRecovery: false, dryRun: true })).toMatch(/automatic recovery is off$/);
  });

  it('says so in dry run', () => {
    expect(truthful(stalled, DRY)).toBe(
      'No progress for 15 min — strike 3 of 3; would remove it and search again — dry run is on, so nothing is changed',
    );
  });

  it('rewords every promise the rules write', () => {
    expect(truthful('SABnzbd failed it: "CRC" and Sonarr did not search again — removing it and searching', OFF)).toBe(
      'SABnzbd failed it: "CRC" and Sonarr did not search again — would remove it and search again — automatic recovery is off',
    );
    expect(truthful('SABnzbd failed it: "CRC" — no *arr tracks it; AutoArr retries it once in 5 min', DRY)).toBe(
      'SABnzbd failed it: "CRC" — no *arr tracks it; AutoArr would retry it once in 5 min — dry run is on, so nothing is changed',
    );
    expect(
      truthful(
        'Sonarr marked it failed; Sonarr already grabbed another release, so AutoArr only deletes the failed job from SABnzbd',
        OFF,
      ),
    ).toBe(
      'Sonarr marked it failed; Sonarr already grabbed another release, so AutoArr would only delete the failed job from SABnzbd — automatic recovery is off',
    );
  });

  it('leaves sentences that promise nothing as they are', () => {
    for (const text of ['Downloading at 2 MB/s, 1 GB left', 'Paused by a person — not judged', '']) {
      expect(truthful(text, OFF)).toBe(text);
      expect(truthful(text, DRY)).toBe(text);
    }
  });
});
