// Sentences about what AutoArr will do, made true for the switches in force. The monitor explains what recovery
// would do; with automatic recovery off or dry run on, that is only what it *would* do, so the UI says so.
import type { Download } from '../../../autoarr/src/shared/types.js';

export interface RuntimeSwitches {
  autoRecovery: boolean;
  dryRun: boolean;
}

/** "removing it and searching (again)" in the monitor's explanations. */
const WILL_RECOVER = /\bremoving it and searching( again)?\b/;

export function whyNot(rt: RuntimeSwitches | undefined): string | undefined {
  if (!rt) return undefined;
  if (!rt.autoRecovery) return 'automatic recovery is off';
  if (rt.dryRun) return 'dry run is on, so nothing is changed';
  return undefined;
}

export function truthfulExplanation(text: string, rt: RuntimeSwitches | undefined): string {
  const reason = whyNot(rt);
  if (!reason || !WILL_RECOVER.test(text)) return text;
  return `${text.replace(WILL_RECOVER, 'would remove it and search again')} — ${reason}`;
}

/** A download AutoArr replaced: its *arr grabbed another release, so this one is gone, not completed. */
export function wasReplaced(d: Download): boolean {
  return !!d.recovery?.newDownloadId || d.recovery?.phase === 'recovered';
}
