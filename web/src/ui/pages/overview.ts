// Overview: is everything fine? App status, speed with a 30-minute sparkline, the queue, what needs attention and
// the last actions. Refreshes itself from live updates.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type {
  ActivityEntry,
  AppStatus,
  AuditSummary,
  Download,
  SabnzbdStatus,
  SpeedHistory,
} from '../../../../autoarr/src/shared/types.js';
import { ApiRequestError } from '../../shared/api.js';
import { APP_LABEL, ATTENTION, ago, bytes, duration, speed } from '../../shared/format.js';
import { live } from '../../shared/live.js';
import { getActivity, getApps, getAuditSummary, getDownloads, getSabnzbd, getSpeed } from '../data.js';
import { downloadItem, downloadItemStyles } from '../download-item.js';
import { advice, appState } from './connections.js';
import { badge, emptyState, sparkline, view } from '../parts.js';
import { Resource, debounce } from '../resource.js';
import { shared } from '../styles.js';
import '../sabnzbd-panel.js';

/** An optional part (audit not running yet) shows "not available" instead of an error. */
async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiRequestError && err.missing) return null;
    throw err;
  }
}

export class OverviewPage extends LitElement {
  static override styles = [
    shared,
    downloadItemStyles,
    css`
      .stats {
        display: grid;
        gap: 0.9rem;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        margin-bottom: 1.2rem;
      }
      .stat .big {
        font-size: 1.6rem;
        font-weight: 750;
        line-height: 1.1;
        margin: 0.25rem 0;
      }
      .stat .label {
        font-size: 0.8rem;
        font-weight: 650;
        color: var(--muted);
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      .spark {
        width: 100%;
        height: 48px;
        display: block;
        margin-top: 0.3rem;
      }
      section {
        margin-top: 1.4rem;
      }
      section > h2 {
        margin-bottom: 0.6rem;
      }
      .apps {
        display: grid;
        gap: 0.7rem;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 240px), 1fr));
      }
      .app p {
        font-size: 0.88rem;
      }
      ol.acts {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.acts li {
        display: grid;
        grid-template-columns: 5.5rem minmax(0, 1fr);
        gap: 0.6rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--line);
        font-size: 0.9rem;
      }
      ol.acts li > span {
        /* Release names have no spaces: break them rather than push the page sideways. */
        overflow-wrap: anywhere;
      }
      ol.acts li:last-child {
        border-bottom: none;
      }
    `,
  ];

  private readonly apps = new Resource<AppStatus[]>(this, getApps);
  private readonly downloads = new Resource<Download[]>(this, getDownloads);
  private readonly speedRes = new Resource<SpeedHistory | null>(this, () => optional(getSpeed()));
  private readonly activity = new Resource<ActivityEntry[] | null>(this, async () => {
    const p = await optional(getActivity(1, 8));
    return p ? p.items : null;
  });
  private readonly audit = new Resource<AuditSummary | null>(this, () => optional(getAuditSummary()));
  private readonly sab = new Resource<SabnzbdStatus[] | null>(this, () => optional(getSabnzbd()));
  private readonly reloadSab = debounce(() => void this.sab.reload(), 3000);
  private readonly busy = new Set<string>();
  private off?: () => void;
  private readonly reloadActivity = debounce(() => void this.activity.reload());
  private readonly reloadSpeed = debounce(() => void this.speedRes.reload(), 5000);

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name, data) => {
      if (name === 'downloads.updated') {
        const list = (data as { downloads?: Download[] }).downloads;
        if (Array.isArray(list)) this.downloads.set(list);
        this.reloadSpeed();
        this.reloadSab();
      } else if (name === 'activity.added') this.reloadActivity();
      else if (name === 'app.health_changed') void this.apps.reload();
      else if (name === 'audit.completed') void this.audit.reload();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  override render(): TemplateResult {
    const list = this.downloads.data ?? [];
    const attention = list.filter((d) => ATTENTION.has(d.state) && !d.ignored);
    const appsDown = (this.apps.data ?? []).filter((a) => a.state !== 'connected' && a.state !== 'unknown');
    const headline = appsDown.length
      ? `${appsDown.length} app${appsDown.length > 1 ? 's' : ''} need${appsDown.length > 1 ? '' : 's'} a look`
      : attention.length
        ? `${attention.length} download${attention.length > 1 ? 's' : ''} need${attention.length > 1 ? '' : 's'} attention`
        : 'Everything is running smoothly';
    return html`
      <div class="page-head">
        <div>
          <h1>Overview</h1>
          <p>${this.apps.data && this.downloads.data ? headline : 'Checking your media stack…'}</p>
        </div>
      </div>
      ${this.renderStats(list, attention)}
      ${(this.sab.data ?? []).map(
        (st) =>
          html`<autoarr-sabnzbd-panel
            .status=${st}
            @sabnzbd-changed=${(e: CustomEvent<SabnzbdStatus>) =>
              this.sab.set((this.sab.data ?? []).map((x) => (x.instanceId === e.detail.instanceId ? e.detail : x)))}
          ></autoarr-sabnzbd-panel>`,
      )}
      <section aria-labelledby="apps-h">
        <h2 id="apps-h">Apps</h2>
        ${view(this.apps, 'App status', (apps) => this.renderApps(apps), 1)}
      </section>
      <section aria-labelledby="att-h">
        <div class="spread">
          <h2 id="att-h">Needs attention</h2>
          <a href="#/downloads">All downloads →</a>
        </div>
        ${view(this.downloads, 'Downloads', () =>
          attention.length
            ? html`<ul class="dls">
                ${attention.map((d) =>
                  downloadItem(d, {
                    busy: this.busy,
                    onDone: () => this.downloads.reload(),
                    requestUpdate: () => this.requestUpdate(),
                  }),
                )}
              </ul>`
            : emptyState('Nothing needs your attention.', 'Stalled, failed and blocked downloads show up here.'),
        )}
      </section>
      <section aria-labelledby="act-h">
        <div class="spread">
          <h2 id="act-h">Last actions</h2>
          <a href="#/activity">All activity →</a>
        </div>
        ${view(this.activity, 'Activity', (items) =>
          items === null
            ? emptyState('The activity log is not available yet.')
            : items.length
              ? html`<div class="card">
                  <ol class="acts">
                    ${items.map(
                      (e) =>
                        html`<li>
                          <span class="muted small" title=${e.time}>${ago(e.time)}</span><span>${e.message}</span>
                        </li>`,
                    )}
                  </ol>
                </div>`
              : emptyState('No actions yet.', 'Detections and recoveries are listed here as they happen.'),
        )}
      </section>
    `;
  }

  private renderStats(list: Download[], attention: Download[]): TemplateResult {
    // No data (AutoArr away, first load) is "–", never a false zero.
    const known = this.downloads.data !== undefined;
    const dash = '–';
    const active = list.filter((d) => ['downloading', 'queued', 'stalled', 'paused'].includes(d.state));
    const total = list.reduce((s, d) => s + (d.state === 'downloading' ? d.speedBps || 0 : 0), 0);
    const left = active.reduce((s, d) => s + (d.bytesLeft || 0), 0);
    const points = this.speedRes.data?.points.map((p) => p[1]) ?? [];
    const score = this.audit.data?.score;
    const sab = (this.sab.data ?? []).filter((x) => x.reachable);
    const allPaused = sab.length > 0 && sab.every((x) => x.paused);
    return html`<div class="stats">
      <div class="card stat">
        <div class="label">Speed</div>
        <div class="big" data-testid="speed">
          ${!known ? dash : allPaused ? 'Paused' : total ? speed(total) : 'Idle'}
        </div>
        ${sparkline(points)}
      </div>
      <div class="card stat">
        <div class="label">Queue</div>
        <div class="big" data-testid="queue">
          ${known ? html`${active.length} <span class="small muted">item${active.length === 1 ? '' : 's'}</span>` : dash}
        </div>
        <div class="muted small">
          ${known ? html`${bytes(left)} left${total ? html` · ${duration(left / total)}` : nothing}` : 'not known'}
        </div>
      </div>
      <div class="card stat">
        <div class="label">Needs attention</div>
        <div class="big" data-testid="attention" style=${attention.length ? 'color:var(--warn)' : ''}>
          ${known ? attention.length : dash}
        </div>
        <div class="muted small">stalled, failed or blocked</div>
      </div>
      <div class="card stat">
        <div class="label">Audit score</div>
        <div class="big" data-testid="score">
          ${score === undefined || score === null ? dash : `${Math.round(score)}%`}
        </div>
        <div class="muted small">
          ${
            this.audit.data?.runAt
              ? html`${this.audit.data.findings} findings · <a href="#/audit">review</a>`
              : this.audit.data === null
                ? 'audit not available'
                : this.audit.data
                  ? 'no audit run yet'
                  : 'not known'
          }
        </div>
      </div>
    </div>`;
  }

  private renderApps(apps: AppStatus[]): TemplateResult {
    if (!apps.length)
      return emptyState(
        'No apps configured.',
        'Add the SABnzbd, Sonarr, Radarr or Plex URL and key in the add-on options.',
      );
    return html`<div class="apps">
      ${apps.map((a) => {
        const st = appState(a.state);
        return html`<div class="card app">
          <div class="spread">
            <h3>${a.name}</h3>
            ${badge(st.label, st.tone)}
          </div>
          <p class="muted">${APP_LABEL[a.app] ?? a.app}${a.version ? ` ${a.version}` : ''}</p>
          ${a.message ? html`<p>${a.message}</p>` : nothing}
          ${advice(a) ? html`<p class="small"><strong>Fix:</strong> ${advice(a)}</p>` : nothing}
        </div>`;
      })}
    </div>`;
  }
}

customElements.define('autoarr-overview', OverviewPage);
