// Assistants (MCP): the URLs that work from where each assistant runs (GET /api/assistants says how AutoArr runs),
// every per-app endpoint, Home Assistant's MCP integration, Claude Desktop over stdio where that works, and the
// token (reveal, copy, rotate). Never the ingress URL (it needs HA's session) and never the retired SSE transport.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { AssistantsInfo } from '../../../../autoarr/src/shared/assistants.js';
import type { AccessTokenResponse } from '../../../../autoarr/src/shared/types.js';
import { getToken, setToken } from '../../shared/api.js';
import { getAccess, getAssistants, rotateToken } from '../data.js';
import { confirmAction, toast } from '../feedback.js';
import { view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';
import { GROUP_LABEL, assistantUrls, claudeConfig, type AssistantUrls } from './assistant-urls.js';

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(`${what} copied`, 'ok');
  } catch {
    toast(`Copy is blocked here; select the ${what.toLowerCase()} and copy it by hand.`, 'warn');
  }
}

const url = (u: string, testid: string, what = 'URL') =>
  html`<span class="url"
    ><code data-testid=${testid}>${u}</code>
    <button class="ghost" @click=${() => void copy(u, what)} aria-label=${`Copy ${u}`}>Copy</button></span
  >`;

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
      .url {
        display: inline-flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.5rem;
        align-items: center;
        max-width: 100%;
      }
      code {
        overflow-wrap: anywhere;
      }
      h3 {
        margin: 0.4rem 0 0;
        font-size: 1rem;
      }
      ul.endpoints {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.45rem;
      }
      ul.endpoints li {
        display: grid;
        gap: 0.1rem;
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare reveal: boolean;
  private readonly access = new Resource<AccessTokenResponse>(this, getAccess);
  private readonly info = new Resource<AssistantsInfo>(this, getAssistants);

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
      this.access.set(next);
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
      ${view(this.info, 'Assistant settings', (i) => this.renderInfo(i, assistantUrls(i, location)), 3)}
      ${view(this.access, 'Access token', (a) => this.renderToken(a), 1)}
    `;
  }

  private renderInfo(i: AssistantsInfo, u: AssistantUrls): TemplateResult {
    return html`
      <section class="card stack" aria-labelledby="http-h">
        <h2 id="http-h">Streamable HTTP</h2>
        ${i.mode === 'addon' ? this.addonHttp(i, u) : this.pageHttp(i, u)}
        ${this.endpoints(i, u.remote ?? u.internal ?? u.remotePattern)}
        ${
          i.readOnly
            ? html`<p class="notice tone-info">Read-only mode is on: assistants can look but not change anything.</p>`
            : nothing
        }
      </section>
      ${this.homeAssistant(i, u)} ${this.claude(i, u)}
    `;
  }

  private addonHttp(i: AssistantsInfo, u: AssistantUrls): TemplateResult {
    const r = i.remote.kind === 'mapped' ? i.remote : undefined;
    const mapStep = html`Settings → Add-ons → AutoArr → Configuration → <strong>Network</strong>: enter a host port for
      <code>${i.port}/tcp</code> (for example ${i.port}), save, and restart the add-on.`;
    return html`
      <h3>From other computers</h3>
      ${
        u.remote
          ? html`<p>${url(`${u.remote}${i.endpoints.all}`, 'mcp-url')}</p>
              <p class="muted small">
                The address this browser opens Home Assistant with, and the host port mapped to AutoArr. It works on
                your home network, not through Home Assistant Cloud. Assistants send the access token below.
              </p>`
          : r?.hostPort === null
            ? html`<p class="notice tone-warn" data-testid="map-port">
                Port ${i.port}/tcp is not mapped, so nothing outside Home Assistant reaches AutoArr's MCP. To map it:
                ${mapStep} Assistants then use <code>${u.remotePattern}${i.endpoints.all}</code> with the access token.
              </p>`
            : html`<p class="notice tone-warn" data-testid="map-port">
                AutoArr could not ask the Supervisor which host port is mapped (${r?.unknownWhy}). Check it in Settings
                → Add-ons → AutoArr → Configuration → Network; if port ${i.port}/tcp has none: ${mapStep} Assistants use
                <code>${u.remotePattern}${i.endpoints.all}</code> with the access token.
              </p>`
      }
      <h3>Home Assistant's own MCP client</h3>
      <p>${url(`${u.internal}${i.endpoints.all}`, 'mcp-internal')}</p>
      <p class="muted small">
        AutoArr's address on Home Assistant's internal network: reachable from Home Assistant only, not from other
        computers.
      </p>
    `;
  }

  private pageHttp(i: AssistantsInfo, u: AssistantUrls): TemplateResult {
    const who = i.thisComputerOnly
      ? `${i.mode === 'demo' ? 'The demo' : 'AutoArr'} listens on 127.0.0.1: only assistants on this computer reach it, and they need no token.`
      : i.token.sameComputer
        ? 'AutoArr runs in a container, where only programs inside it count as this computer: assistants send the access token below. Use the address other computers reach AutoArr with if it differs from this page’s.'
        : 'Assistants on this computer connect without a token (as localhost or 127.0.0.1); from other computers they send the access token below.';
    return html`<p>${url(`${u.remote}${i.endpoints.all}`, 'mcp-url')}</p>
      <p class="muted small">${who}</p>`;
  }

  private endpoints(i: AssistantsInfo, base: string): TemplateResult {
    return html`<h3>Endpoints</h3>
      <ul class="endpoints small">
        <li data-group="all"><span>Every tool</span><code>${base}${i.endpoints.all}</code></li>
        ${i.endpoints.perApp.map(
          (e) =>
            html`<li data-group=${e.group}>
              <span>${GROUP_LABEL[e.group] ?? e.group} only</span><code>${base}${e.path}</code>
            </li>`,
        )}
      </ul>`;
  }

  private homeAssistant(i: AssistantsInfo, u: AssistantUrls): TemplateResult {
    const body =
      i.mode === 'addon'
        ? i.internal?.allowed
          ? html`<ol class="small">
              <li>Settings → Devices &amp; services → Add integration → <strong>Model Context Protocol</strong>.</li>
              <li>URL: ${url(`${u.internal}${i.endpoints.all}`, 'ha-url')}</li>
              <li>No token is needed: Home Assistant reaches the add-on on its internal network.</li>
              <li>In your voice assistant's conversation agent options, enable the AutoArr API.</li>
            </ol>`
          : html`<p class="notice tone-warn">
              Home Assistant's MCP client cannot send a token, and <code>mcp_allow_internal_network</code> is off, so it
              cannot connect. Turn that option on in the add-on's Configuration and restart AutoArr; then add
              <code>${u.internal}${i.endpoints.all}</code> as a Model Context Protocol integration.
            </p>`
        : i.thisComputerOnly
          ? html`<p class="small">
              ${i.mode === 'demo' ? 'The demo' : 'AutoArr'} is reachable from this computer only: a Home Assistant
              running here (not in a container) can add
              <code>${u.remote}${i.endpoints.all}</code> as a Model Context Protocol integration.
            </p>`
          : html`<p class="small">
              Home Assistant's MCP client cannot send a token, and outside the add-on every caller but this computer
              needs one, so it cannot connect here. The AutoArr integration's Assist tools reach AutoArr with the token
              instead.
            </p>`;
    return html`<section class="card stack" aria-labelledby="ha-h">
      <h2 id="ha-h">Home Assistant (Model Context Protocol integration)</h2>
      ${body}
    </section>`;
  }

  private claude(i: AssistantsInfo, u: AssistantUrls): TemplateResult {
    const token = this.reveal ? this.access.data?.token : undefined;
    const config = claudeConfig(i, u, token);
    return html`<section class="card stack" aria-labelledby="cd-h">
      <h2 id="cd-h">Claude Desktop (stdio)</h2>
      ${
        config && i.stdio
          ? html`<p class="small">
                Add this to <code>claude_desktop_config.json</code> (Settings → Developer → Edit config), then restart
                Claude. ${i.stdio.where}
                ${i.stdio.env?.AUTOARR_API_TOKEN && !this.reveal ? 'Reveal the token below to include it.' : ''}
              </p>
              <pre data-testid="stdio-config">${config}</pre>
              <div class="row"><button @click=${() => void copy(config, 'Settings')}>Copy settings</button></div>`
          : html`<p class="small" data-testid="stdio-none">
              Claude Desktop relays to AutoArr over HTTP, so the add-on's port has to be mapped first (see above).
            </p>`
      }
    </section>`;
  }

  private renderToken(a: AccessTokenResponse): TemplateResult {
    const masked = '•'.repeat(Math.min(32, a.token.length));
    return html`<section class="card stack" aria-labelledby="tok-h">
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
    </section>`;
  }
}

customElements.define('autoarr-assistants', AssistantsPage);
