// Toasts and confirmations: pages call these; the app shell renders them (one place, one style).
import type { Tone } from '../shared/format.js';

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** Optional checkbox ("Also blocklist the release"). */
  option?: { label: string; checked: boolean };
}

export interface ConfirmResult {
  ok: boolean;
  option: boolean;
}

interface Shell {
  toast(message: string, tone: Tone): void;
  confirm(opts: ConfirmOptions): Promise<ConfirmResult>;
}

let shell: Shell | undefined;

export function registerShell(s: Shell): void {
  shell = s;
}

export function toast(message: string, tone: Tone = 'ok'): void {
  shell?.toast(message, tone);
}

export function confirmAction(opts: ConfirmOptions): Promise<ConfirmResult> {
  return shell ? shell.confirm(opts) : Promise.resolve({ ok: false, option: false });
}

/** Runs an action, reports its result as a toast and returns whether it succeeded. */
export async function act(
  run: () => Promise<{ ok?: boolean; message?: string } | unknown>,
  done: string,
): Promise<boolean> {
  try {
    const res = (await run()) as { ok?: boolean; message?: string } | undefined;
    const ok = res?.ok !== false;
    toast(res?.message ?? done, ok ? 'ok' : 'bad');
    return ok;
  } catch (err) {
    toast((err as Error).message, 'bad');
    return false;
  }
}
