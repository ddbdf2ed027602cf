// The shell's persistent banners: AutoArr not reachable (with "Reconnect now"), and dry run / automatic recovery
// off (with the one click back). They stay until the state they describe is over.
import { css, html, nothing, type TemplateResult } from 'lit';
import { OFFLINE_TEXT } from '../shared/api.js';
import type { RuntimeSwitches } from '../shared/truth.js';

export function outageBanner(onReconnect: () => void): TemplateResult {
  return html`<div class="banner tone-bad" role="alert" data-testid="outage">
    <div>
      <strong>${OFFLINE_TEXT}</strong>
      <span
        >The page keeps the last data it received, greyed out, and reconnects by itself as soon as AutoArr is
        back.</span
      >
    </div>
    <button @click=${onReconnect}>Reconnect now</button>
  </div>`;
}

export function runtimeBanner(
  rt: RuntimeSwitches | undefined,
  busy: boolean,
  restore: (key: 'autoRecovery' | 'dryRun') => void,
): TemplateResult | typeof nothing {
  if (!rt || (rt.autoRecovery && !rt.dryRun)) return nothing;
  const parts: TemplateResult[] = [];
  if (!rt.autoRecovery)
    parts.push(
      html`<div class="banner tone-warn" role="status" data-testid="recovery-off">
        <div>
          <strong>Automatic recovery is off.</strong>
          <span>AutoArr watches and reports stuck downloads but does not remove or replace them.</span>
        </div>
        <button ?disabled=${busy} @click=${() => restore('autoRecovery')}>Turn automatic recovery on</button>
      </div>`,
    );
  if (rt.dryRun)
    parts.push(
      html`<div class="banner tone-warn" role="status" data-testid="dry-run">
        <div>
          <strong>Dry run is on.</strong>
          <span>AutoArr only logs what it would do and changes nothing in your apps.</span>
        </div>
        <button ?disabled=${busy} @click=${() => restore('dryRun')}>Turn dry run off</button>
      </div>`,
    );
  return html`${parts}`;
}

export const bannerStyles = css`
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.6rem 1rem;
    border-bottom: 1px solid var(--line);
    font-size: 0.9rem;
  }
  .banner > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.4rem;
    min-width: 0;
    flex: 1 1 18rem;
  }
  .banner button {
    flex: none;
  }
`;
