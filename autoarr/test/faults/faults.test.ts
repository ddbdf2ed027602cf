// The fault suite (issue 16, "Done means"): AutoArr against the simulator under each fault. No crash, a clear
// message, no recovery action lost or duplicated, no secret on any surface. Prints one summary line with the figures.
import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS, summaryLine, type FaultOutcome } from './faults.js';

const outcomes: FaultOutcome[] = [];
afterAll(() => {
  process.stdout.write(`\n${summaryLine(outcomes)}\n`);
});

describe('fault suite', () => {
  for (const fault of FAULTS) {
    it(
      fault.name,
      async () => {
        const o = await fault.run();
        outcomes.push(o);
        expect(o.notes, JSON.stringify(o, null, 2)).toEqual([]);
        expect(o.survived, o.message).toBe(true);
        expect({ lost: o.lost, duplicated: o.duplicated, secrets: o.secrets }).toEqual({
          lost: 0,
          duplicated: 0,
          secrets: 0,
        });
      },
      180_000,
    );
  }
});
