// Truths about a download the row needs beyond its own fields. Explanations need no rewording here: the server
// words them for the switches in force (autoarr/src/monitor/explain.ts).
import type { Download } from '../../../autoarr/src/shared/types.js';

export interface RuntimeSwitches {
  autoRecovery: boolean;
  dryRun: boolean;
}

/** A download AutoArr replaced: its *arr grabbed another release, so this one is gone, not completed. */
export function wasReplaced(d: Download): boolean {
  return !!d.recovery?.newDownloadId || d.recovery?.phase === 'recovered';
}
