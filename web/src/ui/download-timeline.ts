// One download's history, opened from its row: what AutoArr detected, the strikes, what it did (or would have done)
// and how it ended, grouped and in order, with the evidence in words. Refreshed while open as activity arrives.
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ActivityEntry } from '../../../autoarr/src/shared/types.js';
import { evidenceLines } from '../shared/evidence.js';
import { clock } from '../shared/format.js';
import { live } from '../shared/live.js';
import { getTimeline } from './data.js';
import { badge, view } from './parts.js';
import { Resource, debounce } from './resource.js';
import { shared } from './styles.js';

type Group = 'detected' | 'strikes' | 'actions' | 'outcome';
const GROUPS: Array<{ id: Group; label: string }> = [
  { id: 'detected', label: 'Detected' },
  { id: 'strikes', label: 'Strikes' },
  { id: 'actions', label: 'Actions' },
  { id: 'outcome', label: 'Outcome' },
];
const OUTCOMES = new Set(['recovered', 'gave_up', 'completed', 'left_queue']);

export function groupOf(e: Pick<ActivityEntry, 'kind' | 'action'>): Group {
  if (e.action.includes('strike')) return 'strikes';
  if (OUTCOMES.has(e.action)) return 'outcome';
  // An action's result ("Done: …"), "not acting because …" and dry-run notes sit with the actions they are about.
  if (e.kind === 'action' || e.kind === 'result' || e.action === 'skipped' || e.action === 'dry_run') return 'actions';
  return 'detected';
}

export class DownloadTimeline extends LitElement {
  static override properties = { downloadId: { attribute: false } };
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      h4 {
        margin: 0.6rem 0 0.3rem;
        font-size: 0.9rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0 0 0 0.8rem;
        border-left: 2px solid var(--line);
        display: grid;
        gap: 0.5rem;
      }
      .msg {
        margin: 0.1rem 0;
      }
      dl {
        margin: 0.2rem 0 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.1rem 0.6rem;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare downloadId: string;
  private readonly res = new Resource<ActivityEntry[]>(this, () => getTimeline(this.downloadId));
  private off?: () => void;
  private readonly refresh = debounce(() => void this.res.reload());

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

  protected override updated(changed: PropertyValues<this>): void {
    // The row this element belongs to can be reused for another download: load that one's history.
    if (changed.has('downloadId') && changed.get('downloadId') !== undefined) void this.res.reload();
  }

  override render(): TemplateResult {
    return html`${view(this.res, 'History', (entries) => this.renderGroups(entries), 2)}`;
  }

  private renderGroups(entries: ActivityEntry[]): TemplateResult {
    if (!entries.length) return html`<p class="muted small">Nothing recorded for this download yet.</p>`;
    return html`${GROUPS.map(({ id, label }) => {
      const list = entries.filter((e) => groupOf(e) === id);
      if (!list.length) return nothing;
      return html`<section data-group=${id} aria-label=${label}>
        <h4>${label}</h4>
        <ol>
          ${list.map((e) => this.entry(e))}
        </ol>
      </section>`;
    })}`;
  }

  private entry(e: ActivityEntry): TemplateResult {
    const lines = evidenceLines(e.evidence);
    return html`<li class="small" data-action=${e.action}>
      <div class="row">
        <span class="muted">${clock(e.time)}</span> ${e.dryRun ? badge('dry run', 'warn') : nothing}
      </div>
      <p class="msg">${e.message}</p>
      ${
        lines.length
          ? html`<dl>
              ${lines.map(
                (l) =>
                  html`<dt>${l.label}</dt>
                    <dd>${l.value}</dd>`,
              )}
            </dl>`
          : nothing
      }
    </li>`;
  }
}

customElements.define('autoarr-download-timeline', DownloadTimeline);
