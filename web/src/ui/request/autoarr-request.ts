// The request box: type "add Dune Part Two" → AutoArr's preview (what, where, root folder, profile, search now?) →
// Confirm or Cancel. Ambiguous titles come back as choices; "already there / downloading / on Plex" as such; a dry
// run is said before and after Confirm. Nothing changes in Sonarr/Radarr before Confirm.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { RequestOption } from '../../../../autoarr/src/request/types.js';
import { ApiRequestError } from '../../shared/api.js';
import { errorText } from '../parts.js';
import { shared } from '../styles.js';
import { confirmRequest, previewRequest, type RequestAnswer } from './api.js';
import { byLine, headline, notesList, optionBody, planDetails } from './answer-view.js';

const EXAMPLES = ['add Dune Part Two', 'add Severance season 2 in 4K', 'is Oppenheimer downloading?'];

export class AutoarrRequest extends LitElement {
  static override properties = {
    text: { state: true },
    busy: { state: true },
    answer: { state: true },
    error: { state: true },
  };

  declare text: string;
  declare busy: '' | 'preview' | 'confirm';
  declare answer: RequestAnswer | undefined;
  declare error: { title: string; hint: string } | undefined;
  /** The text the shown answer is for (a choice re-asks with it, even if the box was edited since). */
  private asked = '';

  constructor() {
    super();
    this.text = '';
    this.busy = '';
    this.answer = undefined;
    this.error = undefined;
  }

  private async run(kind: 'preview' | 'confirm', call: () => Promise<RequestAnswer>): Promise<void> {
    this.busy = kind;
    this.error = undefined;
    try {
      this.answer = await call();
    } catch (err) {
      // An expired preview is an answer in its own right (HTTP 410 with the usual body).
      if (err instanceof ApiRequestError && err.status === 410)
        this.answer = { outcome: 'expired', message: err.message, notes: [], interpretedBy: 'rules' };
      else {
        this.answer = undefined;
        this.error = errorText(err as Error, 'the request');
      }
    } finally {
      this.busy = '';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#answer-title')?.focus());
    }
  }

  private submit(e: Event): void {
    e.preventDefault();
    const text = this.text.trim();
    if (!text || this.busy) return;
    this.asked = text;
    void this.run('preview', () => previewRequest(text));
  }

  private choose(o: RequestOption): void {
    void this.run('preview', () => previewRequest(this.asked, { instanceId: o.instanceId, externalId: o.externalId }));
  }

  private confirm(): void {
    const id = this.answer?.previewId;
    if (id) void this.run('confirm', () => confirmRequest(id));
  }

  /** Cancel, or start over after an answer: nothing is sent; the preview simply expires. */
  private reset(clearText: boolean): void {
    this.answer = undefined;
    this.error = undefined;
    if (clearText) this.text = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#request-text')?.focus());
  }

  override render(): TemplateResult {
    return html`
      <form class="card box" @submit=${this.submit} role="search" aria-label="Request a show or movie">
        <label for="request-text">What would you like to watch?</label>
        <div class="ask">
          <input
            id="request-text"
            type="text"
            maxlength="500"
            autocomplete="off"
            enterkeyhint="send"
            placeholder="add Dune Part Two"
            aria-describedby="request-hint"
            .value=${this.text}
            @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
          />
          <button class="primary" type="submit" ?disabled=${!this.text.trim() || this.busy !== ''}>
            ${this.busy === 'preview' ? 'Looking it up…' : 'Look it up'}
          </button>
        </div>
        <p id="request-hint" class="small muted">
          For example: ${EXAMPLES.map((x, i) => html`${i ? ', ' : ''}“${x}”`)}. AutoArr shows what it would do and
          changes nothing until you confirm.
        </p>
      </form>
      <div aria-live="polite">${this.renderResult()}</div>
    `;
  }

  private renderResult(): TemplateResult | typeof nothing {
    if (this.error)
      return html`<section class="state error result" data-outcome="error">
        <h2 id="answer-title" tabindex="-1">${this.error.title}</h2>
        ${this.error.hint ? html`<p>${this.error.hint}</p>` : nothing}
        <div class="row"><button @click=${() => this.reset(false)}>Dismiss</button></div>
      </section>`;
    const a = this.answer;
    if (!a) return nothing;
    const head = headline(a);
    const canConfirm = Boolean(a.previewId) && a.outcome !== 'done';
    return html`<section class="card result tone-edge-${head.tone}" data-outcome=${a.outcome}>
      <div class="spread">
        <h2 id="answer-title" tabindex="-1">${head.title}</h2>
        ${a.dryRun ? html`<span class="badge tone-warn">Dry run</span>` : nothing}
      </div>
      <p class="message">${a.message}</p>
      ${a.plan && (a.outcome !== 'done' || a.dryRun) ? planDetails(a.plan) : nothing}
      ${
        a.options?.length
          ? html`<ul class="options" aria-label="Choices">
              ${a.options.map(
                (o) =>
                  html`<li>
                    <button class="option" ?disabled=${this.busy !== ''} @click=${() => this.choose(o)}>
                      ${optionBody(o)}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${notesList(a)} ${byLine(a)}
      <div class="row actions">
        ${
          canConfirm
            ? html`<button @click=${() => this.reset(false)} ?disabled=${this.busy !== ''}>Cancel</button>
                <button class="primary" @click=${() => this.confirm()} ?disabled=${this.busy !== ''}>
                  ${this.busy === 'confirm' ? 'Working…' : a.dryRun ? 'Confirm (dry run)' : 'Confirm'}
                </button>`
            : html`<button @click=${() => this.reset(a.outcome === 'done')}>
                ${a.outcome === 'question' ? 'Cancel' : 'New request'}
              </button>`
        }
      </div>
    </section>`;
  }

  static override styles = [
    shared,
    css`
      .box {
        display: grid;
        gap: 0.45rem;
      }
      label {
        font-weight: 650;
      }
      .ask {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .ask input {
        flex: 1 1 14rem;
        min-width: 0;
        min-height: 40px;
        font-size: 1rem;
      }
      .box p {
        margin: 0;
      }
      .result {
        margin-top: 1rem;
        border-left-width: 4px;
      }
      .tone-edge-info {
        border-left-color: var(--info);
      }
      .tone-edge-ok {
        border-left-color: var(--ok);
      }
      .tone-edge-warn {
        border-left-color: var(--warn);
      }
      .tone-edge-bad {
        border-left-color: var(--bad);
      }
      h2 {
        font-size: 1.05rem;
        margin: 0;
        outline: none;
      }
      .message {
        margin: 0.5rem 0 0.7rem;
      }
      .plan {
        background: var(--surface-2);
        border-radius: 8px;
        padding: 0.6rem 0.75rem;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0.6rem 0 0;
        display: grid;
        gap: 0.5rem;
      }
      button.option {
        width: 100%;
        display: grid;
        gap: 0.3rem;
        justify-items: start;
        text-align: left;
        padding: 0.6rem 0.75rem;
        font-weight: 500;
      }
      .opt-title {
        font-weight: 650;
      }
      .overview {
        color: var(--muted);
      }
      .actions {
        justify-content: flex-end;
        margin-top: 0.9rem;
      }
    `,
  ];
}

customElements.define('autoarr-request', AutoarrRequest);

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-request': AutoarrRequest;
  }
}
