// Audit: score per app, findings grouped by severity (why, where, source), an explanation per finding, fix with a
// preview, fix all safe findings, and the change history with rollback.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type {
  AuditChange,
  AuditFinding,
  AuditFixPreview,
  AuditReport,
  AuditSeverity,
} from '../../../../autoarr/src/shared/types.js';
import { ago, clock, type Tone } from '../../shared/format.js';
import { live } from '../../shared/live.js';
import { fixAllSafe, fixFinding, getAudit, getAuditChanges, rollbackChange, runAudit } from '../data.js';
import { Explanations, explainStyles, findingExplain } from '../explain-panel.js';
import { act, confirmAction, toast } from '../feedback.js';
import { badge, emptyState, view } from '../parts.js';
import { Resource } from '../resource.js';
import { shared } from '../styles.js';
import { auditStyles } from './audit-styles.js';

const SEVERITIES: Array<{ id: AuditSeverity; label: string; tone: Tone }> = [
  { id: 'critical', label: 'Critical', tone: 'bad' },
  { id: 'warning', label: 'Warnings', tone: 'warn' },
  { id: 'info', label: 'Suggestions', tone: 'info' },
];

const show = (v: unknown) =>
  v === undefined || v === null || v === '' ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v);

function scoreTone(score: number | null): Tone {
  if (score === null) return 'muted';
  return score >= 90 ? 'ok' : score >= 70 ? 'warn' : 'bad';
}

export class AuditPage extends LitElement {
  static override properties = { previews: { state: true }, busy: { state: true } };
  static override styles = [shared, auditStyles, explainStyles];
  declare previews: Map<string, AuditFixPreview | 'loading'>;
  declare busy: string;
  private readonly report = new Resource<AuditReport>(this, getAudit);
  private readonly changes = new Resource<AuditChange[]>(this, getAuditChanges);
  private readonly explain = new Explanations(findingExplain, () => this.requestUpdate());
  private off?: () => void;

  constructor() {
    super();
    this.previews = new Map();
    this.busy = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.off = live.on((name) => {
      if (name === 'audit.completed' || name === 'audit.changed') {
        void this.report.reload();
        void this.changes.reload();
      }
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
  }

  private async reloadAll(): Promise<void> {
    await Promise.all([this.report.reload(), this.changes.reload()]);
  }

  private async withBusy(key: string, fn: () => Promise<unknown>): Promise<void> {
    this.busy = key;
    try {
      await fn();
    } finally {
      this.busy = '';
    }
  }

  private async run(): Promise<void> {
    await this.withBusy('run', async () => {
      if (await act(runAudit, 'Audit finished')) await this.reloadAll();
    });
  }

  private async preview(f: AuditFinding): Promise<void> {
    this.previews = new Map(this.previews).set(f.id, 'loading');
    try {
      const r = await fixFinding(f.id, true);
      if (!r.preview) throw new Error(r.message);
      this.previews = new Map(this.previews).set(f.id, r.preview);
    } catch (err) {
      const next = new Map(this.previews);
      next.delete(f.id);
      this.previews = next;
      toast((err as Error).message, 'bad');
    }
  }

  private cancel(id: string): void {
    const next = new Map(this.previews);
    next.delete(id);
    this.previews = next;
  }

  private async apply(f: AuditFinding): Promise<void> {
    await this.withBusy(f.id, async () => {
      if (await act(() => fixFinding(f.id, false), `Fixed: ${f.title}`)) {
        this.cancel(f.id);
        await this.reloadAll();
      }
    });
  }

  private async fixAll(): Promise<void> {
    await this.withBusy('all', async () => {
      let count = 0;
      try {
        const dry = await fixAllSafe(true);
        count = dry.results.length;
      } catch (err) {
        toast((err as Error).message, 'bad');
        return;
      }
      if (!count) {
        toast('There is nothing AutoArr can fix safely right now.', 'info');
        return;
      }
      const answer = await confirmAction({
        title: `Fix ${count} finding${count > 1 ? 's' : ''}?`,
        message:
          'AutoArr writes each setting, reads it back to verify, and records the change so you can roll it back below.',
        confirmLabel: 'Fix all safe findings',
      });
      if (!answer.ok) return;
      if (await act(() => fixAllSafe(false), 'Safe findings fixed')) await this.reloadAll();
    });
  }

  private async rollback(c: AuditChange): Promise<void> {
    const answer = await confirmAction({
      title: 'Roll back this change?',
      message: `${c.instanceName}: "${c.setting}" goes back from ${show(c.newValue)} to ${show(c.oldValue)}.`,
      confirmLabel: 'Roll back',
      danger: true,
    });
    if (!answer.ok) return;
    await this.withBusy(`rb${c.id}`, async () => {
      if (await act(() => rollbackChange(c.id), `Rolled back: ${c.title}`)) await this.reloadAll();
    });
  }

  override render(): TemplateResult {
    const run = this.report.data?.run;
    const fixable = run?.findings.filter((f) => f.fixable).length ?? 0;
    return html`
      <div class="page-head">
        <div>
          <h1>Audit</h1>
          <p>
            Your apps' settings checked against best practice. ${run ? html`Last run ${ago(run.finishedAt)}.` : nothing}
          </p>
        </div>
        <div class="row">
          <button @click=${() => void this.run()} ?disabled=${!!this.busy}>
            ${this.busy === 'run' ? 'Running…' : 'Run audit now'}
          </button>
          <button class="primary" @click=${() => void this.fixAll()} ?disabled=${!!this.busy || !fixable}>
            Fix all safe findings${fixable ? ` (${fixable})` : ''}
          </button>
        </div>
      </div>
      ${view(this.report, 'The audit', (r) => this.renderReport(r), 4)}
      <section aria-labelledby="chg-h">
        <h2 id="chg-h">Change history</h2>
        ${view(this.changes, 'Change history', (list) => this.renderChanges(list), 2)}
      </section>
    `;
  }

  private renderReport(r: AuditReport): TemplateResult {
    const run = r.run;
    if (!run) return emptyState('No audit has run yet.', 'Press "Run audit now"; it takes a few seconds.');
    return html`
      <div class="scores">
        <div class="card score overall">
          <div class="label">Overall</div>
          <div class="big tone-text-${scoreTone(run.score)}">
            ${run.score === null ? '–' : `${Math.round(run.score)}%`}
          </div>
          <div class="muted small">
            ${run.findings.length} findings${run.driftCount ? ` · ${run.driftCount} new` : ''}
          </div>
        </div>
        ${run.instances.map(
          (i) =>
            html`<div class="card score">
              <div class="label">${i.name}</div>
              <div class="big tone-text-${scoreTone(i.score)}">
                ${i.score === null ? '–' : `${Math.round(i.score)}%`}
              </div>
              <div class="muted small">${i.passed} passed · ${i.failed} failed</div>
              ${i.errors.map((e) => html`<p class="small err">${e}</p>`)}
            </div>`,
        )}
      </div>
      ${
        run.findings.length
          ? SEVERITIES.map((s) => {
              const group = run.findings.filter((f) => f.severity === s.id);
              if (!group.length) return nothing;
              const list = html`<ul class="findings">
                ${group.map((f) => this.renderFinding(f, s.tone))}
              </ul>`;
              // Suggestions need judgement and are never urgent: folded so problems stay on top.
              return s.id === 'info'
                ? html`<section>
                    <details>
                      <summary><h2>${s.label} ${badge(String(group.length), s.tone)}</h2></summary>
                      ${list}
                    </details>
                  </section>`
                : html`<section aria-labelledby="sev-${s.id}">
                    <h2 id="sev-${s.id}">${s.label} ${badge(String(group.length), s.tone)}</h2>
                    ${list}
                  </section>`;
            })
          : emptyState('No findings: every checked setting follows best practice.')
      }
    `;
  }

  private renderFinding(f: AuditFinding, tone: Tone): TemplateResult {
    const p = this.previews.get(f.id);
    return html`<li class="card finding sev-${f.severity}" data-finding=${f.id}>
      <div class="spread">
        <h3>${f.title}${f.subject ? html` <span class="muted">— ${f.subject}</span>` : nothing}</h3>
        <div class="row">${badge(f.instanceName)} ${f.drift ? badge('new', tone) : nothing}</div>
      </div>
      <p>${f.why}</p>
      ${f.detail ? html`<p class="muted small">${f.detail}</p>` : nothing}
      <dl class="kv">
        <dt>Where</dt>
        <dd>${f.settingUi}</dd>
        <dt>Now</dt>
        <dd><code>${show(f.current)}</code></dd>
        <dt>Expected</dt>
        <dd>${f.expected}</dd>
        <dt>Source</dt>
        <dd>
          <a href=${f.source} target="_blank" rel="noreferrer noopener">${f.source.replace(/^https?:\/\//, '')}</a>
        </dd>
      </dl>
      ${
        p && p !== 'loading'
          ? html`<div class="preview" role="region" aria-label="Fix preview">
                <div>
                  <strong>${p.setting}</strong>: <code>${show(p.current)}</code> → <code>${show(p.proposed)}</code>
                </div>
                <p class="small">${p.effect}</p>
                <div class="row">
                  <button class="primary" ?disabled=${this.busy === f.id} @click=${() => void this.apply(f)}>
                    ${this.busy === f.id ? 'Applying…' : 'Apply fix'}
                  </button>
                  <button class="ghost" @click=${() => this.cancel(f.id)}>Cancel</button>
                </div>
              </div>
              <div class="row">${this.explain.button(f)}</div>`
          : f.fixable
            ? html`<div class="row">
                <button ?disabled=${p === 'loading'} @click=${() => void this.preview(f)}>
                  ${p === 'loading' ? 'Preparing…' : 'Fix…'}
                </button>
                ${this.explain.button(f)}
              </div>`
            : html`<p class="muted small">Change this in ${f.instanceName} yourself; it needs your judgement.</p>
                <div class="row">${this.explain.button(f)}</div>`
      }
      ${this.explain.panel(f)}
    </li>`;
  }

  private renderChanges(list: AuditChange[]): TemplateResult {
    if (!list.length)
      return emptyState('No changes yet.', 'Every fix AutoArr makes is listed here and can be rolled back.');
    return html`<div class="card">
      <ul class="changes">
        ${list.map(
          (c) =>
            html`<li data-change=${c.id}>
              <div>
                <div>
                  ${badge(c.kind === 'fix' ? 'Fix' : 'Rollback', c.kind === 'fix' ? 'info' : 'muted')}
                  <strong>${c.title}</strong> <span class="muted">· ${c.instanceName}</span>
                </div>
                <div class="small">
                  ${c.setting}: <code>${show(c.oldValue)}</code> → <code>${show(c.newValue)}</code>
                </div>
                <div class="muted small">
                  ${clock(c.at)} by ${c.by}${c.rolledBackByChangeId ? ' · rolled back' : ''}
                </div>
              </div>
              ${
                c.canRollback
                  ? html`<button class="danger" ?disabled=${!!this.busy} @click=${() => void this.rollback(c)}>
                      Roll back
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </div>`;
  }
}

customElements.define('autoarr-audit', AuditPage);
