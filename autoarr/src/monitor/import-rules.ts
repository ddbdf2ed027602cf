// Import problems (landscape.md R15–R17): retryable blocks are struck and recovered; waiting states, environment
// problems and manual imports are reported and never removed.
import { classifyImport, recordMessages } from './classify.js';
import { recoveryHint, requestRecovery, transition } from './decide.js';
import { mediaName, strikeText } from './explain.js';
import type { Observed } from './join.js';
import type { Decision, ItemState, RuleSettings } from './model.js';
import { addStrikeIfDue, holdClock } from './strikes.js';

export function judgeImport(
  item: ItemState,
  before: ItemState | undefined,
  obs: Observed,
  s: RuleSettings,
  d: Decision[],
  arrName: string,
): void {
  const now = item.lastSeen;
  const messages = obs.records.flatMap(recordMessages);
  const c = classifyImport(messages, s.failedImportPatterns, s.ignoredImportPatterns);
  holdClock(item, now);
  if (c.kind === 'unpacking') {
    transition(item, before, 'post_processing', d, '');
    item.explanation = `${arrName}: "${c.message}" — waiting, never removed`;
    return;
  }
  if (c.kind === 'tba') {
    transition(item, before, 'import_pending', d, '');
    item.explanation = `${arrName} waits for the episode title ("${c.message}") — never removed; a series refresh usually fixes it`;
    return;
  }
  const first = before?.state !== 'import_blocked';
  if (first) item.stallSince = now;
  else item.stallSince = before?.stallSince ?? now;
  if (c.kind === 'retryable') {
    if (addStrikeIfDue(item, now, s)) {
      item.strikeReason = `import blocked: ${c.message}`;
      d.push({
        kind: 'note',
        id: item.id,
        instanceId: item.instanceId,
        action: 'strike',
        message: `${arrName} cannot import ${mediaName(item)}: "${c.message}" — another release may fix it, ${strikeText(item.strikes, s.maxStrikes)}`,
        evidence: { messages, strikes: item.strikes },
      });
    }
    transition(item, before, 'import_blocked', d, `${arrName} cannot import it: "${c.message}"`);
    item.explanation = `${arrName} cannot import it: "${c.message}" — another release may fix it, ${strikeText(item.strikes, s.maxStrikes)}`;
    if (item.strikes >= s.maxStrikes) {
      item.explanation += `; ${recoveryHint(item)}`;
      requestRecovery(item, d, `import blocked: ${c.message}`);
    }
    return;
  }
  transition(item, before, 'import_blocked', d, `${arrName} cannot import it: "${c.message}"`);
  item.explanation =
    c.kind === 'environment'
      ? `${arrName} cannot import it: "${c.message}" — a problem with the disk or paths, not with the release; fix that and it imports (never removed)`
      : c.kind === 'wait'
        ? `${arrName} will not import it: "${c.message}" — left for a person to decide (never removed)`
        : `${arrName} needs a manual import: "${c.message}" — left for a person (never removed)`;
}
