// One download as a row: title, badges, progress, numbers, the explanation and its actions. Used by the Downloads
// page and the Overview's "needs attention" list.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Download } from '../../../autoarr/src/shared/types.js';
import { APP_LABEL, ATTENTION, bytes, duration, speed, stateTone } from '../shared/format.js';
import { ignoreDownload, removeDownload, retryDownload } from './data.js';
import { act, confirmAction } from './feedback.js';
import { badge, progressBar, stateBadge } from './parts.js';

export interface ItemActions {
  onDone: () => void;
  busy: Set<string>;
  requestUpdate: () => void;
}

async function run(a: ItemActions, id: string, fn: () => Promise<boolean>): Promise<void> {
  a.busy.add(id);
  a.requestUpdate();
  try {
    if (await fn()) a.onDone();
  } finally {
    a.busy.delete(id);
    a.requestUpdate();
  }
}

export function retry(a: ItemActions, d: Download): void {
  void run(a, d.id, () => act(() => retryDownload(d.id), `Retry started for ${d.title}`));
}

function ignore(a: ItemActions, d: Download): void {
  const next = !d.ignored;
  void run(a, d.id, () =>
    act(
      () => ignoreDownload(d.id, next),
      next ? `AutoArr will leave ${d.title} alone` : `AutoArr watches ${d.title} again`,
    ),
  );
}

async function remove(a: ItemActions, d: Download): Promise<void> {
  const tracked = d.app === 'sonarr' || d.app === 'radarr';
  const answer = await confirmAction({
    title: 'Remove this download?',
    message: `"${d.title}" is removed from ${APP_LABEL[d.app] ?? d.app} and its download client, with its files.`,
    confirmLabel: 'Remove',
    danger: true,
    option: tracked ? { label: 'Also blocklist this release so it is not grabbed again', checked: true } : undefined,
  });
  if (!answer.ok) return;
  await run(a, d.id, () => act(() => removeDownload(d.id, answer.option), `Removed ${d.title}`));
}

export function downloadItem(d: Download, a: ItemActions): TemplateResult {
  const busy = a.busy.has(d.id);
  const tone = stateTone(d.state);
  const active = d.state === 'downloading' || d.state === 'stalled' || d.state === 'queued' || d.state === 'paused';
  const canRetry = ATTENTION.has(d.state) && d.state !== 'recovering';
  return html`<li class="dl card" data-id=${d.id} data-state=${d.state}>
    <div class="spread top">
      <div class="title">
        <h3>${d.media?.label || d.title}</h3>
        ${d.media?.label && d.media.label !== d.title ? html`<div class="muted small rel">${d.title}</div>` : nothing}
      </div>
      <div class="row badges">
        ${stateBadge(d.state)} ${badge(APP_LABEL[d.app] ?? d.app)}
        ${
          d.strikes?.count
            ? badge(`Strike ${d.strikes.count} of ${d.strikes.max}`, d.strikes.count >= d.strikes.max ? 'bad' : 'warn')
            : nothing
        }
        ${d.ignored ? badge('Ignored') : nothing}
      </div>
    </div>
    ${progressBar(d.progress, tone === 'muted' ? 'info' : tone, `Progress of ${d.title}`)}
    <div class="row nums small muted">
      <span><b>${Math.round(d.progress)}%</b> of ${bytes(d.sizeBytes)}</span>
      ${active ? html`<span>${bytes(d.bytesLeft)} left</span>` : nothing}
      ${d.speedBps && active ? html`<span>${speed(d.speedBps)}</span>` : nothing}
      ${d.etaSeconds && d.speedBps && active ? html`<span>ETA ${duration(d.etaSeconds)}</span>` : nothing}
      ${d.category ? html`<span>${d.category}</span>` : nothing}
    </div>
    ${d.explanation ? html`<p class="why">${d.explanation}</p>` : nothing}
    ${
      d.state === 'completed' || d.state === 'removed' || d.state === 'replaced'
        ? nothing
        : html`<div class="row acts">
            ${canRetry ? html`<button class="primary" ?disabled=${busy} @click=${() => retry(a, d)}>Retry</button>` : nothing}
            <button ?disabled=${busy} @click=${() => ignore(a, d)}>${d.ignored ? 'Watch again' : 'Ignore'}</button>
            <button class="danger" ?disabled=${busy} @click=${() => void remove(a, d)}>Remove…</button>
          </div>`
    }
  </li>`;
}

export const downloadItemStyles = css`
  ul.dls {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.7rem;
  }
  .dl {
    display: grid;
    gap: 0.55rem;
  }
  .dl .top {
    align-items: flex-start;
  }
  .dl .title {
    min-width: 0;
    flex: 1 1 14rem;
  }
  .dl h3 {
    overflow-wrap: anywhere;
  }
  .dl .rel {
    overflow-wrap: anywhere;
  }
  .dl .nums {
    gap: 0.3rem 1rem;
  }
  .dl .why {
    margin: 0;
    font-size: 0.9rem;
  }
  .dl[data-state='stalled'],
  .dl[data-state='recovering'] {
    border-left: 4px solid var(--warn);
  }
  .dl[data-state='failed'],
  .dl[data-state='import_blocked'] {
    border-left: 4px solid var(--bad);
  }
  .acts {
    gap: 0.4rem;
  }
`;
