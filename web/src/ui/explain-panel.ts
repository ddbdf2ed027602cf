// "Why is this stuck?" on a problem row of the Downloads page: asks GET /api/downloads/:id/explain and shows the
// answer under the row, saying who wrote it (AutoArr itself, or the LLM from AutoArr's facts) and, when the LLM
// could not, why. The state lives in the page, so a live update of the list keeps an open answer open.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Download, Explanation } from '../../../autoarr/src/shared/types.js';
import { ATTENTION } from '../shared/format.js';
import { ApiRequestError, OFFLINE_TEXT, api } from '../shared/api.js';

type Entry = { state: 'loading' } | { state: 'done'; e: Explanation } | { state: 'error'; message: string };

const panelId = (d: Download) => `why-${d.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export class Explanations {
  private readonly open = new Map<string, Entry>();

  constructor(private readonly update: () => void) {}

  /** Problem rows only: the states the "Needs attention" filter shows. */
  has(d: Download): boolean {
    return ATTENTION.has(d.state);
  }

  button(d: Download): TemplateResult | typeof nothing {
    if (!this.has(d)) return nothing;
    const shown = this.open.has(d.id);
    return html`<button
      data-act="why"
      aria-expanded=${shown ? 'true' : 'false'}
      aria-controls=${panelId(d)}
      @click=${() => void this.toggle(d)}
    >
      ${shown ? 'Hide explanation' : 'Why is this stuck?'}
    </button>`;
  }

  panel(d: Download): TemplateResult | typeof nothing {
    const entry = this.open.get(d.id);
    if (!entry || !this.has(d)) return nothing;
    const body =
      entry.state === 'loading'
        ? html`<p class="muted">Working it out…</p>`
        : entry.state === 'error'
          ? html`<p class="notice tone-bad">${entry.message}</p>`
          : html`${entry.e.text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
              <p class="muted small by">
                ${
                  entry.e.by === 'llm'
                    ? `Written by ${entry.e.writer ?? 'the LLM'} from what AutoArr knows; check it against the row above.`
                    : "AutoArr's own explanation."
                }
              </p>
              ${entry.e.note ? html`<p class="notice tone-warn">${entry.e.note}</p>` : nothing}`;
    return html`<section
      class="why-panel"
      id=${panelId(d)}
      aria-live="polite"
      aria-busy=${entry.state === 'loading' ? 'true' : 'false'}
      aria-label=${`Why ${d.media?.label || d.title} is stuck`}
    >
      ${body}
    </section>`;
  }

  private async toggle(d: Download): Promise<void> {
    if (this.open.has(d.id)) {
      this.open.delete(d.id);
      return this.update();
    }
    this.open.set(d.id, { state: 'loading' });
    this.update();
    let entry: Entry;
    try {
      entry = { state: 'done', e: await api<Explanation>(`downloads/${encodeURIComponent(d.id)}/explain`) };
    } catch (err) {
      entry = { state: 'error', message: failure(err) };
    }
    // Closed while it was being asked: leave it closed.
    if (!this.open.has(d.id)) return;
    this.open.set(d.id, entry);
    this.update();
  }
}

function failure(err: unknown): string {
  if (!(err instanceof ApiRequestError)) return 'AutoArr could not explain it. The AutoArr log has the details.';
  if (err.offline) return `${OFFLINE_TEXT}.`;
  if (err.status === 404 && err.code === 'not_found')
    return 'This download is no longer being watched; the list updates in a moment.';
  return err.message;
}

export const explainStyles = css`
  .why-panel {
    border-left: 3px solid var(--info, currentColor);
    padding: 0.2rem 0 0.2rem 0.8rem;
    display: grid;
    gap: 0.4rem;
    font-size: 0.9rem;
  }
  .why-panel p {
    margin: 0;
    max-width: 70ch;
  }
`;
