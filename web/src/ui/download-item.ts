// One download as a row: title, badges, progress, numbers, the explanation and its actions. Used by the Downloads
// page and the Overview's "needs attention" list.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Download } from '../../../autoarr/src/shared/types.js';
import { isProblemState } from '../../../autoarr/src/shared/domain.js';
import { APP_LABEL, bytes, duration, speed, stateTone } from '../shared/format.js';
import { wasReplaced } from '../shared/truth.js';
import { ignoreDownload, removeDownload, retryDownload } from './data.js';
import type { Explanations } from './explain-panel.js';
import './download-timeline.js';
import { act, confirmAction } from './feedback.js';
import { badge, progressBar, stateBadge } from './parts.js';

export interface ItemActions {
  /** Reloads the list after an action; focus is put back once the new list is shown. */
  onDone: () => void | Promise<void>;
  busy: Set<string>;
  requestUpdate: () => void;
  /** "Why is this stuck?" on problem rows (the Downloads page offers it). */
  explain?: Explanations<Download>;
  /** Rows whose history is open; without it a row offers no history. */
  expanded?: Set<string>;
}

const nameOf = (d: Download) => d.media?.label || d.title;

async function run(a: ItemActions, d: Download, button: EventTarget | null, fn: () => Promise<boolean>) {
  // The row re-renders (and may move) after the action; remember where focus was so it can come back.
  const host = button instanceof HTMLElement ? (button.getRootNode() as ShadowRoot | Document) : undefined;
  const which = button instanceof HTMLElement ? button.dataset.act : undefined;
  a.busy.add(d.id);
  a.requestUpdate();
  let ok = false;
  try {
    ok = await fn();
  } finally {
    a.busy.delete(d.id);
    a.requestUpdate();
  }
  if (ok) await a.onDone();
  await new Promise((r) => requestAnimationFrame(r));
  const again = host?.querySelector<HTMLElement>(`li[data-id="${CSS.escape(d.id)}"] button[data-act="${which}"]`);
  if (again) return again.focus();
  // The row or its button is gone (replaced, removed): land on the page heading, not on <body>.
  const h1 = host?.querySelector<HTMLElement>('h1');
  h1?.setAttribute('tabindex', '-1');
  h1?.focus();
}

/** "Replace" removes this release (and its partial files), blocklists it and searches for another: ask first. */
async function replace(a: ItemActions, d: Download, button: EventTarget | null): Promise<void> {
  const done = d.progress > 0 ? ` (${Math.round(d.progress)} % downloaded, ${bytes(d.sizeBytes - d.bytesLeft)})` : '';
  const answer = await confirmAction({
    title: `Replace ${nameOf(d)}?`,
    message:
      `AutoArr removes this release${done} from ${APP_LABEL[d.app] ?? d.app} and the download client, deletes what ` +
      `was downloaded, blocklists the release and asks ${APP_LABEL[d.app] ?? d.app} to search for another one.`,
    confirmLabel: 'Replace',
    danger: true,
  });
  if (!answer.ok) return;
  await run(a, d, button, () =>
    act(() => retryDownload(d.id), `${nameOf(d)}: removed and blocklisted; searching for another release`),
  );
}

function ignore(a: ItemActions, d: Download, button: EventTarget | null): void {
  const next = !d.ignored;
  void run(a, d, button, () =>
    act(
      () => ignoreDownload(d.id, next),
      next ? `AutoArr will leave ${nameOf(d)} alone` : `AutoArr watches ${nameOf(d)} again`,
    ),
  );
}

async function remove(a: ItemActions, d: Download, button: EventTarget | null): Promise<void> {
  const tracked = d.app === 'sonarr' || d.app === 'radarr';
  const answer = await confirmAction({
    title: 'Remove this download?',
    message: `"${nameOf(d)}" is removed from ${APP_LABEL[d.app] ?? d.app} and its download client, with its files.`,
    confirmLabel: 'Remove',
    danger: true,
    option: tracked ? { label: 'Also blocklist this release so it is not grabbed again', checked: true } : undefined,
  });
  if (!answer.ok) return;
  await run(a, d, button, () => act(() => removeDownload(d.id, answer.option), `Removed ${nameOf(d)}`));
}

function historyButton(a: ItemActions, d: Download, panel: string): TemplateResult | typeof nothing {
  if (!a.expanded) return nothing;
  const open = a.expanded.has(d.id);
  const toggle = () => {
    if (open) a.expanded?.delete(d.id);
    else a.expanded?.add(d.id);
    a.requestUpdate();
  };
  return html`<button class="ghost" data-act="history" aria-expanded=${open} aria-controls=${panel} @click=${toggle}>
    ${open ? 'Hide history' : 'History'}
  </button>`;
}

export function downloadItem(d: Download, a: ItemActions): TemplateResult {
  const busy = a.busy.has(d.id);
  const panel = `history-${d.id.replace(/[^\w-]/g, '_')}`;
  const replaced = d.state === 'completed' && wasReplaced(d);
  const tone = replaced ? 'muted' : stateTone(d.state);
  const active = d.state === 'downloading' || d.state === 'stalled' || d.state === 'queued' || d.state === 'paused';
  // Only a download that is receiving data has a speed and an ETA; queued, paused and stalled ones do not.
  const moving = d.state === 'downloading' && d.speedBps > 0;
  const tracked = d.app === 'sonarr' || d.app === 'radarr';
  const canReplace = isProblemState(d.state) && tracked;
  // A SABnzbd job no *arr tracks can only be tried again in SABnzbd (same release, nothing thrown away).
  const canSabRetry = d.app === 'sabnzbd' && d.state === 'failed';
  // The server words the explanation for the switches in force (monitor/explain.ts), so it is shown as it is.
  const why = replaced ? 'AutoArr removed this release and the app grabbed another one' : d.explanation;
  return html`<li class="dl card" data-id=${d.id} data-state=${replaced ? 'replaced' : d.state}>
    <div class="spread top">
      <div class="title">
        <h3>${nameOf(d)}</h3>
        ${d.media?.label && d.media.label !== d.title ? html`<div class="muted small rel">${d.title}</div>` : nothing}
      </div>
      <div class="row badges">
        ${replaced ? badge('Replaced') : stateBadge(d.state)} ${badge(APP_LABEL[d.app] ?? d.app)}
        ${
          d.strikes?.count
            ? badge(`Strike ${d.strikes.count} of ${d.strikes.max}`, d.strikes.count >= d.strikes.max ? 'bad' : 'warn')
            : nothing
        }
        ${d.ignored ? badge('Ignored') : nothing}
      </div>
    </div>
    ${progressBar(d.progress, tone === 'muted' ? 'info' : tone, `Progress of ${nameOf(d)}`)}
    <div class="row nums small muted">
      <span><b>${Math.round(d.progress)}%</b> of ${bytes(d.sizeBytes)}</span>
      ${active ? html`<span>${bytes(d.bytesLeft)} left</span>` : nothing}
      ${moving ? html`<span>${speed(d.speedBps)}</span>` : nothing}
      ${moving && d.etaSeconds ? html`<span>ETA ${duration(d.etaSeconds)}</span>` : nothing}
      ${d.category ? html`<span>${d.category}</span>` : nothing}
    </div>
    ${why ? html`<p class="why">${why}</p>` : nothing}
    ${
      d.state === 'completed' || d.state === 'removed' || d.state === 'replaced'
        ? html`<div class="row acts">${historyButton(a, d, panel)}</div>`
        : html`<div class="row acts">
            ${
              canReplace
                ? html`<button
                    class="primary"
                    data-act="replace"
                    ?disabled=${busy}
                    @click=${(e: Event) => void replace(a, d, e.currentTarget)}
                  >
                    Replace…
                  </button>`
                : canSabRetry
                  ? html`<button
                      class="primary"
                      data-act="retry"
                      ?disabled=${busy}
                      @click=${(e: Event) =>
                        void run(a, d, e.currentTarget, () =>
                          act(() => retryDownload(d.id), `${nameOf(d)}: SABnzbd downloads it again`),
                        )}
                    >
                      Retry in SABnzbd
                    </button>`
                  : nothing
            }
            ${a.explain?.button(d) ?? nothing}
            <button data-act="ignore" ?disabled=${busy} @click=${(e: Event) => ignore(a, d, e.currentTarget)}>
              ${d.ignored ? 'Watch again' : 'Ignore'}
            </button>
            <button
              class="danger"
              data-act="remove"
              ?disabled=${busy}
              @click=${(e: Event) => void remove(a, d, e.currentTarget)}
            >
              Remove…
            </button>
            ${historyButton(a, d, panel)}
          </div>`
    }
    ${a.explain?.panel(d) ?? nothing}
    ${
      a.expanded?.has(d.id)
        ? html`<autoarr-download-timeline id=${panel} .downloadId=${d.id}></autoarr-download-timeline>`
        : nothing
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
