// The Request page: the request box with a line on what it does and where else the same requests can be made.
import { LitElement, html, type TemplateResult } from 'lit';
import '../request/autoarr-request.js';
import { shared } from '../styles.js';

export class RequestPage extends LitElement {
  static override styles = [shared];

  override render(): TemplateResult {
    return html`
      <div class="page-head">
        <div>
          <h1>Request</h1>
          <p>
            Ask for a show or movie in your own words. AutoArr finds it through Sonarr or Radarr and shows what it would
            add before it adds anything.
          </p>
        </div>
      </div>
      <autoarr-request></autoarr-request>
    `;
  }
}

customElements.define('autoarr-request-page', RequestPage);

declare global {
  interface HTMLElementTagNameMap {
    'autoarr-request-page': RequestPage;
  }
}
