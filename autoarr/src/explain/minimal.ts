// What may leave the machine in an explanation: text from the apps (failure messages, AutoArr's own notes) with
// every secret masked, links dropped and folder paths cut to their last part (the file or folder name is what
// explains a problem; the layout of the disks does not). Short, so one long message cannot flood a prompt.
import { redactText } from '../log/redact.js';

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi;
// A Unix path with at least two parts (/downloads/complete/x, /config/Downloads/), or a Windows one (C:\x\y,
// \\server\share\x); the last part is kept.
const UNIX_PATH = /(?<![\w./])\/[^\s/"'()]+\/(?:[^\s/"'()]+\/?)+/g;
const WINDOWS_PATH = /(?:\b[A-Za-z]:|\\\\[^\s\\"']+)\\(?:[^\s\\"']+\\)*[^\s\\"']*/g;

export function minimal(text: string | undefined, max = 300): string {
  if (!text) return '';
  const out = redactText(text)
    .replace(URL_RE, '(link)')
    .replace(UNIX_PATH, (m) => lastPart(m, '/'))
    .replace(WINDOWS_PATH, (m) => lastPart(m, '\\'))
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** "/config/Downloads/" → "…/Downloads/", "C:\\x\\Dune.2021" → "…\\Dune.2021". */
function lastPart(path: string, sep: string): string {
  const parts = path.split(sep).filter(Boolean);
  return `…${sep}${parts.at(-1) ?? ''}${path.endsWith(sep) && parts.length ? sep : ''}`;
}
