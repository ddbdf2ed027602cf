// autoarr-downloads-card: active downloads with progress, speed, ETA and stalled/failed badges, from the hub's
// "Downloads" sensor; "Retry stalled" presses the hub's button entity, and a per-item "Retry" calls the AutoArr
// integration's autoarr.retry_download action (the integration serves this card, so it is there with it).
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { bytes, duration, speed, stateLabel } from '../../shared/format.js';
import { isUnavailable, type ConfigForm, type HomeAssistant } from '../shared/hass.js';
import { cardStyles } from '../shared/styles.js';
import { DEFAULT_DOWNLOADS_ENTITY } from './const.js';
import { downloadsConfigForm, parseDownloadsConfig, type DownloadsCardConfig } from './downloads-card-config.js';
import { readDownloads, type CardDownload } from './downloads.js';

const PROBLEM = new Set(['stalled', 'failed', 'import_blocked']);
const TONE: Record<string, string> = { stalled: 'warn', recovering: 'warn', failed: 'bad', import_blocked: 'bad' };

export class AutoarrDownloadsCard extends LitElement {
  static override properties = {
    hass: { attribute: false },
    config: { state: true },
    pressing: { state: true },
    retrying: { state: true },
  };
  declare hass: HomeAssistant | undefined;
  declare config: DownloadsCardConfig | undefined;
  declare pressing: boolean;
  /** The download id whose retry is being sent. */
  declare retrying: string | undefined;

  constructor() {
    super();
    this.pressing = false;
    this.retrying = undefined;
  }

  static getConfigForm(): ConfigForm {
    return downloadsConfigForm();
  }

  static getStubConfig(hass?: HomeAssistant): Record<string, unknown> {
    const found = hass && Object.keys(hass.states).find((id) => /^sensor\.autoarr.*_downloads$/.test(id));
    return { entity: found ?? DEFAULT_DOWNLOADS_ENTITY, max_items: 5 };
  }

  setConfig(config: unknown): void {
    this.config = parseDownloadsConfig(config);
  }

  getCardSize(): number {
    return 1 + Math.min(this.visible().length || 1, this.config?.max_items ?? 5);
  }

  getGridOptions(): Record<string, number | string> {
    return { columns: 12, min_columns: 6, rows: 1 + 2 * Math.min(this.visible().length || 1, 5), min_rows: 2 };
  }

  /** Re-render only when an entity this card shows changed (hass is set on every state change in HA). */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!changed.has('hass') || changed.size > 1) return true;
    const old = changed.get('hass') as HomeAssistant | undefined;
    if (!old || !this.hass || !this.config) return true;
    const c = this.config;
    return [c.entity, c.retry_entity, c.speed_entity].some((id) => id && old.states[id] !== this.hass!.states[id]);
  }

  private visible(): CardDownload[] {
    if (!this.hass || !this.config) return [];
    const { items } = readDownloads(this.hass.states[this.config.entity]);
    return this.config.show_queued ? items : items.filter((d) => d.state !== 'queued' && d.state !== 'paused');
  }

  private async retryStalled(): Promise<void> {
    if (!this.hass || !this.config?.retry_entity) return;
    this.pressing = true;
    try {
      await this.hass.callService('button', 'press', { entity_id: this.config.retry_entity });
    } finally {
      this.pressing = false;
    }
  }

  private async retryOne(id: string): Promise<void> {
    if (!this.hass) return;
    this.retrying = id;
    try {
      await this.hass.callService('autoarr', 'retry_download', { download_id: id });
    } finally {
      this.retrying = undefined;
    }
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.config || !this.hass) return nothing;
    const c = this.config;
    const entity = this.hass.states[c.entity];
    const title = c.title ?? 'Downloads';
    if (!entity) {
      return html`<ha-card
        ><div class="title">${title}</div>
        <p class="warning">
          ${c.entity} was not found. Check that the AutoArr add-on is running and connected to MQTT, or pick the AutoArr
          "Downloads" sensor in the card editor.
        </p></ha-card
      >`;
    }
    const all = this.visible();
    const shown = all.slice(0, c.max_items);
    const { total } = readDownloads(entity);
    // Per-item retry needs the integration's action (a card loaded by hand as a resource may lack it).
    const canRetry = !isUnavailable(entity) && !!this.hass.services?.autoarr?.retry_download;
    const problems = all.filter((d) => PROBLEM.has(d.state) && !d.ignored).length;
    const speedEntity = c.speed_entity ? this.hass.states[c.speed_entity] : undefined;
    const totalSpeed = isUnavailable(speedEntity) ? undefined : Number(speedEntity!.state);
    const retry = c.retry_entity ? this.hass.states[c.retry_entity] : undefined;
    return html`<ha-card>
      <div class="head">
        <div>
          <div class="title">${title}</div>
          <div class="sub">
            ${isUnavailable(entity) ? 'AutoArr is offline' : `${total} active`}${totalSpeed ? ` · ${speed(totalSpeed)}` : ''}
          </div>
        </div>
        ${
          // A button entity reads "unknown" until its first press, so only "unavailable" hides it.
          problems && retry && retry.state !== 'unavailable'
            ? html`<button @click=${() => void this.retryStalled()} ?disabled=${this.pressing}>
                Retry stalled (${problems})
              </button>`
            : nothing
        }
      </div>
      ${
        shown.length
          ? html`<ul>
              ${shown.map((d) => this.renderItem(d, canRetry))}
            </ul>`
          : html`<div class="empty">
              ${isUnavailable(entity) ? 'No data while AutoArr is offline.' : 'Nothing downloading.'}
            </div>`
      }
      ${all.length > shown.length ? html`<div class="sub more">+ ${all.length - shown.length} more</div>` : nothing}
    </ha-card>`;
  }

  private renderItem(d: CardDownload, canRetry: boolean): TemplateResult {
    const tone = TONE[d.state] ?? '';
    const nums = [
      `${Math.round(d.progress)}%`,
      d.left !== undefined && d.left > 0 ? `${bytes(d.left)} left` : '',
      d.speed ? speed(d.speed) : '',
      d.eta && d.state === 'downloading' ? `ETA ${duration(d.eta)}` : '',
    ].filter(Boolean);
    return html`<li data-state=${d.state}>
      <div class="line">
        <span class="name" title=${d.title}>${d.title}</span>
        <span class="badge ${tone}">${stateLabel(d.state)}${d.strikes ? ` · ${d.strikes}✕` : ''}</span>
      </div>
      <div
        class="bar ${tone}"
        role="progressbar"
        aria-label=${d.title}
        aria-valuenow=${Math.round(d.progress)}
        aria-valuemin="0"
        aria-valuemax="100"
      >
        <span style="width:${Math.max(0, Math.min(100, d.progress))}%"></span>
      </div>
      <div class="foot">
        <span class="sub">${nums.join(' · ')}</span>
        ${
          canRetry && PROBLEM.has(d.state)
            ? html`<button
                class="retry"
                aria-label=${`Retry ${d.title}`}
                ?disabled=${this.retrying === d.id}
                @click=${() => void this.retryOne(d.id)}
              >
                Retry
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  static override styles = [
    cardStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 10px;
      }
      .line {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        margin-bottom: 4px;
      }
      .name {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-size: 0.92rem;
        min-width: 0;
      }
      li .sub {
        font-size: 0.78rem;
      }
      .foot {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        margin-top: 3px;
      }
      .retry {
        padding: 2px 10px;
        font-size: 0.78rem;
      }
      .more {
        margin-top: 8px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-downloads-card': AutoarrDownloadsCard;
  }
}
