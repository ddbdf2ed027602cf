// The app shell: navigation (hash routes, so nothing depends on the ingress prefix), live-update status, the
// token prompt for the container, toasts and the confirmation dialog.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { onAuthRequired, setToken } from '../shared/api.js';
import type { Tone } from '../shared/format.js';
import { live, type LiveState } from '../shared/live.js';
import type { RuntimeSwitches } from '../shared/truth.js';
import { bannerStyles, outageBanner, runtimeBanner } from './banners.js';
import { getSettings, putSettings } from './data.js';
import { registerShell, type ConfirmOptions, type ConfirmResult } from './feedback.js';
import './pages/activity.js';
import './pages/assistants.js';
import './pages/audit.js';
import './pages/connections.js';
import './pages/downloads.js';
import './pages/overview.js';
import './pages/request.js';
import './pages/settings.js';
import { shared, tokens } from './styles.js';
import { followTheme } from './theme.js';

interface Route {
  id: string;
  label: string;
  render: () => TemplateResult;
}

const ROUTES: Route[] = [
  { id: 'overview', label: 'Overview', render: () => html`<autoarr-overview></autoarr-overview>` },
  { id: 'downloads', label: 'Downloads', render: () => html`<autoarr-downloads></autoarr-downloads>` },
  { id: 'request', label: 'Request', render: () => html`<autoarr-request-page></autoarr-request-page>` },
  { id: 'activity', label: 'Activity', render: () => html`<autoarr-activity></autoarr-activity>` },
  { id: 'audit', label: 'Audit', render: () => html`<autoarr-audit></autoarr-audit>` },
  { id: 'connections', label: 'Connections', render: () => html`<autoarr-connections></autoarr-connections>` },
  { id: 'assistants', label: 'Assistants', render: () => html`<autoarr-assistants></autoarr-assistants>` },
  { id: 'settings', label: 'Settings', render: () => html`<autoarr-settings></autoarr-settings>` },
];

interface Toast {
  id: number;
  message: string;
  tone: Tone;
}

const LIVE_TEXT: Record<LiveState, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export class AutoarrApp extends LitElement {
  static override properties = {
    route: { state: true },
    liveState: { state: true },
    toasts: { state: true },
    askToken: { state: true },
    pending: { state: true },
    generation: { state: true },
    runtime: { state: true },
    restoring: { state: true },
  };

  declare route: string;
  declare liveState: LiveState;
  declare toasts: Toast[];
  declare askToken: boolean;
  declare pending: (ConfirmOptions & { resolve: (r: ConfirmResult) => void }) | undefined;
  /** Bumped when live updates come back after an outage, so the page mounts afresh and reloads its data. */
  declare generation: number;
  /** Automatic recovery and dry run as the server has them (banner, truthful row texts). */
  declare runtime: RuntimeSwitches | undefined;
  declare restoring: boolean;
  private toastSeq = 0;
  private readonly offs: Array<() => void> = [];

  constructor() {
    super();
    this.route = routeFromHash();
    this.liveState = live.state;
    this.toasts = [];
    this.askToken = false;
    this.pending = undefined;
    this.generation = 0;
    this.runtime = undefined;
    this.restoring = false;
  }

  private async loadRuntime(): Promise<void> {
    try {
      this.runtime = (await getSettings()).runtime;
    } catch {
      // Offline or no token yet: the outage banner / token prompt says so; the next reconnect loads it again.
    }
  }

  private async restore(key: 'autoRecovery' | 'dryRun'): Promise<void> {
    this.restoring = true;
    try {
      const r = await putSettings(key === 'autoRecovery' ? { autoRecovery: true } : { dryRun: false });
      this.runtime = r.runtime;
      this.toast(
        key === 'autoRecovery' ? 'Automatic recovery is on again' : 'Dry run is off: AutoArr acts again',
        'ok',
      );
    } catch (err) {
      this.toast((err as Error).message, 'bad');
    } finally {
      this.restoring = false;
      // The banner's button is gone: keep keyboard focus in the page, not on <body>.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
    }
  }

  /** Tab focus or visibility back: try at once rather than waiting for the next retry. */
  private readonly onFocus = () => {
    if (document.visibilityState === 'visible') live.reconnectNow();
  };

  private readonly onHash = () => {
    this.route = routeFromHash();
    // Moves focus to the page heading so keyboard and screen-reader users land on the new page.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener('focus', this.onFocus);
    document.addEventListener('visibilitychange', this.onFocus);
    this.offs.push(followTheme(this));
    registerShell({ toast: (m, t) => this.toast(m, t), confirm: (o) => this.confirm(o) });
    this.offs.push(
      live.onState((s) => {
        if (s === 'live' && this.liveState === 'reconnecting') this.generation++;
        if (s === 'live') void this.loadRuntime();
        this.liveState = s;
      }),
      live.on((name, data) => {
        const e = data as { key?: string; value?: unknown };
        if (name === 'settings.changed' && this.runtime && (e.key === 'autoRecovery' || e.key === 'dryRun'))
          this.runtime = { ...this.runtime, [e.key]: e.value === true };
      }),
      onAuthRequired(() => (this.askToken = true)),
    );
    live.start();
    void this.loadRuntime();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener('focus', this.onFocus);
    document.removeEventListener('visibilitychange', this.onFocus);
    for (const off of this.offs) off();
    live.stop();
  }

  private toast(message: string, tone: Tone): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts.slice(-2), { id, message, tone }];
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== id)), tone === 'bad' ? 9000 : 4500);
  }

  private confirm(opts: ConfirmOptions): Promise<ConfirmResult> {
    return new Promise((resolve) => {
      this.pending = { ...opts, resolve };
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.showModal(),
      );
    });
  }

  private closeConfirm(ok: boolean): void {
    const p = this.pending;
    if (!p) return;
    const box = this.renderRoot.querySelector<HTMLInputElement>('dialog.confirm input[type=checkbox]');
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm')?.close();
    this.pending = undefined;
    p.resolve({ ok, option: box?.checked ?? false });
  }

  private saveToken(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#token');
    const value = input?.value.trim();
    if (!value) return;
    setToken(value);
    location.reload();
  }

  override render(): TemplateResult {
    const current = ROUTES.find((r) => r.id === this.route) ?? ROUTES[0]!;
    return html`
      <a
        class="skip"
        href="#/${current.id}"
        @click=${(e: Event) => {
          e.preventDefault();
          this.renderRoot.querySelector<HTMLElement>('main')?.focus();
        }}
        >Skip to content</a
      >
      <div class="layout">
        <header>
          <div class="brand">
            <svg viewBox="0 0 32 32" aria-hidden="true" width="26" height="26">
              <rect width="32" height="32" rx="8" fill="var(--accent)"></rect>
              <path
                d="M16 7v12m0 0-5-5m5 5 5-5M9 24h14"
                stroke="var(--accent-fg)"
                stroke-width="3"
                fill="none"
                stroke-linecap="round"
                stroke-linejoin="round"
              ></path>
            </svg>
            <span>AutoArr</span>
            <span class="live live-${this.liveState}" role="status" title="Live updates">
              <span class="dot"></span>${LIVE_TEXT[this.liveState]}
            </span>
          </div>
          <nav aria-label="Pages">
            ${ROUTES.map(
              (r) => html`<a href="#/${r.id}" aria-current=${r.id === current.id ? 'page' : 'false'}>${r.label}</a>`,
            )}
          </nav>
        </header>
        <div class="content">
          ${this.liveState === 'reconnecting' ? outageBanner(() => live.reconnectNow()) : nothing}
          ${runtimeBanner(this.runtime, this.restoring, (k) => void this.restore(k))}
          <main
            tabindex="-1"
            class=${this.liveState === 'reconnecting' ? 'stale' : ''}
            ?inert=${this.liveState === 'reconnecting'}
          >
            ${keyed(`${current.id}:${this.generation}`, current.render())}
          </main>
        </div>
      </div>
      <div class="toasts" aria-live="polite">
        ${this.toasts.map((t) => html`<div class="toast tone-${t.tone}" role=${t.tone === 'bad' ? 'alert' : 'status'}>${t.message}</div>`)}
      </div>
      ${this.pending ? this.renderConfirm(this.pending) : nothing} ${this.askToken ? this.renderTokenPrompt() : nothing}
    `;
  }

  private renderConfirm(p: ConfirmOptions): TemplateResult {
    return html`<dialog class="confirm card" @cancel=${() => this.closeConfirm(false)} aria-labelledby="confirm-title">
      <h2 id="confirm-title">${p.title}</h2>
      <p>${p.message}</p>
      ${
        p.option
          ? html`<label class="row small"
              ><input type="checkbox" ?checked=${p.option.checked} /> ${p.option.label}</label
            >`
          : nothing
      }
      <div class="row actions">
        <button @click=${() => this.closeConfirm(false)}>Cancel</button>
        <button class=${p.danger ? 'primary danger-fill' : 'primary'} @click=${() => this.closeConfirm(true)}>
          ${p.confirmLabel}
        </button>
      </div>
    </dialog>`;
  }

  private renderTokenPrompt(): TemplateResult {
    return html`<div class="overlay">
      <form class="card token" @submit=${this.saveToken} aria-labelledby="token-title">
        <h2 id="token-title">Enter AutoArr's API token</h2>
        <p class="muted small">
          This browser reached AutoArr from another computer, by a name other than localhost, or through a proxy, so
          AutoArr asks for its API token. It is never written to the log. Where to find it:
        </p>
        <ul class="muted small">
          <li>Home Assistant app (add-on): open AutoArr in the sidebar, then Assistants.</li>
          <li>Container: run <code>docker exec &lt;container&gt; node dist/autoarr/src/cli.js token</code>.</li>
          <li>Started with npm: run <code>node dist/autoarr/src/cli.js token</code> in AutoArr's folder.</li>
          <li>If you set AUTOARR_API_TOKEN yourself, it is that value.</li>
        </ul>
        <p class="muted small">It is kept in this browser only.</p>
        <label for="token" class="small">API token</label>
        <input id="token" type="password" autocomplete="off" required />
        <div class="row actions"><button class="primary" type="submit">Save and reload</button></div>
      </form>
    </div>`;
  }

  static override styles = [
    tokens,
    shared,
    bannerStyles,
    css`
      main.stale {
        opacity: 0.55;
        filter: grayscale(0.6);
      }
      .content {
        min-width: 0;
      }
      :host {
        min-height: 100vh;
        background: var(--bg);
      }
      .skip {
        position: absolute;
        left: -999px;
      }
      .skip:focus {
        left: 0.5rem;
        top: 0.5rem;
        z-index: 10;
        background: var(--surface);
        padding: 0.4rem 0.7rem;
        border-radius: 8px;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        min-height: 100vh;
      }
      header {
        background: var(--surface);
        border-bottom: 1px solid var(--line);
        position: sticky;
        top: 0;
        z-index: 5;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 0.55rem;
        font-weight: 750;
        font-size: 1.05rem;
        padding: 0.7rem 1rem 0.3rem;
      }
      .live {
        margin-left: auto;
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        font-size: 0.78rem;
        font-weight: 600;
        color: var(--muted);
      }
      .live-live .dot {
        color: var(--ok);
      }
      .live-reconnecting .dot,
      .live-connecting .dot {
        color: var(--warn);
      }
      /* Tabs under the title at every width: inside Home Assistant its own sidebar is already on the left. They wrap
         rather than scroll, so no page is ever hidden off the edge. */
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem;
        padding: 0.2rem 0.6rem 0.5rem;
      }
      nav a {
        color: var(--muted);
        text-decoration: none;
        font-weight: 600;
        font-size: 0.9rem;
        padding: 0.45rem 0.7rem;
        border-radius: 8px;
        white-space: nowrap;
      }
      nav a:hover {
        background: var(--surface-2);
        color: var(--fg);
      }
      nav a[aria-current='page'] {
        background: var(--info-bg);
        color: var(--info);
      }
      main {
        padding: 1rem;
        max-width: 1180px;
        width: 100%;
        margin: 0 auto;
        outline: none;
      }
      @media (min-width: 960px) {
        main {
          padding: 1.5rem 2rem;
        }
      }
      @media (max-width: 600px) {
        /* A phone shows every page at once: the tabs wrap into a grid instead of scrolling out of sight, and the
           header scrolls away with the page so it does not take a third of the screen. */
        header {
          position: static;
        }
        nav {
          display: grid;
          grid-template-columns: repeat(auto-fill, minmax(5.4rem, 1fr));
        }
        nav a {
          text-align: center;
          padding: 0.45rem 0.3rem;
          font-size: 0.85rem;
        }
      }
      .toasts {
        position: fixed;
        bottom: 1rem;
        left: 50%;
        transform: translateX(-50%);
        display: grid;
        gap: 0.5rem;
        z-index: 20;
        width: min(92vw, 460px);
      }
      .toast {
        padding: 0.7rem 0.9rem;
        border-radius: 10px;
        font-size: 0.9rem;
        font-weight: 550;
        box-shadow: 0 6px 20px rgb(0 0 0 / 18%);
        border: 1px solid var(--line);
      }
      dialog.confirm {
        max-width: min(92vw, 440px);
        color: var(--fg);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      .actions {
        justify-content: flex-end;
        margin-top: 1rem;
      }
      .danger-fill {
        background: var(--bad) !important;
        border-color: var(--bad) !important;
        color: var(--bad-fg) !important;
      }
      .overlay {
        position: fixed;
        inset: 0;
        background: rgb(0 0 0 / 45%);
        display: grid;
        place-items: center;
        z-index: 30;
        padding: 1rem;
      }
      .token {
        max-width: 440px;
        display: grid;
        gap: 0.5rem;
      }
    `,
  ];
}

function routeFromHash(): string {
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.some((r) => r.id === id) ? id : 'overview';
}

customElements.define('autoarr-app', AutoarrApp);

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-app': AutoarrApp;
  }
}
