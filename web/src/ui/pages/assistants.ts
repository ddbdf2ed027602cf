// Assistants (MCP): endpoint URLs, the token (reveal, copy, rotate) and ready-to-paste settings for Claude Desktop
// and Home Assistant's Model Context Protocol integration.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { AccessTokenResponse } from '../../../../autoarr/src/shared/types.js';
import { getToken, setToken } from '../../shared/api.js';
import { getAccess, rotateToken } from '../data.js';
import { confirmAction, toast } from '../feedback.js';
import { view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';

/** The base URL an assistant uses: the add-on's internal address, or this page's own origin outside ingress. */
export function baseUrl(a: AccessTokenResponse, loc: Location = location): string {
  if (a.internalBaseUrl) return a.internalBaseUrl;
  return new URL('./', loc.href.split('#')[0]).href;
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(`${what} copied`, 'ok');
  } catch {
    toast(`Copy is blocked here; select the ${what.toLowerCase()} and copy it by hand.`, 'warn');
  }
}

export class AssistantsPage extends LitElement {
  static override properties = { reveal: { state: true } };
  static override styles = [
    shared,
    css`
      section {
        margin-top: 1rem;
      }
      .token {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        flex-wrap: wrap;
      }
      .token code {
        flex: 1 1 16rem;
        background: var(--surface-2);
        padding: 0.5rem 0.6rem;
        border-radius: 8px;
        overflow-wrap: anywhere;
      }
      .urls dd code {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare reveal: boolean;
  private readonly res = new Resource<AccessTokenResponse>(this, getAccess);

  constructor() {
    super();
    this.reveal = false;
  }

  private async rotate(): Promise<void> {
    const answer = await confirmAction({
      title: 'Rotate the token?',
      message: 'Assistants using the current token stop working until you paste the new one into their settings.',
      confirmLabel: 'Rotate token',
      danger: true,
    });
    if (!answer.ok) return;
    try {
      const next = await rotateToken();
      // This browser used the old token (container): keep it working.
      if (getToken()) setToken(next.token);
      this.res.set(next);
      this.reveal = true;
      toast('New token created. Update your assistants.', 'ok');
    } catch (err) {
      toast((err as Error).message, 'bad');
    }
  }

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Assistants</h1>
          <p>Connect Claude, Home Assistant's Assist or any MCP client to your media stack.</p>
        </div>
      </div>
      ${view(this.res, 'Assistant settings', (a) => this.renderAccess(a), 3)}
    `;
  }

  private renderAccess(a: AccessTokenResponse): TemplateResult {
    const base = baseUrl(a);
    const mcp = base + a.mcp.streamableHttp;
    const sse = base + a.mcp.sse;
    const masked = '•'.repeat(Math.min(32, a.token.length));
    const claude = JSON.stringify(
      {
        mcpServers: {
          autoarr: {
            command: 'npx',
            args: ['-y', 'mcp-remote', mcp, '--header', 'Authorization:${AUTOARR_TOKEN}'],
            env: { AUTOARR_TOKEN: `Bearer ${this.reveal ? a.token : '<token>'}` },
          },
        },
      },
      null,
      2,
    );
    return html`
      <div class="card stack">
        <h2>Endpoints</h2>
        <dl class="kv urls">
          <dt>Streamable HTTP</dt>
          <dd><code>${mcp}</code></dd>
          <dt>One app only</dt>
          <dd><code>${base}${a.mcp.perApp[0] ?? 'mcp/sabnzbd'}</code> (also sonarr, radarr, plex)</dd>
          <dt>Legacy SSE</dt>
          <dd><code>${sse}</code></dd>
        </dl>
        ${
          a.readOnly
            ? html`<p class="notice tone-info">Read-only mode is on: assistants can look but not change anything.</p>`
            : nothing
        }
      </div>
      <section class="card stack" aria-labelledby="tok-h">
        <h2 id="tok-h">Access token</h2>
        <p class="muted small">Assistants send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        <div class="token">
          <code data-testid="token">${this.reveal ? a.token : masked}</code>
          <button @click=${() => (this.reveal = !this.reveal)} aria-pressed=${this.reveal}>
            ${this.reveal ? 'Hide' : 'Reveal'}
          </button>
          <button @click=${() => void copy(a.token, 'Token')}>Copy</button>
          ${
            a.source === 'generated'
              ? html`<button class="danger" @click=${() => void this.rotate()}>Rotate…</button>`
              : nothing
          }
        </div>
        ${
          a.source === 'option'
            ? html`<p class="muted small">This token comes from AUTOARR_API_TOKEN; change it there to rotate it.</p>`
            : nothing
        }
      </section>
      <section class="card stack" aria-labelledby="ha-h">
        <h2 id="ha-h">Home Assistant (Model Context Protocol integration)</h2>
        <ol class="small">
          <li>Settings → Devices &amp; services → Add integration → <strong>Model Context Protocol</strong>.</li>
          <li>
            SSE server URL: <code>${sse}</code>
            <button class="ghost" @click=${() => void copy(sse, 'URL')}>Copy</button>
          </li>
          <li>
            ${
              a.mode === 'addon'
                ? 'No token needed: Home Assistant reaches the add-on on its internal network.'
                : 'If asked for a token, use the access token above.'
            }
          </li>
        </ol>
      </section>
      <section class="card stack" aria-labelledby="cd-h">
        <h2 id="cd-h">Claude Desktop</h2>
        <p class="small">
          Add this to <code>claude_desktop_config.json</code> (Settings → Developer → Edit config), then restart Claude.
          ${this.reveal ? '' : 'Reveal the token to include it.'}
        </p>
        <pre>${claude}</pre>
        <div class="row"><button @click=${() => void copy(claude, 'Settings')}>Copy settings</button></div>
        <p class="muted small">
          On the machine that runs AutoArr you can use stdio instead: <code>npx autoarr mcp</code> (or
          <code>npx autoarr mcp --app sonarr</code>).
        </p>
      </section>
    `;
  }
}

customElements.define('autoarr-assistants', AssistantsPage);
