// Settings: runtime switches (automatic recovery, dry run) and thresholds, saved in AutoArr's database; the option
// values from the add-on configuration (or environment) shown as such, read-only.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { MonitorThresholds, SettingsResponse } from '../../../../autoarr/src/shared/types.js';
import { live } from '../../shared/live.js';
import { getSettings, putSettings } from '../data.js';
import { toast } from '../feedback.js';
import { view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';

const THRESHOLDS: Array<{ key: keyof MonitorThresholds; label: string; unit: string; help: string }> = [
  {
    key: 'stallMinutes',
    label: 'Stalled after',
    unit: 'min',
    help: 'No progress for this long while downloading counts as a strike.',
  },
  {
    key: 'maxStrikes',
    label: 'Strikes before recovery',
    unit: '',
    help: 'How many strikes a download gets before AutoArr replaces it.',
  },
  { key: 'strikeWindowHours', label: 'Strike window', unit: 'h', help: 'Strikes older than this are forgotten.' },
  { key: 'minQueueAgeMinutes', label: 'Minimum age', unit: 'min', help: 'A new download is never judged before this.' },
  { key: 'maxRemovalsPerHour', label: 'Removals per hour', unit: '', help: 'A safety cap on automatic removals.' },
  {
    key: 'maxRecoveryAttempts',
    label: 'Recovery attempts',
    unit: '',
    help: 'Searches for a replacement before giving up.',
  },
];

export class SettingsPage extends LitElement {
  static override properties = { saving: { state: true }, problem: { state: true } };
  static override styles = [
    shared,
    css`
      section {
        margin-top: 1rem;
      }
      .switch {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--line);
      }
      .switch:last-child {
        border-bottom: none;
      }
      .fields {
        display: grid;
        gap: 0.9rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 230px), 1fr));
      }
      .field label {
        font-weight: 600;
        font-size: 0.9rem;
        display: block;
      }
      .field input {
        width: 7rem;
        margin: 0.3rem 0.4rem 0.2rem 0;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.88rem;
      }
      td,
      th {
        text-align: left;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--line);
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      th {
        color: var(--muted);
        font-weight: 600;
      }
    `,
  ];
  declare saving: boolean;
  declare problem: string;
  private readonly res = new Resource<SettingsResponse>(this, getSettings);
  private off?: () => void;

  constructor() {
    super();
    this.saving = false;
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name) => {
      if (name === 'settings.changed' && !this.saving) void this.res.reload();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  private async toggle(key: 'autoRecovery' | 'dryRun', value: boolean): Promise<void> {
    this.saving = true;
    try {
      this.res.set(await putSettings({ [key]: value }));
      const label = key === 'autoRecovery' ? 'Automatic recovery' : 'Dry run';
      toast(`${label} is ${value ? 'on' : 'off'}`, 'ok');
    } catch (err) {
      toast((err as Error).message, 'bad');
      void this.res.reload();
    } finally {
      this.saving = false;
    }
  }

  private async saveThresholds(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const thresholds: Partial<MonitorThresholds> = {};
    for (const t of THRESHOLDS) thresholds[t.key] = Number(data.get(t.key));
    this.saving = true;
    this.problem = '';
    try {
      this.res.set(await putSettings({ thresholds }));
      toast('Thresholds saved; the monitor uses them from its next check.', 'ok');
    } catch (err) {
      this.problem = (err as Error).message;
    } finally {
      this.saving = false;
    }
  }

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Settings</h1>
          <p>Changes here are saved in AutoArr and take effect at once.</p>
        </div>
      </div>
      ${view(this.res, 'Settings', (s) => this.renderSettings(s), 3)}
    `;
  }

  private renderSettings(s: SettingsResponse): TemplateResult {
    const where = s.mode === 'addon' ? 'the add-on configuration' : 'the environment';
    return html`
      <section class="card" aria-labelledby="sw-h">
        <h2 id="sw-h">Recovery</h2>
        <label class="switch">
          <span>
            <strong>Automatic recovery</strong>
            <span class="muted small" style="display:block">Replace stalled and failed downloads without asking.</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            name="autoRecovery"
            .checked=${s.runtime.autoRecovery}
            ?disabled=${this.saving}
            @change=${(e: Event) => void this.toggle('autoRecovery', (e.target as HTMLInputElement).checked)}
          />
        </label>
        <label class="switch">
          <span>
            <strong>Dry run</strong>
            <span class="muted small" style="display:block">Detect and explain, but change nothing in your apps.</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            name="dryRun"
            .checked=${s.runtime.dryRun}
            ?disabled=${this.saving}
            @change=${(e: Event) => void this.toggle('dryRun', (e.target as HTMLInputElement).checked)}
          />
        </label>
      </section>
      <section class="card" aria-labelledby="th-h">
        <h2 id="th-h" style="margin-bottom:.7rem">Thresholds</h2>
        <form @submit=${(e: Event) => void this.saveThresholds(e)}>
          <div class="fields">
            ${THRESHOLDS.map((t) => {
              const lim = s.thresholdLimits[t.key];
              return html`<div class="field">
                <label for=${t.key}>${t.label}</label>
                <input
                  id=${t.key}
                  name=${t.key}
                  type="number"
                  inputmode="numeric"
                  required
                  min=${lim.min}
                  max=${lim.max}
                  step="1"
                  .value=${String(s.thresholds[t.key])}
                />${t.unit}
                <div class="muted small">${t.help}</div>
              </div>`;
            })}
          </div>
          ${this.problem ? html`<p class="notice tone-bad" role="alert">${this.problem}</p>` : nothing}
          <div class="row" style="margin-top:.9rem">
            <button class="primary" type="submit" ?disabled=${this.saving}>Save thresholds</button>
          </div>
        </form>
      </section>
      <section class="card" aria-labelledby="opt-h">
        <h2 id="opt-h">Options from ${where}</h2>
        <p class="muted small">
          Read-only here. Change them in ${where} and restart AutoArr; a changed option replaces the value set on this
          page.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            ${s.options.map(
              (o) =>
                html`<tr>
                  <td><code>${o.key}</code></td>
                  <td>${Array.isArray(o.value) ? o.value.join(', ') || '–' : String(o.value)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
    `;
  }
}

customElements.define('autoarr-settings', SettingsPage);
