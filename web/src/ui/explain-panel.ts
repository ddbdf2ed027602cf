// "Why is this stuck?" on a problem row of the Downloads page and "Explain this finding" on the Audit page: asks
// AutoArr's explain endpoint and shows the answer under the item, saying who wrote it (AutoArr itself, or the LLM
// from AutoArr's facts) and, when the LLM could not, why. The state lives in the page, so a live update of the list
// keeps an open answer open.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { AuditFinding, Download, Explanation } from '../../../autoarr/src/shared/types.js';
import { ATTENTION } from '../shared/format.js';
import { ApiRequestError, OFFLINE_TEXT, api } from '../shared/api.js';

type Entry = { state: 'loading' } | { state: 'done'; e: Explanation } | { state: 'error'; message: string };

/** What differs between the things explained: where to ask, and the words around the answer. */
export interface ExplainKind<T> {
  id(t: T): string;
  /** Under /api/. */
  path(t: T): string;
  offered(t: T): boolean;
  ask: string;
  /** The panel's accessible name. */
  label(t: T): string;
  /** Where the person checks the LLM's words: "the row above". */
  checkAgainst: string;
  /** Said on a 404: the thing is gone. */
  gone: string;
}

export const downloadExplain: ExplainKind<Download> = {
  id: (d) => d.id,
  path: (d) => `downloads/${encodeURIComponent(d.id)}/explain`,
  // Problem rows only: the states the "Needs attention" filter shows.
  offered: (d) => ATTENTION.has(d.state),
  ask: 'Why is this stuck?',
  label: (d) => `Why ${d.media?.label || d.title} is stuck`,
  checkAgainst: 'the row above',
  gone: 'This download is no longer being watched; the list updates in a moment.',
};

export const findingExplain: ExplainKind<AuditFinding> = {
  id: (f) => f.id,
  path: (f) => `audit/findings/${encodeURIComponent(f.id)}/explain`,
  offered: () => true,
  ask: 'Explain this finding',
  label: (f) => `What "${f.title}" means`,
  checkAgainst: 'the finding above',
  gone: 'This finding is no longer in the latest audit; run the audit again to see the current findings.',
};

export class Explanations<T> {
  private readonly open = new Map<string, Entry>();

  constructor(
    private readonly kind: ExplainKind<T>,
    private readonly update: () => void,
  ) {}

  has(t: T): boolean {
    return this.kind.offered(t);
  }

  private panelId(t: T): string {
    return `why-${this.kind.id(t).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  button(t: T): TemplateResult | typeof nothing {
    if (!this.has(t)) return nothing;
    const shown = this.open.has(this.kind.id(t));
    return html`<button
      data-act="why"
      aria-expanded=${shown ? 'true' : 'false'}
      aria-controls=${this.panelId(t)}
      @click=${() => void this.toggle(t)}
    >
      ${shown ? 'Hide explanation' : this.kind.ask}
    </button>`;
  }

  panel(t: T): TemplateResult | typeof nothing {
    const entry = this.open.get(this.kind.id(t));
    if (!entry || !this.has(t)) return nothing;
    const body =
      entry.state === 'loading'
        ? html`<p class="muted">Working it out…</p>`
        : entry.state === 'error'
          ? html`<p class="notice tone-bad">${entry.message}</p>`
          : html`${entry.e.text.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
              <p class="muted small by">
                ${
                  entry.e.by === 'llm'
                    ? `Written by ${entry.e.writer ?? 'the LLM'} from what AutoArr knows; check it against ${this.kind.checkAgainst}.`
                    : "AutoArr's own explanation."
                }
              </p>
              ${entry.e.note ? html`<p class="notice tone-warn">${entry.e.note}</p>` : nothing}`;
    return html`<section
      class="why-panel"
      id=${this.panelId(t)}
      aria-live="polite"
      aria-busy=${entry.state === 'loading' ? 'true' : 'false'}
      aria-label=${this.kind.label(t)}
    >
      ${body}
    </section>`;
  }

  private async toggle(t: T): Promise<void> {
    const id = this.kind.id(t);
    if (this.open.has(id)) {
      this.open.delete(id);
      return this.update();
    }
    this.open.set(id, { state: 'loading' });
    this.update();
    let entry: Entry;
    try {
      entry = { state: 'done', e: await api<Explanation>(this.kind.path(t)) };
    } catch (err) {
      entry = { state: 'error', message: failure(err, this.kind.gone) };
    }
    // Closed while it was being asked: leave it closed.
    if (!this.open.has(id)) return;
    this.open.set(id, entry);
    this.update();
  }
}

function failure(err: unknown, gone: string): string {
  if (!(err instanceof ApiRequestError)) return 'AutoArr could not explain it. The AutoArr log has the details.';
  if (err.offline) return `${OFFLINE_TEXT}.`;
  if (err.status === 404 && err.code === 'not_found') return gone;
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
