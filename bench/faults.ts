// The fault suite's figures (issue 16): AutoArr against the simulator under every fault of
// autoarr/test/faults/faults.ts — faults tried, survived, recovery actions lost or duplicated, secrets found —
// plus the same one-line summary the test prints.
import { FAULTS, figures, summaryLine, type FaultOutcome } from '../autoarr/test/faults/faults.js';

export async function run(): Promise<Record<string, number | string>> {
  const outcomes: FaultOutcome[] = [];
  const failed: string[] = [];
  for (const f of FAULTS) {
    const o = await f.run();
    outcomes.push(o);
    if (!o.survived || o.lost || o.duplicated || o.secrets || o.notes.length) failed.push(o.fault);
  }
  const fig = figures(outcomes);
  process.stdout.write(`  ${summaryLine(outcomes)}\n`);
  return {
    'faults tried': fig.tried,
    'faults survived': fig.survived,
    'actions lost': fig.lost,
    'actions duplicated': fig.duplicated,
    'secrets found': fig.secrets,
    'faults with a problem': failed.length ? failed.join('; ') : 'none',
  };
}
