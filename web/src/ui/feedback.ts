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

/** The element with keyboard focus, looking through shadow roots. */
function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

/** A button disabled while its action runs, or re-rendered away, drops focus to <body>; put it back on the same
 * control once it is usable again, or on the page heading when the control is gone. Gives up after about 5 s, or as
 * soon as focus is somewhere real (the person or the page moved it). */
export async function keepFocus(before: Element | null): Promise<void> {
  if (!(before instanceof HTMLElement) || before === document.body) return;
  const root = before.getRootNode() as Document | ShadowRoot;
  for (let i = 0; i < 300; i++) {
    await nextFrame();
    const now = deepActive();
    if (now === before) continue; // Still there: the action may yet disable or re-render it.
    if (now && now !== document.body) return; // The person or the page put focus somewhere on purpose.
    if (!before.isConnected) {
      const h1 = root.querySelector<HTMLElement>('h1');
      h1?.setAttribute('tabindex', '-1');
      return h1?.focus();
    }
    if (!(before as HTMLButtonElement).disabled) before.focus();
  }
}

/** Runs an action, reports its result as a toast and returns whether it succeeded; focus stays on the control. */
export async function act(
  run: () => Promise<{ ok?: boolean; message?: string } | unknown>,
  done: string,
): Promise<boolean> {
  void keepFocus(deepActive());
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
