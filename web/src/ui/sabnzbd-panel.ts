// SABnzbd at a glance on the Overview: running or paused (and why), speed and its limit, free disk space, its own
// warnings, and the controls: pause (for a while or until resumed), resume, speed limit. Every answer comes back
// with the status SABnzbd shows after the change, so the panel never guesses.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { SabnzbdControlResult, SabnzbdStatus } from '../../../autoarr/src/shared/types.js';
import { ago, bytes, speed } from '../shared/format.js';
import { limitSabnzbd, pauseSabnzbd, resumeSabnzbd } from './data.js';
import { toast } from './feedback.js';
import { badge } from './parts.js';
import { shared } from './styles.js';

const PAUSE_CHOICES: Array<{ minutes: number | undefined; label: string }> = [
  { minutes: undefined, label: 'until I resume it' },
  { minutes: 15, label: 'for 15 minutes' },
  { minutes: 30, label: 'for 30 minutes' },
  { minutes: 60, label: 'for 1 hour' },
  { minutes: 180, label: 'for 3 hours' },
  { minutes: 720, label: 'for 12 hours' },
];

function clockTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export class SabnzbdPanel extends LitElement {
  static override properties = { status: { attribute: false }, busy: { state: true } };
  declare status: SabnzbdStatus | undefined;
  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  private async run(call: () => Promise<SabnzbdControlResult>, focusAfter: string): Promise<void> {
    this.busy = true;
    try {
      const r = await call();
      toast(r.message, r.ok ? 'ok' : 'bad');
      if (r.status) this.dispatchEvent(new CustomEvent('sabnzbd-changed', { detail: r.status, bubbles: true }));
    } catch (err) {
      toast((err as Error).message, 'bad');
    } finally {
      this.busy = false;
      // Pause and Resume swap places: put focus on whichever control now stands there, never on <body>.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(focusAfter)?.focus();
    }
  }

  private pause(): void {
    const sel = this.renderRoot.querySelector<HTMLSelectElement>('#pause-for');
    const choice = PAUSE_CHOICES[Number(sel?.value ?? 0)] ?? PAUSE_CHOICES[0]!;
    const id = this.status!.instanceId;
    void this.run(() => pauseSabnzbd(id, choice.minutes), '[data-act=resume]');
  }

  private limit(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#limit');
    const v = Number(input?.value);
    if (!input || !Number.isInteger(v) || v < 1 || v > 100) {
      input?.setCustomValidity('A whole percent from 1 to 100');
      input?.reportValidity();
      return;
    }
    input.setCustomValidity('');
    const id = this.status!.instanceId;
    void this.run(() => limitSabnzbd(id, v), '#limit');
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.status;
    if (!s) return nothing;
    const head = html`<div class="spread">
      <h2 id="sab-${s.instanceId}">${s.name}</h2>
      ${
        !s.reachable
          ? badge('Not reachable', 'bad')
          : s.paused
            ? badge(s.pauseReason === 'low_disk' ? 'Paused: disk full' : 'Paused', 'warn')
            : badge(s.speedBps > 0 ? 'Downloading' : 'Idle', s.speedBps > 0 ? 'info' : 'muted')
      }
    </div>`;
    if (!s.reachable)
      return html`<section class="card" aria-labelledby="sab-${s.instanceId}">
        ${head}
        <p>${s.problem ?? `${s.name} could not be read.`}</p>
      </section>`;
    const limited = s.speedLimitPercent > 0 && s.speedLimitPercent < 100;
    return html`<section class="card" aria-labelledby="sab-${s.instanceId}" data-testid="sabnzbd">
      ${head}
      ${
        s.paused
          ? html`<p class="pause" data-testid="pause-text">
              ${s.pauseText ?? 'Paused'}${s.resumesAt ? html` (at ${clockTime(s.resumesAt)})` : nothing}.
            </p>`
          : nothing
      }
      <dl class="facts">
        <div>
          <dt>Speed</dt>
          <dd>${s.paused ? 'none while paused' : s.speedBps > 0 ? speed(s.speedBps) : 'idle'}</dd>
        </div>
        <div>
          <dt>Speed limit</dt>
          <dd>${limited ? `${s.speedLimitPercent} % of the maximum line speed` : 'none'}</dd>
        </div>
        <div>
          <dt>Queue</dt>
          <dd>${s.queueCount} job${s.queueCount === 1 ? '' : 's'}, ${bytes(s.sizeLeftBytes)} left</dd>
        </div>
        <div>
          <dt>Free disk space</dt>
          <dd>${bytes(s.diskFreeBytes)} for downloads, ${bytes(s.completeDiskFreeBytes)} for finished files</dd>
        </div>
      </dl>
      <div class="row controls">
        ${
          s.paused
            ? html`<button
                class="primary"
                data-act="resume"
                ?disabled=${this.busy}
                @click=${() => void this.run(() => resumeSabnzbd(s.instanceId), '[data-act=pause]')}
              >
                Resume downloads
              </button>`
            : html`<label for="pause-for" class="small">Pause</label>
                <select id="pause-for" ?disabled=${this.busy}>
                  ${PAUSE_CHOICES.map((c, i) => html`<option value=${i}>${c.label}</option>`)}
                </select>
                <button data-act="pause" ?disabled=${this.busy} @click=${() => this.pause()}>Pause downloads</button>`
        }
        <form class="row" @submit=${(e: Event) => this.limit(e)}>
          <label for="limit" class="small">Speed limit (%)</label>
          <input
            id="limit"
            type="number"
            min="1"
            max="100"
            step="1"
            inputmode="numeric"
            .value=${String(limited ? s.speedLimitPercent : 100)}
            ?disabled=${this.busy}
          />
          <button type="submit" ?disabled=${this.busy}>Set limit</button>
          ${
            limited
              ? html`<button
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => void this.run(() => limitSabnzbd(s.instanceId, 100), '#limit')}
                >
                  Remove limit
                </button>`
              : nothing
          }
        </form>
      </div>
      ${
        s.warnings.length
          ? html`<details>
              <summary>${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'} from ${s.name}</summary>
              <ul class="warnings">
                ${s.warnings.slice(0, 5).map((w) => html`<li><span class="muted small">${ago(w.time)}</span> ${w.text}</li>`)}
              </ul>
            </details>`
          : nothing
      }
    </section>`;
  }

  static override styles = [
    shared,
    css`
      :host {
        display: block;
        margin-bottom: 1.2rem;
      }
      .pause {
        margin: 0.4rem 0 0;
        font-weight: 600;
      }
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 190px), 1fr));
        gap: 0.5rem 1rem;
        margin: 0.7rem 0;
      }
      .facts dt {
        font-size: 0.78rem;
        font-weight: 650;
        color: var(--muted);
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      .facts dd {
        margin: 0.1rem 0 0;
        font-size: 0.92rem;
      }
      .controls {
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .controls form {
        gap: 0.4rem;
        align-items: center;
      }
      #limit {
        width: 5.5rem;
      }
      ul.warnings {
        margin: 0.4rem 0 0;
        padding-left: 1.1rem;
        font-size: 0.88rem;
      }
      details {
        margin-top: 0.7rem;
      }
    `,
  ];
}

customElements.define('autoarr-sabnzbd-panel', SabnzbdPanel);

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-sabnzbd-panel': SabnzbdPanel;
  }
}
