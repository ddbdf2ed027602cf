// An activity entry's evidence in words ("Strikes: 3 of 3", "Left to download: 1.2 GB"), never raw JSON or keys:
// known keys get a label and a unit, anything else a label made from its name and a plain value.
import { APP_LABEL, bytes, clock, speed, stateLabel } from './format.js';

export interface EvidenceLine {
  label: string;
  value: string;
}

const LABEL: Record<string, string> = {
  strikes: 'Strikes',
  strikeReason: 'Strike for',
  bytesLeft: 'Left to download',
  refBytesLeft: 'Left when the stall clock started',
  sabSpeedBps: 'SABnzbd speed at the time',
  minProgressBytes: 'Counts as progress from',
  message: 'The app said',
  messages: 'The app said',
  decision: 'Would have',
  reason: 'Why',
  state: 'State',
  previousState: 'State before',
  previous: 'State before',
  explanation: 'What AutoArr saw',
  recovery: 'Recovery',
  failMessage: 'Failure',
  failedAt: 'Failed at',
  handledBy: 'Already handled by',
  paused: 'Paused',
  diskFreeBytes: 'Free disk space',
  historyRead: 'History could be read',
  previousId: 'Earlier download',
  returns: 'Came back after blocklisting',
  media: 'For',
  dryRun: 'Dry run',
  by: 'Asked by',
  error: 'Error',
  ok: 'Succeeded',
  app: 'App',
  via: 'Through',
  tool: 'Tool',
};

const DECISION: Record<string, string> = {
  recover: 'removed it and searched again',
  search_again: 'searched again',
  sab_retry: 'retried it in SABnzbd',
  cleanup: 'deleted the failed job from SABnzbd',
};

const RECOVERY_PHASE: Record<string, string> = {
  watching: 'waiting for a new release',
  recovered: 'a new release was grabbed',
  gave_up: 'gave up',
};

/** "bytesLeft" → "Bytes left". */
const words = (key: string) => {
  const w = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(1);
  if (typeof v === 'string') return ISO.test(v) ? clock(v) : v;
  if (Array.isArray(v)) return v.map(plain).join('; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined && x !== null && typeof x !== 'object')
      .map(([k, x]) => `${words(k).toLowerCase()} ${plain(x)}`)
      .join(', ');
  }
  return String(v as string | number);
}

function value(key: string, v: unknown, all: Record<string, unknown>): string {
  if (typeof v === 'number' && /bytes|Bytes/.test(key) && !/Bps$/.test(key)) return bytes(v);
  if (typeof v === 'number' && /Bps$/.test(key)) return v > 0 ? speed(v) : 'nothing';
  if (key === 'strikes' && typeof v === 'number' && typeof all.maxStrikes === 'number')
    return `${v} of ${all.maxStrikes}`;
  if ((key === 'state' || key === 'previousState' || key === 'previous') && typeof v === 'string') return stateLabel(v);
  if (key === 'decision' && typeof v === 'string') return DECISION[v] ?? words(v).toLowerCase();
  if (key === 'app' && typeof v === 'string') return APP_LABEL[v] ?? v;
  if (key === 'media' && v && typeof v === 'object') {
    const m = v as { label?: string; kind?: string };
    return m.label ?? (m.kind === 'unknown' ? 'unknown to the app' : plain(m.kind));
  }
  if (key === 'recovery' && v && typeof v === 'object') {
    const r = v as { phase?: string; attempts?: number; maxAttempts?: number };
    const phase = RECOVERY_PHASE[r.phase ?? ''] ?? plain(r.phase);
    return r.attempts ? `${phase}, search ${r.attempts}${r.maxAttempts ? ` of ${r.maxAttempts}` : ''}` : phase;
  }
  return plain(v);
}

/** The lines to show for an entry's evidence; keys already said by the message (or internal) are left out. */
export function evidenceLines(evidence: Record<string, unknown> | undefined): EvidenceLine[] {
  if (!evidence) return [];
  const out: EvidenceLine[] = [];
  for (const [key, v] of Object.entries(evidence)) {
    if (v === undefined || key === 'maxStrikes') continue;
    out.push({ label: LABEL[key] ?? words(key), value: value(key, v, evidence) });
  }
  return out;
}
