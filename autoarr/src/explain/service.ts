// The explanation service: a download id or an audit finding id → its facts → AutoArr's own text → the LLM's
// rewording when one is set up. Reads the monitor's view and the audit's latest report; changes nothing.
import { UserError } from '../core/errors.js';
import type { ActivityEntry, AuditReport, Download, Explanation } from '../shared/types.js';
import { downloadFacts, downloadText, type Switches } from './download.js';
import { findingFacts, findingText } from './finding.js';
import type { ExplanationWriter } from './writer.js';

type Awaitable<T> = T | Promise<T>;

export interface ExplainDeps {
  view?: { get(id: string): Awaitable<Download | undefined>; timeline(id: string): Awaitable<ActivityEntry[]> };
  audit?: { latest(): Awaitable<AuditReport> };
  switches: () => Switches;
  now: () => Date;
  writer: ExplanationWriter;
}

export class ExplainService {
  constructor(private readonly deps: ExplainDeps) {}

  async download(id: string): Promise<Explanation> {
    const view = this.deps.view;
    if (!view)
      throw new UserError(
        'unavailable',
        'The download monitor is not running, so there is nothing to explain; check the AutoArr log for why.',
        503,
      );
    const d = await view.get(id);
    if (!d)
      throw new UserError(
        'not_found',
        `No download with id ${id} is being watched; list them with GET /api/downloads.`,
        404,
      );
    const facts = downloadFacts(d, await view.timeline(id), this.deps.switches(), this.deps.now());
    const tracked = d.app === 'sonarr' || d.app === 'radarr';
    const w = await this.deps.writer.write(facts, downloadText(facts, tracked));
    return { about: 'download', id: d.id, title: facts.name, ...w };
  }

  async finding(id: string): Promise<Explanation> {
    if (!this.deps.audit)
      throw new UserError(
        'unavailable',
        'The settings audit is not running, so there is no finding to explain; check the AutoArr log for why.',
        503,
      );
    const f = (await this.deps.audit.latest()).run?.findings.find((x) => x.id === id);
    if (!f)
      throw new UserError(
        'not_found',
        `No finding ${id} in the latest audit; list the findings with GET /api/audit, or run the audit again.`,
        404,
      );
    const facts = findingFacts(f);
    const w = await this.deps.writer.write(facts, findingText(facts));
    return { about: 'finding', id: f.id, title: facts.check, ...w };
  }

  /** Either kind of id: findings are "f_" + 12 hex digits; anything else is looked up as a download first. */
  async any(id: string): Promise<Explanation> {
    if (/^f_[0-9a-f]{12}$/.test(id)) return this.finding(id);
    return this.download(id);
  }
}
