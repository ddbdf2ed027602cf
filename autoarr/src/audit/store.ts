// Audit runs, findings and changes in SQLite. Everything written here has had its secrets dropped already;
// values are additionally passed through redactValue as a second line of defence.
import type { Db } from '../db/database.js';
import { redactValue } from '../log/redact.js';
import type { AuditCheckResult, AuditFinding, AuditInstanceScore, AuditRun } from '../shared/types.js';
import type { WriteTarget } from './types.js';

interface RunSummary {
  instances: AuditInstanceScore[];
  checks: AuditCheckResult[];
  driftCount: number;
}

export interface NewRun {
  startedAt: string;
  finishedAt: string;
  trigger: AuditRun['trigger'];
  by: string;
  score: number | null;
  instances: AuditInstanceScore[];
  checks: AuditCheckResult[];
  findings: AuditFinding[];
}

export interface StoredChange {
  id: number;
  kind: 'fix' | 'rollback';
  at: string;
  by: string;
  findingKey: string | null;
  ruleId: string;
  instanceId: string;
  target: WriteTarget;
  oldValue: unknown;
  newValue: unknown;
  revertsChangeId: number | null;
  rolledBackByChangeId: number | null;
}

export type NewChange = Omit<StoredChange, 'id' | 'rolledBackByChangeId'>;

/** How many runs to keep; older runs and their findings are removed after each run. */
export const KEEP_RUNS = 100;

const json = (v: unknown) => JSON.stringify(redactValue(v) ?? null);

export class AuditStore {
  constructor(private readonly db: Db) {}

  async saveRun(run: NewRun): Promise<AuditRun> {
    const driftCount = run.findings.filter((f) => f.drift).length;
    const summary: RunSummary = { instances: run.instances, checks: run.checks, driftCount };
    const id = await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('audit_runs')
        .values({
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          trigger: run.trigger,
          by: run.by,
          score: run.score,
          summary: json(summary),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (run.findings.length) {
        await tx
          .insertInto('audit_findings')
          .values(
            run.findings.map((f) => ({
              run_id: row.id,
              finding_key: f.id,
              rule_id: f.ruleId,
              instance_id: f.instanceId,
              severity: f.severity,
              subject: f.subject ?? null,
              body: json(f),
              drift: f.drift ? 1 : 0,
            })),
          )
          .execute();
      }
      return row.id;
    });
    await this.prune();
    return (await this.run(id))!;
  }

  async run(id: number): Promise<AuditRun | undefined> {
    const row = await this.db.selectFrom('audit_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const findings = await this.db
      .selectFrom('audit_findings')
      .select('body')
      .where('run_id', '=', id)
      .orderBy('id')
      .execute();
    const summary = JSON.parse(row.summary) as RunSummary;
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      trigger: row.trigger as AuditRun['trigger'],
      by: row.by,
      score: row.score,
      instances: summary.instances,
      checks: summary.checks,
      findings: findings.map((f) => JSON.parse(f.body) as AuditFinding),
      driftCount: summary.driftCount,
    };
  }

  async latestRun(): Promise<AuditRun | undefined> {
    const row = await this.db.selectFrom('audit_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? this.run(row.id) : undefined;
  }

  async latestRunTime(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('audit_runs')
      .select('finished_at')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.finished_at;
  }

  async addChange(c: NewChange): Promise<StoredChange> {
    const row = await this.db
      .insertInto('audit_changes')
      .values({
        kind: c.kind,
        at: c.at,
        by: c.by,
        finding_key: c.findingKey,
        rule_id: c.ruleId,
        instance_id: c.instanceId,
        target: JSON.stringify(c.target),
        old_value: json(c.oldValue),
        new_value: json(c.newValue),
        reverts_change_id: c.revertsChangeId,
        rolled_back_by_change_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (c.revertsChangeId !== null) {
      await this.db
        .updateTable('audit_changes')
        .set({ rolled_back_by_change_id: row.id })
        .where('id', '=', c.revertsChangeId)
        .execute();
    }
    return (await this.change(row.id))!;
  }

  async change(id: number): Promise<StoredChange | undefined> {
    const row = await this.db.selectFrom('audit_changes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toChange(row) : undefined;
  }

  async changes(limit = 200): Promise<StoredChange[]> {
    const rows = await this.db.selectFrom('audit_changes').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toChange);
  }

  private async prune(): Promise<void> {
    const cutoff = await this.db
      .selectFrom('audit_runs')
      .select('id')
      .orderBy('id', 'desc')
      .offset(KEEP_RUNS)
      .limit(1)
      .executeTakeFirst();
    if (!cutoff) return;
    await this.db.deleteFrom('audit_findings').where('run_id', '<=', cutoff.id).execute();
    await this.db.deleteFrom('audit_runs').where('id', '<=', cutoff.id).execute();
  }
}

type ChangeRow = {
  id: number;
  kind: string;
  at: string;
  by: string;
  finding_key: string | null;
  rule_id: string;
  instance_id: string;
  target: string;
  old_value: string;
  new_value: string;
  reverts_change_id: number | null;
  rolled_back_by_change_id: number | null;
};

function toChange(r: ChangeRow): StoredChange {
  return {
    id: r.id,
    kind: r.kind === 'rollback' ? 'rollback' : 'fix',
    at: r.at,
    by: r.by,
    findingKey: r.finding_key,
    ruleId: r.rule_id,
    instanceId: r.instance_id,
    target: JSON.parse(r.target) as WriteTarget,
    oldValue: JSON.parse(r.old_value) as unknown,
    newValue: JSON.parse(r.new_value) as unknown,
    revertsChangeId: r.reverts_change_id,
    rolledBackByChangeId: r.rolled_back_by_change_id,
  };
}
