// Activity: the timeline of detections and actions, with reasons and evidence; filter by kind; load more.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { ActivityEntry, Paged } from '../../../../autoarr/src/shared/types.js';
import { evidenceLines } from '../../shared/evidence.js';
import { clock } from '../../shared/format.js';
import { live } from '../../shared/live.js';
import { getActivity } from '../data.js';
import { badge, emptyState, view } from '../parts.js';
import { Resource, debounce } from '../resource.js';
import { shared } from '../styles.js';
import type { Tone } from '../../shared/format.js';

const KINDS: Array<{ id: string; label: string }> = [
  { id: '', label: 'All' },
  { id: 'detect', label: 'Detections' },
  { id: 'action', label: 'Actions' },
  { id: 'result', label: 'Results' },
  { id: 'audit', label: 'Audit' },
  { id: 'system', label: 'System' },
];
const KIND_TONE: Record<string, Tone> = {
  detect: 'warn',
  action: 'info',
  result: 'ok',
  audit: 'muted',
  system: 'muted',
};
const PAGE = 50;

export class ActivityPage extends LitElement {
  static override properties = { kind: { state: true }, pages: { state: true } };
  static override styles = [
    shared,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        border-left: 2px solid var(--line);
        margin-left: 0.4rem;
      }
      li {
        position: relative;
        padding: 0 0 1rem 1.1rem;
      }
      li::before {
        content: '';
        position: absolute;
        left: -0.42rem;
        top: 0.35rem;
        width: 0.7rem;
        height: 0.7rem;
        border-radius: 50%;
        background: var(--surface);
        border: 2px solid var(--accent);
      }
      li[data-kind='detect']::before {
        border-color: var(--warn);
      }
      li[data-kind='result']::before {
        border-color: var(--ok);
      }
      .msg {
        margin: 0.2rem 0;
      }
      dl.evidence {
        margin: 0.3rem 0 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.1rem 0.6rem;
      }
      dl.evidence dt {
        color: var(--muted);
      }
      dl.evidence dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      details summary {
        cursor: pointer;
        color: var(--accent);
        font-size: 0.85rem;
      }
    `,
  ];
  declare kind: string;
  declare pages: number;
  private readonly res = new Resource<Paged<ActivityEntry>>(this, () => getActivity(1, PAGE * this.pages, this.kind));
  private off?: () => void;
  private readonly refresh = debounce(() => void this.res.reload());

  constructor() {
    super();
    this.kind = '';
    this.pages = 1;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name) => {
      if (name === 'activity.added') this.refresh();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  private setKind(k: string): void {
    this.kind = k;
    this.pages = 1;
    void this.res.reload();
  }

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Activity</h1>
          <p>What AutoArr noticed, what it did and why — newest first.</p>
        </div>
      </div>
      <div class="filters" role="group" aria-label="Filter by kind" style="margin-bottom:1rem">
        ${KINDS.map(
          (k) =>
            html`<button class="chip" aria-pressed=${k.id === this.kind} @click=${() => this.setKind(k.id)}>
              ${k.label}
            </button>`,
        )}
      </div>
      ${view(this.res, 'Activity', (p) => this.renderList(p), 5)}
    `;
  }

  /** The evidence in words (label: value), folded away: the message says what happened. */
  private evidence(e: ActivityEntry): TemplateResult | typeof nothing {
    const lines = evidenceLines(e.evidence);
    if (!lines.length) return nothing;
    return html`<details>
      <summary>Evidence</summary>
      <dl class="evidence small">
        ${lines.map(
          (l) =>
            html`<dt>${l.label}</dt>
              <dd>${l.value}</dd>`,
        )}
      </dl>
    </details>`;
  }

  private renderList(p: Paged<ActivityEntry>): TemplateResult {
    if (!p.items.length)
      return emptyState(
        this.kind ? 'Nothing of this kind yet.' : 'No activity yet.',
        'AutoArr writes every detection and action here, before and after it acts.',
      );
    return html`<div class="card">
      <ol>
        ${p.items.map(
          (e) =>
            html`<li data-kind=${e.kind}>
              <div class="row small">
                <span class="muted">${clock(e.time)}</span> ${badge(e.kind, KIND_TONE[e.kind] ?? 'muted')}
                ${e.dryRun ? badge('dry run', 'warn') : nothing}
                ${e.title ? html`<strong>${e.title}</strong>` : nothing}
              </div>
              <p class="msg">${e.message}</p>
              ${this.evidence(e)}
            </li>`,
        )}
      </ol>
      ${
        p.total > p.items.length
          ? html`<button
              @click=${() => {
                this.pages++;
                void this.res.reload();
              }}
            >
              Show older (${p.total - p.items.length} more)
            </button>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('autoarr-activity', ActivityPage);
