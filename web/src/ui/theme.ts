// Inside Home Assistant the ingress page is an iframe on HA's own origin, so it can read HA's theme variables from
// the parent document and look like the rest of HA (light/dark, background, text, font). Outside HA, or when the
// parent cannot be read, the page follows prefers-color-scheme. Colours are adopted only when they keep WCAG AA
// contrast; otherwise AutoArr's own checked palette for that mode stays.

export type Scheme = 'light' | 'dark';

export interface HostTheme {
  scheme: Scheme;
  /** AutoArr token → value taken from HA (only the ones that passed the contrast checks). */
  vars: Record<string, string>;
  font?: string;
}

/** Reads a CSS custom property as HA resolved it on its root element. */
export type ReadVar = (name: string) => string;

/** The parent document when this page is framed by a same-origin page (HA's frontend), else undefined. */
export function parentDocument(win: Window = window): Document | undefined {
  try {
    if (win.parent === win) return undefined;
    return win.parent.document;
  } catch {
    return undefined; // Framed by another origin: nothing to read.
  }
}

export function varReader(doc: Document): ReadVar {
  const style = doc.defaultView?.getComputedStyle(doc.documentElement);
  return (name) => style?.getPropertyValue(name).trim() ?? '';
}

function rgb(color: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/i.exec(color);
  if (!fn) return undefined;
  // A see-through colour depends on what is behind it: not safe to check, so not adopted.
  if (fn[4] !== undefined && fn[4] !== '1' && fn[4] !== '100%') return undefined;
  return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two opaque colours, or 0 when either cannot be parsed. */
export function contrast(a: string, b: string): number {
  const x = rgb(a);
  const y = rgb(b);
  if (!x || !y) return 0;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const isColor = (v: string) => v !== '' && (typeof CSS === 'undefined' || CSS.supports('color', v));

/** HA's variables as AutoArr tokens, or undefined when the parent is not HA (no primary background). */
export function themeFromHost(read: ReadVar): HostTheme | undefined {
  const bg = read('--primary-background-color');
  const bgRgb = rgb(bg);
  if (!bgRgb) return undefined;
  const scheme: Scheme = luminance(bgRgb) < 0.2 ? 'dark' : 'light';
  const surface = read('--card-background-color') || read('--ha-card-background');
  const vars: Record<string, string> = { '--bg': bg };
  const okSurface = rgb(surface) ? surface : undefined;
  if (okSurface) vars['--surface'] = okSurface;
  const base = okSurface ?? bg;
  // Text must read at 4.5:1 on both the page and the cards.
  const readable = (c: string) => contrast(c, bg) >= 4.5 && contrast(c, base) >= 4.5;
  const fg = read('--primary-text-color');
  if (readable(fg)) vars['--fg'] = fg;
  // Secondary text stays AutoArr's: it also sits on tinted badges, which HA's grey does not read on at 4.5:1.
  // Lines and hover fills carry no text, so HA's see-through values are fine as they are.
  const line = read('--divider-color');
  if (isColor(line)) vars['--line'] = line;
  const secondary = read('--secondary-background-color');
  if (isColor(secondary)) vars['--surface-2'] = secondary;
  const font = read('--ha-font-family-body') || read('--paper-font-body1_-_font-family') || undefined;
  return { scheme, vars, ...(font ? { font } : {}) };
}

const ADOPTED = ['--bg', '--surface', '--surface-2', '--fg', '--line'];

/** Puts the theme on the app's host element: data-theme picks the palette, inline variables override it. */
export function applyTheme(host: HTMLElement, theme: HostTheme | undefined, fallback: Scheme): void {
  const scheme = theme?.scheme ?? fallback;
  host.dataset.theme = scheme;
  for (const name of ADOPTED) {
    const v = theme?.vars[name];
    if (v) host.style.setProperty(name, v);
    else host.style.removeProperty(name);
  }
  if (theme?.font) host.style.fontFamily = theme.font;
  else host.style.removeProperty('font-family');
  // Native parts (scrollbars, select menus, the dialog backdrop) follow the same scheme.
  host.ownerDocument.documentElement.style.colorScheme = scheme;
  host.ownerDocument.documentElement.style.setProperty('--bg', theme?.vars['--bg'] ?? '');
}

/** Follows HA's theme (and the system's scheme) for the app's lifetime; returns the function that stops it. */
export function followTheme(host: HTMLElement, win: Window = window): () => void {
  const media = win.matchMedia('(prefers-color-scheme: dark)');
  const parent = parentDocument(win);
  const apply = () => {
    const doc = parentDocument(win);
    applyTheme(host, doc ? themeFromHost(varReader(doc)) : undefined, media.matches ? 'dark' : 'light');
  };
  apply();
  media.addEventListener('change', apply);
  // HA applies a theme or dark mode by rewriting its root element's style (and, for some themes, a <style>).
  const observer = parent?.defaultView ? new parent.defaultView.MutationObserver(apply) : undefined;
  if (parent) {
    observer?.observe(parent.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
    observer?.observe(parent.head, { childList: true, subtree: true, characterData: true });
  }
  return () => {
    media.removeEventListener('change', apply);
    observer?.disconnect();
  };
}
