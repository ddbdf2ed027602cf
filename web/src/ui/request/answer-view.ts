// How one answer to a request reads: a heading that names the outcome, AutoArr's sentence, what exactly would be
// done (app, root folder, profile, search now) and the notes. Pure templates; the box owns the buttons' effects.
import { html, nothing, type TemplateResult } from 'lit';
import type { RequestOption } from '../../../../autoarr/src/request/types.js';
import type { Tone } from '../../shared/format.js';
import { badge } from '../parts.js';
import type { RequestAnswer } from './api.js';

type Plan = NonNullable<RequestAnswer['plan']>;

/** The heading and its tone for each outcome; a dry run is named wherever it changes what Confirm does. */
export function headline(a: RequestAnswer): { title: string; tone: Tone } {
  switch (a.outcome) {
    case 'preview':
      return { title: a.plan?.action === 'search' ? 'In your library: search for it?' : 'Add this?', tone: 'info' };
    case 'question':
      return { title: 'More than one title fits', tone: 'info' };
    case 'exists':
      return {
        title: /already on Plex/.test(a.message) ? 'Already on Plex' : 'Already in your library',
        tone: 'ok',
      };
    case 'downloading':
      return { title: 'Already downloading', tone: 'ok' };
    case 'done':
      return a.dryRun ? { title: 'Dry run: nothing was changed', tone: 'warn' } : { title: 'Done', tone: 'ok' };
    case 'not_found':
      return { title: 'Nothing found', tone: 'warn' };
    case 'status':
      return { title: 'Status', tone: 'info' };
    case 'not_a_request':
      return { title: 'That is not a request AutoArr understands', tone: 'warn' };
    case 'unavailable':
      return { title: 'AutoArr could not look it up', tone: 'bad' };
    case 'expired':
      return { title: 'This preview has expired', tone: 'warn' };
  }
}

const appWord = (p: Plan) => (p.app === 'radarr' ? 'movies' : 'series');

/** What confirming would do (or did), field by field. */
export function planDetails(p: Plan): TemplateResult {
  const what = [
    p.year ? `${p.title} (${p.year})` : p.title,
    p.season !== undefined ? `season ${p.season}` : '',
    p.episode !== undefined ? `episode ${p.episode}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return html`<dl class="kv plan">
    <dt>Title</dt>
    <dd>${what}</dd>
    <dt>Where</dt>
    <dd>${p.instanceName} (${appWord(p)})</dd>
    ${
      p.action === 'add'
        ? html`<dt>Root folder</dt>
            <dd>${p.rootFolder ?? 'the instance default'}</dd>
            <dt>Quality profile</dt>
            <dd>${p.qualityProfile?.name ?? 'the instance default'}</dd>
            <dt>Search now</dt>
            <dd>${p.search ? 'Yes, right after adding' : 'No, it waits for new releases'}</dd>`
        : html`<dt>Action</dt>
            <dd>Search for what is missing (it is already in ${p.instanceName})</dd>`
    }
  </dl>`;
}

export function notesList(a: RequestAnswer): TemplateResult | typeof nothing {
  if (a.notes.length === 0) return nothing;
  return html`<ul class="notes">
    ${a.notes.map((n) => html`<li class="notice tone-warn">${n}</li>`)}
  </ul>`;
}

/** One choice of a question: title, year, type, where, whether it is already there, a summary snippet. */
export function optionBody(o: RequestOption): TemplateResult {
  return html`<span class="opt-title"
      >${o.title}${o.year ? html` <span class="muted">(${o.year})</span>` : nothing}</span
    >
    <span class="row small">
      ${badge(o.mediaType === 'movie' ? 'Movie' : 'Series', 'muted')} <span class="muted">${o.instanceName}</span>
      ${o.inLibrary ? badge('Already in library', 'ok') : nothing}
    </span>
    ${o.overview ? html`<span class="small overview">${o.overview}</span>` : nothing}`;
}

export function byLine(a: RequestAnswer): TemplateResult | typeof nothing {
  return a.interpretedBy === 'llm'
    ? html`<p class="small muted">Read by the LLM set up for AutoArr; nothing happens before you confirm.</p>`
    : nothing;
}
