// autoarr-downloads-card: active downloads with progress, speed, ETA and stalled/failed badges, from the hub's
// "Downloads" sensor; "Retry stalled" presses the hub's button entity, and a per-item "Replace…" asks first, then
// calls the AutoArr integration's autoarr.retry_download action (the integration serves this card, so it is there).
// Entity ids come from the config, else from HA's device registry, else the discovery defaults.
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isProblem, isProblemState } from '../../../../autoarr/src/shared/domain.js';
import { APP_LABEL, bytes, duration, speed, stateLabel } from '../../shared/format.js';
import { isUnavailable, type ConfigForm, type HomeAssistant } from '../shared/hass.js';
import { findDownloadsSensor, findRetryButton, findSpeedSensor } from '../shared/registry.js';
import { t } from '../shared/strings.js';
import { cardStyles } from '../shared/styles.js';
import { toBytesPerSecond } from '../shared/units.js';
import { DEFAULT_DOWNLOADS_ENTITY, DEFAULT_RETRY_ENTITY, DEFAULT_SPEED_ENTITY } from './const.js';
import { downloadsConfigForm, parseDownloadsConfig, type DownloadsCardConfig } from './downloads-card-config.js';
import { readDownloads, type CardDownload } from './downloads.js';

const TONE: Record<string, string> = { stalled: 'warn', recovering: 'warn', failed: 'bad', import_blocked: 'bad' };

export class AutoarrDownloadsCard extends LitElement {
  static override properties = {
    hass: { attribute: false },
    config: { state: true },
    pressing: { state: true },
    retrying: { state: true },
    confirming: { state: true },
  };
  declare hass: HomeAssistant | undefined;
  declare config: DownloadsCardConfig | undefined;
  declare pressing: boolean;
  /** The download id whose retry is being sent. */
  declare retrying: string | undefined;
  /** The download whose "Replace…" is waiting for a yes or no. */
  declare confirming: string | undefined;

  constructor() {
    super();
    this.pressing = false;
    this.retrying = undefined;
    this.confirming = undefined;
  }

  static getConfigForm(): ConfigForm {
    return downloadsConfigForm();
  }

  static getStubConfig(hass?: HomeAssistant): Record<string, unknown> {
    return { entity: (hass && findDownloadsSensor(hass)) ?? DEFAULT_DOWNLOADS_ENTITY, max_items: 5 };
  }

  setConfig(config: unknown): void {
    this.config = parseDownloadsConfig(config);
  }

  /** The entity ids in use: the config's, else the device registry's, else the discovery defaults. */
  private ids(): { entity: string; retry: string; speed: string } {
    const c = this.config;
    const h = this.hass;
    return {
      entity: c?.entity ?? (h && findDownloadsSensor(h)) ?? DEFAULT_DOWNLOADS_ENTITY,
      retry: c?.retry_entity ?? (h && findRetryButton(h)) ?? DEFAULT_RETRY_ENTITY,
      speed: c?.speed_entity ?? (h && findSpeedSensor(h)) ?? DEFAULT_SPEED_ENTITY,
    };
  }

  /** Rows the card needs: the header, one per download shown (up to max_items) and the "+ n more" line. */
  private rowsNeeded(): number {
    const all = this.visible().length;
    const shown = Math.min(all, this.config?.max_items ?? 5);
    return 1 + Math.max(1, shown) + (all > shown ? 1 : 0);
  }

  getCardSize(): number {
    return this.rowsNeeded();
  }

  /** Sections view: a download line is about one grid row (56 px), so the height follows content and max_items. */
  getGridOptions(): Record<string, number | string> {
    const rows = this.rowsNeeded();
    return { columns: 12, min_columns: 6, rows, min_rows: Math.min(rows, 2) };
  }

  /** The same for HA releases before getGridOptions (2024.8–2024.10). */
  getLayoutOptions(): Record<string, number | string> {
    const rows = this.rowsNeeded();
    return { grid_columns: 4, grid_min_columns: 2, grid_rows: rows, grid_min_rows: Math.min(rows, 2) };
  }

  /** Re-render only when an entity this card shows changed (hass is set on every state change in HA). */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!changed.has('hass') || changed.size > 1) return true;
    const old = changed.get('hass') as HomeAssistant | undefined;
    if (!old || !this.hass || !this.config) return true;
    const { entity, retry, speed } = this.ids();
    return (
      old.language !== this.hass.language ||
      old.entities !== this.hass.entities ||
      [entity, retry, speed].some((id) => old.states[id] !== this.hass!.states[id])
    );
  }

  private visible(): CardDownload[] {
    if (!this.hass || !this.config) return [];
    const { items } = readDownloads(this.hass.states[this.ids().entity]);
    return this.config.show_queued ? items : items.filter((d) => d.state !== 'queued' && d.state !== 'paused');
  }

  private async retryStalled(): Promise<void> {
    if (!this.hass) return;
    this.pressing = true;
    try {
      await this.hass.callService('button', 'press', { entity_id: this.ids().retry });
    } finally {
      this.pressing = false;
    }
  }

  private async replaceOne(id: string): Promise<void> {
    if (!this.hass) return;
    this.confirming = undefined;
    this.retrying = id;
    try {
      await this.hass.callService('autoarr', 'retry_download', { download_id: id });
    } finally {
      this.retrying = undefined;
    }
    this.focusItem(id, 'button.replace');
  }

  private ask(id: string | undefined, focusAfter: string): void {
    const was = this.confirming;
    this.confirming = id;
    this.focusItem(id ?? was, focusAfter);
  }

  /** Keyboard focus follows the confirmation in and back out, never falling to <body>. */
  private focusItem(id: string | undefined, selector: string): void {
    if (!id) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"] ${selector}`)?.focus(),
    );
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.config || !this.hass) return nothing;
    const c = this.config;
    const h = this.hass;
    const ids = this.ids();
    const entity = h.states[ids.entity];
    const title = c.title ?? t(h, 'downloads');
    if (!entity) {
      return html`<ha-card
        ><div class="title">${title}</div>
        <p class="warning">${t(h, 'not_found', { id: ids.entity })}</p></ha-card
      >`;
    }
    const all = this.visible();
    const shown = all.slice(0, c.max_items);
    const { total } = readDownloads(entity);
    // Per-item retry needs the integration's action (a card loaded by hand as a resource may lack it).
    const canRetry = !isUnavailable(entity) && !!this.hass.services?.autoarr?.retry_download;
    const problems = all.filter(isProblem).length;
    const speedEntity = h.states[ids.speed];
    // The state is in the unit HA shows (the person may have picked MB/s or Mbit/s): convert back to bytes.
    const totalSpeed = isUnavailable(speedEntity)
      ? undefined
      : toBytesPerSecond(speedEntity!.state, speedEntity!.attributes.unit_of_measurement);
    const retry = h.states[ids.retry];
    return html`<ha-card>
      <div class="head">
        <div>
          <div class="title">${title}</div>
          <div class="sub">
            ${isUnavailable(entity) ? t(h, 'offline') : t(h, 'active', { n: total })}${totalSpeed ? ` · ${speed(totalSpeed)}` : ''}
          </div>
        </div>
        ${
          // A button entity reads "unknown" until its first press, so only "unavailable" hides it.
          problems && retry && retry.state !== 'unavailable'
            ? html`<button @click=${() => void this.retryStalled()} ?disabled=${this.pressing}>
                ${t(h, 'retry_stalled', { n: problems })}
              </button>`
            : nothing
        }
      </div>
      ${
        shown.length
          ? html`<ul>
              ${shown.map((d) => this.renderItem(d, canRetry))}
            </ul>`
          : html`<div class="empty">${isUnavailable(entity) ? t(h, 'no_data') : t(h, 'nothing')}</div>`
      }
      ${all.length > shown.length ? html`<div class="sub more">${t(h, 'more', { n: all.length - shown.length })}</div>` : nothing}
    </ha-card>`;
  }

  private renderItem(d: CardDownload, canRetry: boolean): TemplateResult {
    const h = this.hass;
    const tone = TONE[d.state] ?? '';
    const nums = [
      `${Math.round(d.progress)}%`,
      d.left !== undefined && d.left > 0 ? t(h, 'left', { v: bytes(d.left) }) : '',
      d.speed && d.state === 'downloading' ? speed(d.speed) : '',
      d.eta && d.state === 'downloading' ? t(h, 'eta', { v: duration(d.eta) }) : '',
    ].filter(Boolean);
    const asking = this.confirming === d.id;
    return html`<li data-state=${d.state} data-id=${d.id}>
      <div class="line">
        <span class="name" title=${d.title}>${d.name}</span>
        <span class="badge ${tone}">${stateLabel(d.state)}${d.strikes ? ` · ${d.strikes}✕` : ''}</span>
      </div>
      <div
        class="bar ${tone}"
        role="progressbar"
        aria-label=${d.name}
        aria-valuenow=${Math.round(d.progress)}
        aria-valuemin="0"
        aria-valuemax="100"
      >
        <span style="width:${Math.max(0, Math.min(100, d.progress))}%"></span>
      </div>
      <div class="foot">
        <span class="sub">${nums.join(' · ')}</span>
        ${
          canRetry && isProblemState(d.state) && !asking
            ? html`<button
                class="replace"
                aria-label=${`${t(h, 'replace')} ${d.name}`}
                ?disabled=${this.retrying === d.id}
                @click=${() => this.ask(d.id, 'button.cancel')}
              >
                ${t(h, 'replace')}
              </button>`
            : nothing
        }
      </div>
      ${asking ? this.renderConfirm(d) : nothing}
    </li>`;
  }

  /** "Replace" deletes what was downloaded and blocklists the release: the card asks first and says so. */
  private renderConfirm(d: CardDownload): TemplateResult {
    const h = this.hass;
    const app = APP_LABEL[d.app] ?? d.app;
    return html`<div class="confirm" role="group" aria-label=${t(h, 'replace_title', { name: d.name })}>
      <strong>${t(h, 'replace_title', { name: d.name })}</strong>
      <p>
        ${t(h, 'replace_body', {
          app,
          done: d.progress > 0 ? t(h, 'replace_done', { p: Math.round(d.progress) }) : '',
        })}
      </p>
      <div class="actions">
        <button class="cancel" @click=${() => this.ask(undefined, 'button.replace')}>${t(h, 'cancel')}</button>
        <button class="danger" @click=${() => void this.replaceOne(d.id)}>${t(h, 'replace_confirm')}</button>
      </div>
    </div>`;
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
      .replace {
        padding: 2px 10px;
        font-size: 0.78rem;
      }
      .confirm {
        margin-top: 6px;
        padding: 8px 10px;
        border-radius: 8px;
        border: 1px solid var(--error-color, #db4437);
        font-size: 0.85rem;
      }
      .confirm p {
        margin: 4px 0 8px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
      /* Text in the theme's own text colour: HA's red and blue do not reach 4.5:1 as small text on a card. */
      button.danger {
        color: var(--primary-text-color, #212121);
        border: 2px solid var(--error-color, #db4437);
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
