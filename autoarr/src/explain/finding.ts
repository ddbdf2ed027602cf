// An audit finding in plain words, without any LLM: what was checked, what was found, why it matters and what to
// do. The facts object is all an LLM receives about it (no links, no API field names, no ids).
import { APP_LABEL } from '../shared/domain.js';
import type { AuditFinding } from '../shared/types.js';
import { minimal } from './minimal.js';

export interface FindingFacts {
  app: string;
  instance: string;
  check: string;
  severity: string;
  about?: string;
  setting: string;
  found: string;
  expected: string;
  why: string;
  detail?: string;
  autoFixable: boolean;
}

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'nothing set';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return 'a value AutoArr cannot show';
  }
}

export function findingFacts(f: AuditFinding): FindingFacts {
  return {
    app: APP_LABEL[f.app],
    instance: minimal(f.instanceName, 100),
    check: minimal(f.title, 200),
    severity: f.severity,
    ...(f.subject ? { about: minimal(f.subject, 200) } : {}),
    setting: minimal(f.settingUi, 200),
    found: minimal(shown(f.current), 200),
    expected: minimal(f.expected, 200),
    why: minimal(f.why, 500),
    ...(f.detail ? { detail: minimal(f.detail) } : {}),
    autoFixable: f.fixable,
  };
}

const SEVERITY: Record<string, string> = {
  critical: 'This is critical: it breaks downloads or imports, or risks losing files.',
  warning: 'This is a warning: things work, but not as well or as safely as they could.',
  info: 'This is a suggestion, not a fault: whether it fits is your call.',
};

const where = (f: FindingFacts) => (f.instance === f.app ? f.app : `${f.instance} (${f.app})`);

export function findingText(f: FindingFacts): string {
  return [
    `${where(f)}: ${f.check}${f.about ? ` — ${f.about}` : ''}. ${SEVERITY[f.severity] ?? ''}`.trim(),
    `The setting "${f.setting}" is ${f.found}; AutoArr expects ${f.expected}.${f.detail ? ` ${f.detail}` : ''}`,
    `Why it matters: ${f.why}`,
    f.autoFixable
      ? `AutoArr can fix this for you (Fix… on the Audit page): it changes only this setting, reads it back to check, and you can roll the change back.`
      : `AutoArr does not change this by itself: change "${f.setting}" in ${where(f)}.`,
  ].join('\n\n');
}
