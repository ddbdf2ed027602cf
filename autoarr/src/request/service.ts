// The request service: text → intent (rules, then an LLM if one is set up and the rules could not) → candidates →
// a preview with a one-time token → on confirm, the add or search. The LLM only proposes an intent: every write
// goes through the same preview and confirm, and dry run is honoured.
import { randomBytes } from 'node:crypto';
import type { ActivityLog } from '../activity/activity-log.js';
import type { Logger } from '../log/logger.js';
import { executePlan } from './execute.js';
import type { Interpreter } from './llm/interpreter.js';
import { findCandidates, arrLookupPort } from './lookup.js';
import { parseRequest } from './parse.js';
import { planFor, RequestPlanError, type RequestApps, type RequestPlan } from './plan.js';
import type { AddIntent, Intent, RankedCandidate, RequestAnswer, RequestOption } from './types.js';

export interface RequestServiceDeps {
  apps: RequestApps;
  activity: Pick<ActivityLog, 'add'>;
  dryRun: () => boolean;
  now: () => Date;
  log: Logger;
  /** An LLM for what the rules cannot read; absent without ANTHROPIC_API_KEY / LLM_BASE_URL. */
  llm?: Interpreter;
}

export interface PreviewInput {
  text: string;
  /** The answer to a question: which of the offered titles. */
  choice?: { instanceId: string; externalId: number };
  by: string;
}

const MAX_TEXT = 500;
const TOKEN_TTL_MS = 15 * 60_000;
const MAX_PENDING = 200;

export class RequestService {
  private readonly pending = new Map<string, { plan: RequestPlan; expires: number }>();

  constructor(private readonly deps: RequestServiceDeps) {}

  async preview(input: PreviewInput): Promise<RequestAnswer> {
    const text = input.text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
    const notes: string[] = [];
    const year = this.deps.now().getUTCFullYear();
    const arr = this.deps.apps.instances().filter((i) => i.app === 'sonarr' || i.app === 'radarr');
    let intent: Intent = parseRequest(text, { instances: arr, year });
    let interpretedBy: RequestAnswer['interpretedBy'] = 'rules';

    const askLlm = async (): Promise<boolean> => {
      const llm = this.deps.llm;
      if (!llm) return false;
      try {
        const proposed = await llm.interpret(text, { instances: arr, year });
        if (proposed.kind === 'none' && intent.kind !== 'none') return false;
        intent = proposed;
        interpretedBy = 'llm';
        return true;
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        notes.push(`${llm.name} could not help (${why}); AutoArr's built-in rules answered instead.`);
        this.deps.log.warn('request: the LLM failed, using the built-in rules', { err: why });
        return false;
      }
    };
    if (intent.kind === 'none') await askLlm();

    const answer = (a: Omit<RequestAnswer, 'notes' | 'interpretedBy' | 'intent'>): RequestAnswer => ({
      ...a,
      notes,
      interpretedBy,
      intent,
      ...(this.deps.dryRun() ? { dryRun: true } : {}),
    });

    if (intent.kind === 'none')
      return answer({
        outcome: 'not_a_request',
        message:
          'That does not look like a request for a show or movie. Try "add Dune Part Two", "add Severance season 2 in 4K" or "is Oppenheimer downloading?".',
      });
    if (arr.length === 0)
      return answer({
        outcome: 'unavailable',
        message: 'No Sonarr or Radarr is set up, so AutoArr cannot add anything. Add one in the Configuration tab.',
      });
    if (intent.kind === 'status' && !intent.title)
      return answer({
        outcome: 'status',
        message:
          'The Downloads page lists everything that is downloading. To ask about one title, say "is <title> downloading?".',
      });

    const asStatus = intent.kind === 'status';
    let add: AddIntent =
      intent.kind === 'status' ? { kind: 'add', title: intent.title!, rawTitle: intent.title! } : intent;
    const port = arrLookupPort(this.deps.apps);
    let found = await findCandidates(add, arr, port);
    if (found.outcome.kind === 'not_found' && !asStatus && interpretedBy === 'rules' && (await askLlm())) {
      if (intent.kind === 'add') {
        add = intent;
        found = await findCandidates(add, arr, port);
      }
    }
    if (found.failed.length > 0 && found.failed.length === found.instances.length) {
      // Down or slow: "check it is running". Anything else (a refused key, a wrong URL) has its own advice.
      const unreachable = found.failed.every(
        (f) => f.kind === undefined || f.kind === 'unreachable' || f.kind === 'timeout',
      );
      return answer({
        outcome: 'unavailable',
        message: unreachable
          ? `${found.instances.map((i) => i.name).join(' and ')} could not be reached, so nothing was looked up. Check that ${found.instances.length > 1 ? 'they are' : 'it is'} running, then ask again.`
          : `Nothing was looked up. ${found.failed.map((f) => sentence(f.error)).join(' ')}`,
      });
    }

    for (const f of found.failed) notes.push(`${f.instance.name} could not be searched: ${f.error}`);

    let match: RankedCandidate | undefined;
    const o = found.outcome;
    if (input.choice) {
      const all = o.kind === 'match' ? [o.best, ...o.others] : o.kind === 'ambiguous' ? o.options : o.near;
      match = all.find((c) => c.instanceId === input.choice!.instanceId && c.externalId === input.choice!.externalId);
    } else if (o.kind === 'match') match = o.best;

    if (!match && o.kind === 'ambiguous')
      return answer({
        outcome: 'question',
        message: `Which one do you mean: ${o.options.map(optionLabel).join(', or ')}?`,
        options: o.options.map(toOption),
      });
    if (!match) {
      const where = found.instances.map((i) => i.name).join(' and ');
      const near = o.kind === 'not_found' && o.near.length ? ` Closest: ${o.near.map(optionLabel).join(', ')}.` : '';
      return answer({
        outcome: 'not_found',
        message: `${where} found nothing called "${add.title}". Check the spelling, or add the year.${near}`,
      });
    }
    if (asStatus && match.libraryId === undefined)
      return answer({
        outcome: 'status',
        message: `${optionLabel(match)} is not in ${match.instanceName}. Say "add ${match.title}" to request it.`,
      });

    try {
      const p = await planFor(add, match, this.deps.apps, this.deps.now());
      notes.push(...p.notes);
      const token = p.plan ? this.remember(p.plan) : undefined;
      const outcome = p.kind === 'plan' ? 'preview' : p.kind;
      const dry = this.deps.dryRun() && p.plan ? ' Dry run is on: confirming will only record what would be done.' : '';
      return answer({
        outcome,
        message: p.message + dry,
        ...(p.plan ? { plan: p.plan, previewId: token } : {}),
      });
    } catch (err) {
      if (err instanceof RequestPlanError) return answer({ outcome: 'unavailable', message: err.message });
      throw err;
    }
  }

  async confirm(input: { previewId: string; by: string }): Promise<RequestAnswer> {
    this.prune();
    const entry = this.pending.get(input.previewId);
    const base = { notes: [] as string[], interpretedBy: 'rules' as const };
    if (!entry)
      return {
        ...base,
        outcome: 'expired',
        message: 'That preview has expired or was already used. Ask again to get a fresh preview.',
      };
    this.pending.delete(input.previewId);
    const { plan } = entry;
    const label = plan.year ? `${plan.title} (${plan.year})` : plan.title;
    if (this.deps.dryRun()) {
      const would =
        plan.action === 'add' ? `add ${label} to ${plan.instanceName}` : `search for ${label} in ${plan.instanceName}`;
      await this.deps.activity.add({
        kind: 'action',
        action: 'request',
        message: `Dry run: would ${would} (asked by ${input.by}); nothing was changed.`,
        instanceId: plan.instanceId,
        title: plan.title,
        dryRun: true,
      });
      return {
        ...base,
        outcome: 'done',
        dryRun: true,
        plan,
        message: `Dry run is on, so nothing was changed. AutoArr would ${would}.`,
      };
    }
    const message = await executePlan(plan, this.deps.apps);
    await this.deps.activity.add({
      kind: 'action',
      action: 'request',
      message: `${message} (asked by ${input.by})`,
      instanceId: plan.instanceId,
      title: plan.title,
      evidence: {
        action: plan.action,
        externalId: plan.externalId,
        rootFolder: plan.rootFolder,
        profile: plan.qualityProfile?.name,
      },
    });
    this.deps.log.info(`request: ${message}`, { by: input.by });
    return { ...base, outcome: 'done', plan, message };
  }

  private remember(plan: RequestPlan): string {
    this.prune();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const token = randomBytes(12).toString('base64url');
    this.pending.set(token, { plan, expires: this.deps.now().getTime() + TOKEN_TTL_MS });
    return token;
  }

  private prune(): void {
    const now = this.deps.now().getTime();
    for (const [k, v] of this.pending) if (v.expires <= now) this.pending.delete(k);
  }
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? '' : '.'}`;

function optionLabel(c: RankedCandidate): string {
  return `${c.title}${c.year ? ` (${c.year})` : ''}, ${c.app === 'radarr' ? 'movie' : 'series'}${c.libraryId !== undefined ? `, already in ${c.instanceName}` : ''}`;
}

function toOption(c: RankedCandidate): RequestOption {
  return {
    title: c.title,
    year: c.year,
    mediaType: c.app === 'radarr' ? 'movie' : 'series',
    instanceId: c.instanceId,
    instanceName: c.instanceName,
    externalId: c.externalId,
    inLibrary: c.libraryId !== undefined,
    ...(c.overview ? { overview: c.overview } : {}),
  };
}
