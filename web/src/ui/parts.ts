// Small template helpers: loading, empty and error states, badges, progress bars and a sparkline.
import { html, nothing, svg, type TemplateResult } from 'lit';
import { ApiRequestError } from '../shared/api.js';
import { stateLabel, stateTone, type Tone } from '../shared/format.js';
import type { Resource } from './resource.js';

export function skeleton(rows = 3): TemplateResult {
  return html`<div class="stack" aria-busy="true" aria-label="Loading">
    ${Array.from({ length: rows }, () => html`<div class="skeleton"></div>`)}
  </div>`;
}

/** Words for an error: what went wrong and what to do. */
export function errorText(err: Error, what: string): { title: string; hint: string } {
  if (err instanceof ApiRequestError) {
    if (err.missing)
      return {
        title: `Could not load ${what.toLowerCase()}.`,
        hint: 'That part of AutoArr is not running. Check the AutoArr log for a start-up error, then restart AutoArr.',
      };
    if (err.offline) return { title: err.message, hint: 'This page reloads its data on its own once AutoArr is back.' };
    if (err.status === 401)
      return { title: 'AutoArr needs the API token.', hint: 'Enter it when asked; the form says where to find it.' };
    if (err.status === 503)
      return { title: err.message, hint: 'Try again in a moment; if it persists, check the log.' };
    return { title: err.message, hint: '' };
  }
  return { title: `Could not load ${what.toLowerCase()}.`, hint: err.message };
}

export function errorState(err: Error, what: string, retry?: () => void): TemplateResult {
  const { title, hint } = errorText(err, what);
  return html`<div class="state error" role="alert">
    <strong>${title}</strong>
    ${hint ? html`<p>${hint}</p>` : nothing}
    ${retry ? html`<p><button @click=${retry}>Try again</button></p>` : nothing}
  </div>`;
}

export function emptyState(title: string, hint?: string): TemplateResult {
  return html`<div class="state"><strong>${title}</strong>${hint ? html`<p class="small">${hint}</p>` : nothing}</div>`;
}

/** Shows loading (first time), error (when there is no data to show), or the content. */
export function view<T>(
  r: Resource<T>,
  what: string,
  content: (data: T) => TemplateResult | typeof nothing,
  rows = 3,
): TemplateResult | typeof nothing {
  if (r.data === undefined) {
    if (r.error) return errorState(r.error, what, () => void r.reload());
    return skeleton(rows);
  }
  return html`${
    r.error
      ? html`<div class="notice tone-warn" role="status">
          ${
            r.error instanceof ApiRequestError && r.error.offline
              ? 'Last data received before AutoArr went away; it may be out of date.'
              : `Showing older data: ${errorText(r.error, what).title}`
          }
        </div>`
      : nothing
  }${content(r.data)}`;
}

export const badge = (text: string, tone: Tone = 'muted') => html`<span class="badge tone-${tone}">${text}</span>`;

export const stateBadge = (state: string) => badge(stateLabel(state), stateTone(state));

export function progressBar(pct: number, tone: Tone = 'info', label = 'Progress'): TemplateResult {
  const v = Math.max(0, Math.min(100, Number.isFinite(pct) ? pct : 0));
  return html`<div
    class="bar tone-${tone}"
    role="progressbar"
    aria-label=${label}
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${Math.round(v)}
  >
    <span style="width:${v}%"></span>
  </div>`;
}

export function sparkline(values: number[], width = 240, height = 48): TemplateResult {
  if (values.length < 2) return html`<div class="muted small">Collecting speed samples…</div>`;
  // Headroom above the peak, so a steady speed reads as a line, not a filled block.
  const max = Math.max(...values) * 1.15 || 1;
  const step = width / (values.length - 1);
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  const area = `0,${height} ${pts.join(' ')} ${width},${height}`;
  return html`<svg
    class="spark"
    viewBox="0 0 ${width} ${height}"
    preserveAspectRatio="none"
    role="img"
    aria-label="Download speed over the last 30 minutes"
  >
    ${svg`<polygon points=${area} fill="var(--accent)" opacity="0.15"></polygon>
    <polyline points=${pts.join(' ')} fill="none" stroke="var(--accent)" stroke-width="2" vector-effect="non-scaling-stroke"></polyline>`}
  </svg>`;
}
