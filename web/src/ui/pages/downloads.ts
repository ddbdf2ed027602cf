// Downloads: the unified view (SABnzbd + Sonarr/Radarr) with live progress, filters by state and app, and actions.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Download } from '../../../../autoarr/src/shared/types.js';
import { APP_LABEL, ATTENTION } from '../../shared/format.js';
import { live } from '../../shared/live.js';
import { getDownloads } from '../data.js';
import { downloadItem, downloadItemStyles, type ItemActions } from '../download-item.js';
import { Explanations, downloadExplain, explainStyles } from '../explain-panel.js';
import { emptyState, view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';

const FILTERS: Array<{ id: string; label: string; test: (d: Download) => boolean }> = [
  { id: 'all', label: 'All', test: () => true },
  { id: 'attention', label: 'Needs attention', test: (d) => ATTENTION.has(d.state) },
  { id: 'active', label: 'Downloading', test: (d) => d.state === 'downloading' || d.state === 'post_processing' },
  { id: 'queued', label: 'Queued', test: (d) => d.state === 'queued' || d.state === 'paused' },
  { id: 'import', label: 'Importing', test: (d) => d.state === 'import_pending' || d.state === 'import_blocked' },
  { id: 'failed', label: 'Failed', test: (d) => d.state === 'failed' },
  { id: 'completed', label: 'Completed', test: (d) => d.state === 'completed' },
  { id: 'removed', label: 'Removed or replaced', test: (d) => d.state === 'removed' || d.state === 'replaced' },
];

const ORDER: Record<string, number> = {
  stalled: 0,
  failed: 1,
  import_blocked: 2,
  recovering: 3,
  downloading: 4,
  post_processing: 5,
  import_pending: 6,
  queued: 7,
  paused: 8,
  completed: 9,
  replaced: 10,
  removed: 11,
};

export class DownloadsPage extends LitElement {
  static override properties = { filter: { state: true }, app: { state: true } };
  static override styles = [shared, downloadItemStyles, explainStyles];
  declare filter: string;
  declare app: string;
  private readonly res = new Resource<Download[]>(this, getDownloads);
  private readonly busy = new Set<string>();
  private readonly explain = new Explanations(downloadExplain, () => this.requestUpdate());
  private readonly expanded = new Set<string>();
  private off?: () => void;

  constructor() {
    super();
    this.filter = 'all';
    this.app = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name, data) => {
      if (name === 'downloads.updated') {
        const list = (data as { downloads?: Download[] }).downloads;
        if (Array.isArray(list)) this.res.set(list);
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  private get actions(): ItemActions {
    return {
      busy: this.busy,
      expanded: this.expanded,
      onDone: () => this.res.reload(),
      requestUpdate: () => this.requestUpdate(),
      explain: this.explain,
    };
  }

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Downloads</h1>
          <p>Every download in SABnzbd, Sonarr and Radarr in one list, with what AutoArr thinks of it.</p>
        </div>
      </div>
      ${view(this.res, 'Downloads', (list) => this.renderList(list), 4)}
    `;
  }

  private renderList(all: Download[]): TemplateResult {
    const apps = [...new Set(all.map((d) => d.app))];
    const f = FILTERS.find((x) => x.id === this.filter) ?? FILTERS[0]!;
    const shown = all
      .filter((d) => f.test(d) && (!this.app || d.app === this.app))
      .sort((a, b) => (ORDER[a.state] ?? 20) - (ORDER[b.state] ?? 20) || a.title.localeCompare(b.title));
    return html`
      <div class="filters" role="group" aria-label="Filter by state">
        ${FILTERS.map((x) => {
          const n = all.filter((d) => x.test(d) && (!this.app || d.app === this.app)).length;
          return html`<button class="chip" aria-pressed=${x.id === f.id} @click=${() => (this.filter = x.id)}>
            ${x.label} <span class="muted">${n}</span>
          </button>`;
        })}
        ${
          apps.length > 1
            ? html`<label class="sr-only" for="app">App</label>
                <select id="app" @change=${(e: Event) => (this.app = (e.target as HTMLSelectElement).value)}>
                  <option value="">All apps</option>
                  ${apps.map((a) => html`<option value=${a} ?selected=${a === this.app}>${APP_LABEL[a] ?? a}</option>`)}
                </select>`
            : nothing
        }
      </div>
      <div style="margin-top:.9rem">
        ${
          shown.length
            ? html`<ul class="dls">
                ${repeat(
                  shown,
                  (d) => d.id,
                  (d) => downloadItem(d, this.actions),
                )}
              </ul>`
            : all.length
              ? emptyState('Nothing matches this filter.', 'Choose "All" to see every download.')
              : emptyState(
                  'No downloads right now.',
                  'When SABnzbd, Sonarr or Radarr download something, it shows up here within seconds.',
                )
        }
      </div>
    `;
  }
}

customElements.define('autoarr-downloads', DownloadsPage);
