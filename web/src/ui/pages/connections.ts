// Connections: each app instance's status and last error with what to do, and "Test connection".
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { AppInfo, AppState, AppStatus } from '../../../../autoarr/src/shared/types.js';
import { APP_LABEL, ago, type Tone } from '../../shared/format.js';
import { live } from '../../shared/live.js';
import { getApps, testApp } from '../data.js';
import { keepFocus, toast } from '../feedback.js';
import { badge, emptyState, view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';

const STATES: Record<AppState, { label: string; tone: Tone }> = {
  connected: { label: 'Connected', tone: 'ok' },
  degraded: { label: 'Needs attention', tone: 'warn' },
  unreachable: { label: 'Unreachable', tone: 'bad' },
  auth_failed: { label: 'Wrong API key', tone: 'bad' },
  unsupported: { label: 'Unsupported', tone: 'warn' },
  wrong_app: { label: 'Wrong app at this URL', tone: 'bad' },
  disabled: { label: 'Disabled', tone: 'muted' },
  unknown: { label: 'Checking…', tone: 'muted' },
};

export const appState = (s: string) => STATES[s as AppState] ?? { label: s, tone: 'muted' as Tone };

const WHERE: Record<string, string> = {
  sabnzbd: 'SABnzbd → Config → General → Security → API Key',
  sonarr: 'Sonarr → Settings → General → Security → API Key',
  radarr: 'Radarr → Settings → General → Security → API Key',
  plex: 'your Plex token (X-Plex-Token)',
};

export function advice(a: AppStatus): string | undefined {
  switch (a.state) {
    case 'unreachable':
      return `Check that ${a.name} is running and that its URL in AutoArr's options is reachable from AutoArr (use the host's IP, not localhost, from inside a container).`;
    case 'auth_failed':
      return `Copy the key from ${WHERE[a.app] ?? 'the app'} into AutoArr's options and restart AutoArr.`;
    case 'unsupported':
      return `Point the URL at ${a.name} itself (not a login page or a proxy), including any URL base, and use a supported version.`;
    case 'wrong_app':
      return `Set ${a.name}'s URL in AutoArr's options to ${APP_LABEL[a.app] ?? a.app} itself; AutoArr changes nothing there until it does.`;
    default:
      return undefined;
  }
}

export class ConnectionsPage extends LitElement {
  static override properties = { testing: { state: true } };
  static override styles = [
    shared,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.8rem;
      }
      .todo {
        margin-top: 0.6rem;
        background: var(--surface-2);
        border-radius: 8px;
        padding: 0.6rem 0.75rem;
        font-size: 0.9rem;
      }
    `,
  ];
  declare testing: Set<string>;
  private readonly res = new Resource<AppStatus[]>(this, getApps);
  private off?: () => void;

  constructor() {
    super();
    this.testing = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name) => {
      if (name === 'app.health_changed') void this.res.reload();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  private async test(a: AppStatus): Promise<void> {
    void keepFocus(this.renderRoot.querySelector(':focus'));
    this.testing = new Set([...this.testing, a.id]);
    try {
      const r = (await testApp(a.id)) as Partial<AppStatus> & { status?: AppStatus };
      const s = r.status ?? r;
      if (s.state === 'connected') toast(`${a.name} answered${s.version ? ` (version ${s.version})` : ''}`, 'ok');
      else toast(s.message ?? `${a.name}: ${appState(s.state ?? 'unknown').label}`, 'bad');
    } catch (err) {
      toast((err as Error).message, 'bad');
    } finally {
      const next = new Set(this.testing);
      next.delete(a.id);
      this.testing = next;
      void this.res.reload();
    }
  }

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Connections</h1>
          <p>How AutoArr reaches each app. AutoArr checks every minute; test now after you change something.</p>
        </div>
      </div>
      ${view(this.res, 'Connections', (apps) =>
        apps.length
          ? html`<ul>
              ${apps.map((a) => this.renderApp(a))}
            </ul>`
          : emptyState(
              'No apps configured yet.',
              "Add each app's URL and API key in the add-on configuration (or the container's environment), then restart AutoArr.",
            ),
      )}
    `;
  }

  private renderApp(a: AppStatus & Partial<AppInfo>): TemplateResult {
    const st = appState(a.state);
    const todo = advice(a);
    const busy = this.testing.has(a.id);
    return html`<li class="card" data-app=${a.id}>
      <div class="spread">
        <div>
          <h2>${a.name}</h2>
          <div class="muted small">${APP_LABEL[a.app] ?? a.app} · id <code>${a.id}</code></div>
        </div>
        <div class="row">
          ${badge(st.label, st.tone)}
          <button @click=${() => void this.test(a)} ?disabled=${busy} aria-label="Test connection to ${a.name}">
            ${busy ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      </div>
      <dl class="kv" style="margin-top:.6rem">
        ${
          a.url
            ? html`<dt>URL</dt>
                <dd><code>${a.url}</code></dd>`
            : nothing
        }
        <dt>Version</dt>
        <dd>${a.version || '–'}</dd>
        <dt>Last check</dt>
        <dd>${a.checkedAt ? ago(a.checkedAt) : 'not yet'}</dd>
        ${
          a.message
            ? html`<dt>Last error</dt>
                <dd>${a.message}</dd>`
            : nothing
        }
      </dl>
      ${todo ? html`<div class="todo"><strong>What to do:</strong> ${todo}</div>` : nothing}
    </li>`;
  }
}

customElements.define('autoarr-connections', ConnectionsPage);
