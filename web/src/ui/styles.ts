// Shared styles: colour tokens for light and dark (Home Assistant's theme or the system), surfaces, buttons, badges, bars, tables.
import { css } from 'lit';

const light = css`
  --bg: #f4f6f9;
  --fg: #18202b;
  --muted: #5b6677;
  --surface: #ffffff;
  --surface-2: #eef1f6;
  --line: #dde2ea;
  /* Light values meet WCAG AA (4.5:1) as text on --bg, --surface and their tinted badges. */
  --accent: #2560c6;
  --accent-fg: #ffffff;
  --ok: #17703d;
  --ok-bg: #e3f5ea;
  --info: #2563c9;
  --info-bg: #e4edfc;
  --warn: #9a5b00;
  --warn-bg: #fff1d6;
  --bad: #c42b2b;
  --bad-bg: #fde5e5;
  --bad-fg: #ffffff;
  --muted-bg: #eceff3;
  --shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%);
  color-scheme: light;
`;

const dark = css`
  --bg: #0f141b;
  --fg: #e6ebf2;
  --muted: #9aa6b7;
  --surface: #18202b;
  --surface-2: #1f2935;
  --line: #2a3442;
  --accent: #6aa2ff;
  --accent-fg: #0b1220;
  --ok: #57d28d;
  --ok-bg: #16352a;
  --info: #8cb8ff;
  --info-bg: #1c2c47;
  --warn: #ffc266;
  --warn-bg: #3a2c12;
  --bad: #ff8a8a;
  --bad-bg: #431d21;
  --bad-fg: #1a0a0a;
  --muted-bg: #253040;
  --shadow: none;
  color-scheme: dark;
`;

/** Colour tokens: data-theme (set from Home Assistant's theme, see theme.ts) wins; without it the system decides.
 * Variables HA provides are set inline on the host and override these. */
export const tokens = css`
  :host {
    ${light}
    --radius: 12px;
    font-family: var(--font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  :host([data-theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-theme='light'])) {
      ${dark}
    }
  }
`;

export const shared = css`
  :host {
    display: block;
    color: var(--fg);
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h1 {
    font-size: 1.35rem;
  }
  h2 {
    font-size: 1.05rem;
  }
  h3 {
    font-size: 0.95rem;
  }
  p {
    margin: 0.3rem 0;
  }
  a {
    color: var(--accent);
  }
  .muted {
    color: var(--muted);
  }
  .small {
    font-size: 0.85rem;
  }
  .card {
    background: var(--surface);
    border: 1px solid var(--line);
    border-radius: var(--radius);
    box-shadow: var(--shadow);
    padding: 1rem;
    min-width: 0;
  }
  .stack > * + * {
    margin-top: 0.75rem;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  .spread {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  .grid {
    display: grid;
    gap: 0.9rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
  }
  .page-head {
    display: flex;
    align-items: flex-end;
    justify-content: space-between;
    gap: 0.75rem;
    flex-wrap: wrap;
    margin-bottom: 1rem;
  }
  .page-head p {
    color: var(--muted);
    margin: 0.2rem 0 0;
  }
  button,
  .btn {
    font: inherit;
    font-size: 0.9rem;
    font-weight: 600;
    border-radius: 8px;
    border: 1px solid var(--line);
    background: var(--surface);
    color: var(--fg);
    padding: 0.45rem 0.85rem;
    cursor: pointer;
    min-height: 36px;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  button:hover:not(:disabled) {
    background: var(--surface-2);
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
  }
  button.primary:hover:not(:disabled) {
    filter: brightness(1.08);
    background: var(--accent);
  }
  button.danger {
    color: var(--bad);
    border-color: color-mix(in srgb, var(--bad) 40%, var(--line));
  }
  button.ghost {
    border-color: transparent;
    background: transparent;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid color-mix(in srgb, var(--accent) 70%, transparent);
    outline-offset: 2px;
  }
  select,
  input {
    font: inherit;
    font-size: 0.9rem;
    color: var(--fg);
    background: var(--surface);
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 0.4rem 0.55rem;
    min-height: 36px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-size: 0.78rem;
    font-weight: 650;
    border-radius: 999px;
    padding: 0.12rem 0.55rem;
    white-space: nowrap;
    background: var(--muted-bg);
    color: var(--muted);
  }
  .tone-ok {
    background: var(--ok-bg);
    color: var(--ok);
  }
  .tone-info {
    background: var(--info-bg);
    color: var(--info);
  }
  .tone-warn {
    background: var(--warn-bg);
    color: var(--warn);
  }
  .tone-bad {
    background: var(--bad-bg);
    color: var(--bad);
  }
  .dot {
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: currentColor;
    display: inline-block;
    flex: none;
  }
  .bar {
    height: 8px;
    border-radius: 999px;
    background: var(--surface-2);
    overflow: hidden;
  }
  .bar > span {
    display: block;
    height: 100%;
    border-radius: 999px;
    background: var(--accent);
    transition: width 0.4s ease;
  }
  .bar.tone-warn > span {
    background: var(--warn);
  }
  .bar.tone-bad > span {
    background: var(--bad);
  }
  .bar.tone-ok > span {
    background: var(--ok);
  }
  .state {
    padding: 1.4rem 1rem;
    text-align: center;
    color: var(--muted);
  }
  .state.error {
    color: var(--fg);
    background: var(--bad-bg);
    border: 1px solid color-mix(in srgb, var(--bad) 30%, transparent);
    border-radius: var(--radius);
    text-align: left;
  }
  .state.error strong {
    color: var(--bad);
  }
  .skeleton {
    height: 4.5rem;
    border-radius: var(--radius);
    background: linear-gradient(90deg, var(--surface-2), var(--surface), var(--surface-2));
    background-size: 200% 100%;
    animation: shimmer 1.2s infinite linear;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    .bar > span {
      transition: none;
    }
  }
  .kv {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.8rem;
    font-size: 0.9rem;
  }
  .kv dt {
    color: var(--muted);
  }
  .kv dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  code {
    /* Long URLs and tokens wrap rather than push the page wider than a phone. */
    overflow-wrap: anywhere;
  }
  code,
  pre {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.82rem;
  }
  pre {
    background: var(--surface-2);
    border-radius: 8px;
    padding: 0.7rem;
    max-width: 100%;
    margin: 0.4rem 0 0;
    /* Wrapped, not scrolled: a scrolling box would need its own keyboard stop, and copying keeps the text as is. */
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  .filters {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    align-items: center;
  }
  .chip {
    font-size: 0.82rem;
    padding: 0.3rem 0.7rem;
    min-height: 32px;
    border-radius: 999px;
    font-weight: 600;
  }
  .chip[aria-pressed='true'] {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-fg);
  }
  .chip[aria-pressed='true'] .muted {
    color: inherit;
    opacity: 0.8;
  }
  @media (max-width: 600px) {
    /* One scrollable row of filters on a phone, so the list starts near the top. */
    .filters {
      flex-wrap: nowrap;
      overflow-x: auto;
      scrollbar-width: none;
      margin-right: -1rem;
      padding-right: 1rem;
    }
    .filters > * {
      flex: none;
    }
  }
  input[role='switch'] {
    appearance: none;
    position: relative;
    width: 2.6rem;
    height: 1.5rem;
    min-height: 0;
    padding: 0;
    border-radius: 999px;
    border: none;
    background: var(--line);
    cursor: pointer;
    flex: none;
    transition: background 0.2s;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    top: 0.2rem;
    left: 0.2rem;
    width: 1.1rem;
    height: 1.1rem;
    border-radius: 50%;
    background: #fff;
    box-shadow: 0 1px 2px rgb(0 0 0 / 30%);
    transition: transform 0.2s;
  }
  input[role='switch']:checked {
    background: var(--accent);
  }
  input[role='switch']:checked::before {
    transform: translateX(1.1rem);
  }
  input[role='switch']:disabled {
    opacity: 0.5;
  }
  .notice {
    border-radius: 8px;
    padding: 0.55rem 0.75rem;
    font-size: 0.9rem;
  }
`;
