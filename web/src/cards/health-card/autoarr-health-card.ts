// autoarr-health-card: each app's connection, the "needs attention" count, the audit score and the
// automatic-recovery switch, from the entities the add-on publishes over MQTT discovery.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { isProblem } from '../../../../autoarr/src/shared/domain.js';
import { isUnavailable, type ConfigForm, type HassEntity, type HomeAssistant } from '../shared/hass.js';
import { readDownloads } from '../downloads-card/downloads.js';
import { autoarrDevices, deviceEntities } from '../shared/registry.js';
import { t } from '../shared/strings.js';
import { cardStyles } from '../shared/styles.js';
import { healthConfigForm, parseHealthConfig, type HealthCardConfig } from './health-card-config.js';

interface AppRow {
  id: string;
  name: string;
  connected: boolean | undefined;
  detail?: string;
}

function friendly(e: HassEntity, suffix: string): string {
  const name = String(e.attributes.friendly_name ?? e.entity_id);
  return name.endsWith(` ${suffix}`) ? name.slice(0, -suffix.length - 1) : name;
}

export class AutoarrHealthCard extends LitElement {
  static override properties = { hass: { attribute: false }, config: { state: true } };
  declare hass: HomeAssistant | undefined;
  declare config: HealthCardConfig | undefined;

  static getConfigForm(): ConfigForm {
    return healthConfigForm();
  }

  static getStubConfig(): Record<string, unknown> {
    return { prefix: 'autoarr', show_recovery_switch: true };
  }

  setConfig(config: unknown): void {
    this.config = parseHealthConfig(config);
  }

  getCardSize(): number {
    return 2 + Math.ceil(this.apps().length / 2);
  }

  /** Header and tiles take two rows; each app line about half a row; the switch one more. */
  getGridOptions(): Record<string, number | string> {
    const rows = 2 + Math.ceil(this.apps().length / 2) + (this.config?.show_recovery_switch ? 1 : 0);
    return { columns: 6, min_columns: 6, rows, min_rows: 2 };
  }

  getLayoutOptions(): Record<string, number | string> {
    const o = this.getGridOptions();
    return { grid_columns: 2, grid_min_columns: 2, grid_rows: o.rows!, grid_min_rows: 2 };
  }

  private eid(domain: string, key: string): string {
    return `${domain}.${this.config!.prefix}_${key}`;
  }

  private apps(): AppRow[] {
    if (!this.hass || !this.config) return [];
    const fromRegistry = this.appsFromRegistry();
    if (fromRegistry.length) return fromRegistry;
    const re = new RegExp(`^binary_sensor\\.${this.config.prefix}_(.+)_connected$`);
    const rows: AppRow[] = [];
    for (const [entityId, e] of Object.entries(this.hass.states)) {
      const m = re.exec(entityId);
      if (!m || !e || m[1] === 'hub') continue;
      const id = m[1]!;
      const issues = this.hass.states[`sensor.${this.config.prefix}_${id}_health_issues`];
      const n = issues && !isUnavailable(issues) ? Number(issues.state) : 0;
      rows.push({
        id,
        name: friendly(e, 'Connected'),
        connected: isUnavailable(e) ? undefined : e.state === 'on',
        detail: n > 0 ? t(this.hass, 'health_issues', { n }) : undefined,
      });
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Each AutoArr app device in HA's device registry, with its connectivity sensor and its name as the person set it. */
  private appsFromRegistry(): AppRow[] {
    const h = this.hass!;
    const rows: AppRow[] = [];
    for (const d of autoarrDevices(h)) {
      if (d.hub) continue;
      const link = deviceEntities(h, d.id, 'binary_sensor').find((e) => e.attributes.device_class === 'connectivity');
      if (!link) continue;
      const issues = deviceEntities(h, d.id, 'sensor').find((e) => /_health_issues$/.test(e.entity_id));
      const n = issues && !isUnavailable(issues) ? Number(issues.state) : 0;
      rows.push({
        id: d.id,
        name: d.name || friendly(link, 'Connected'),
        connected: isUnavailable(link) ? undefined : link.state === 'on',
        detail: n > 0 ? t(h, 'health_issues', { n }) : undefined,
      });
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }

  private toggleRecovery(on: boolean): void {
    void this.hass?.callService('switch', on ? 'turn_on' : 'turn_off', {
      entity_id: this.eid('switch', 'hub_auto_recovery'),
    });
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.config || !this.hass) return nothing;
    const s = this.hass.states;
    const attention = s[this.eid('binary_sensor', 'hub_attention')];
    const stalled = s[this.eid('sensor', 'hub_stalled')];
    const audit = s[this.eid('sensor', 'hub_audit_score')];
    const recovery = s[this.eid('switch', 'hub_auto_recovery')];
    const apps = this.apps();
    if (!attention && !audit && !apps.length) {
      return html`<ha-card>
        <div class="title">${this.config.title ?? 'AutoArr'}</div>
        <p class="warning">${t(this.hass, 'no_entities', { prefix: this.config.prefix })}</p>
      </ha-card>`;
    }
    const needs = isUnavailable(attention) ? undefined : attention!.state === 'on';
    const stalledN = stalled && !isUnavailable(stalled) ? Number(stalled.state) : 0;
    const listed = readDownloads(s[this.eid('sensor', 'hub_downloads')]).items;
    const problems = listed.filter(isProblem).length;
    const score = audit && !isUnavailable(audit) ? Math.round(Number(audit.state)) : undefined;
    return html`<ha-card>
      <div class="head">
        <div class="title">${this.config.title ?? 'AutoArr'}</div>
        ${
          needs === undefined
            ? html`<span class="badge">${t(this.hass, 'offline_short')}</span>`
            : needs
              ? html`<span class="badge warn"
                  >${t(this.hass, 'needs_attention')}${stalledN ? ` · ${t(this.hass, 'stalled_n', { n: stalledN })}` : ''}</span
                >`
              : html`<span class="badge ok">${t(this.hass, 'all_good')}</span>`
        }
      </div>
      <div class="tiles">
        <div class="tile">
          <div class="sub">${t(this.hass, 'needs_attention')}</div>
          <div class="big ${problems ? 'warn' : ''}">${needs === undefined ? '–' : Math.max(problems, stalledN)}</div>
        </div>
        <div class="tile">
          <div class="sub">${t(this.hass, 'audit_score')}</div>
          <div class="big ${score === undefined ? '' : score >= 90 ? 'ok' : score >= 70 ? 'warn' : 'bad'}">
            ${score === undefined || Number.isNaN(score) ? '–' : `${score}%`}
          </div>
        </div>
      </div>
      <ul class="apps">
        ${apps.map(
          (a) =>
            html`<li>
              <span class="dot ${a.connected === undefined ? '' : a.connected ? 'ok' : 'bad'}"></span>
              <span class="name">${a.name}</span>
              <span class="sub"
                >${
                  a.connected === undefined
                    ? t(this.hass, 'unknown')
                    : a.connected
                      ? (a.detail ?? t(this.hass, 'connected'))
                      : t(this.hass, 'not_connected')
                }</span
              >
            </li>`,
        )}
      </ul>
      ${
        this.config.show_recovery_switch && recovery
          ? html`<label class="switch">
              <span>${t(this.hass, 'auto_recovery')}</span>
              <input
                type="checkbox"
                role="switch"
                .checked=${recovery.state === 'on'}
                ?disabled=${isUnavailable(recovery)}
                @change=${(e: Event) => this.toggleRecovery((e.target as HTMLInputElement).checked)}
              />
            </label>`
          : nothing
      }
    </ha-card>`;
  }

  static override styles = [
    cardStyles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px;
        margin-bottom: 10px;
      }
      .tile {
        background: rgba(var(--rgb-primary-text-color, 33, 33, 33), 0.05);
        border-radius: 10px;
        padding: 8px 10px;
      }
      .big {
        font-size: 1.5rem;
        font-weight: 600;
      }
      /* The number in the theme's text colour, the tone as a bar beside it (contrast on every theme). */
      .big {
        border-left: 4px solid transparent;
        padding-left: 6px;
      }
      .big.ok {
        border-color: var(--success-color, #43a047);
      }
      .big.warn {
        border-color: var(--warning-color, #ffa600);
      }
      .big.bad {
        border-color: var(--error-color, #db4437);
      }
      .tile .sub {
        color: var(--primary-text-color, #212121);
      }
      .apps {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 6px;
      }
      .apps li {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      .apps .name {
        flex: 1;
        font-size: 0.92rem;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--disabled-text-color, #bdbdbd);
        flex: none;
      }
      .dot.ok {
        background: var(--success-color, #43a047);
      }
      .dot.bad {
        background: var(--error-color, #db4437);
      }
      .switch {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-top: 12px;
        padding-top: 10px;
        border-top: 1px solid var(--divider-color, #e0e0e0);
        font-size: 0.92rem;
      }
      .switch input {
        appearance: none;
        position: relative;
        width: 36px;
        height: 20px;
        margin: 0;
        border-radius: 10px;
        background: var(--switch-unchecked-track-color, rgba(127, 127, 127, 0.45));
        cursor: pointer;
        flex: none;
      }
      .switch input::before {
        content: '';
        position: absolute;
        top: 2px;
        left: 2px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: var(--switch-unchecked-button-color, #fafafa);
        box-shadow: 0 1px 2px rgba(0, 0, 0, 0.3);
        transition: transform 0.2s;
      }
      .switch input:checked {
        background: var(--switch-checked-track-color, var(--primary-color, #03a9f4));
      }
      .switch input:checked::before {
        transform: translateX(16px);
        background: var(--switch-checked-button-color, #fff);
      }
      .switch input:focus-visible {
        outline: 2px solid var(--primary-color, #03a9f4);
        outline-offset: 2px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-health-card': AutoarrHealthCard;
  }
}
