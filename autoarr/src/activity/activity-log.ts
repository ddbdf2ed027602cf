// The activity log: every detection, decision and action with what, why and evidence. Written before and after
// each action so a restart in the middle neither repeats nor loses it.
import type { EventBus } from '../bus/bus.js';
import type { Db } from '../db/database.js';
import { redactText, redactValue } from '../log/redact.js';
import type { ActivityKind } from '../shared/domain.js';
import type { ActivityEntry, Paged } from '../shared/types.js';

export interface NewActivity {
  kind: ActivityKind;
  action: string;
  message: string;
  downloadId?: string;
  instanceId?: string;
  title?: string;
  evidence?: Record<string, unknown>;
  dryRun?: boolean;
}

/**
 * Row size limits. Messages quote upstream text (an *arr message, a release name), which has no length limit of its
 * own; a few oversized rows per poll would otherwise grow the file and every /api/activity page without bound.
 */
export const ACTIVITY_LIMITS = { message: 2_000, title: 500, action: 100, evidenceBytes: 16_384 };

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Evidence as stored: redacted JSON, or a short note with the start of it when it is too big to keep whole. */
function evidenceJson(evidence: Record<string, unknown>): string {
  const json = JSON.stringify(redactValue(evidence));
  if (Buffer.byteLength(json) <= ACTIVITY_LIMITS.evidenceBytes) return json;
  return JSON.stringify({
    truncated: true,
    note: `The evidence was ${Math.round(Buffer.byteLength(json) / 1024)} KB; only its start is kept.`,
    start: json.slice(0, 2_000),
  });
}

export interface ActivityQuery {
  page?: number;
  pageSize?: number;
  kind?: string;
  downloadId?: string;
  instanceId?: string;
  since?: string;
}

export class ActivityLog {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(entry: NewActivity): Promise<number> {
    const message = clip(redactText(entry.message), ACTIVITY_LIMITS.message);
    const action = clip(entry.action, ACTIVITY_LIMITS.action);
    const row = await this.db
      .insertInto('activity')
      .values({
        time: this.now().toISOString(),
        kind: entry.kind,
        action,
        message,
        download_id: entry.downloadId ?? null,
        instance_id: entry.instanceId ?? null,
        title: entry.title ? clip(redactText(entry.title), ACTIVITY_LIMITS.title) : null,
        evidence: entry.evidence ? evidenceJson(entry.evidence) : null,
        dry_run: entry.dryRun ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    this.bus.emit('activity.added', { id: row.id, kind: entry.kind, action, message });
    return row.id;
  }

  async list(q: ActivityQuery = {}): Promise<Paged<ActivityEntry>> {
    const page = Math.max(1, q.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, q.pageSize ?? 50));
    let query = this.db.selectFrom('activity');
    if (q.kind) query = query.where('kind', '=', q.kind);
    if (q.downloadId) query = query.where('download_id', '=', q.downloadId);
    if (q.instanceId) query = query.where('instance_id', '=', q.instanceId);
    if (q.since) query = query.where('time', '>=', q.since);
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        time: r.time,
        kind: r.kind,
        action: r.action,
        message: r.message,
        ...(r.download_id ? { downloadId: r.download_id } : {}),
        ...(r.instance_id ? { instanceId: r.instance_id } : {}),
        ...(r.title ? { title: r.title } : {}),
        ...(r.evidence ? { evidence: JSON.parse(r.evidence) as Record<string, unknown> } : {}),
        ...(r.dry_run ? { dryRun: true } : {}),
      })),
      total: Number(total),
      page,
      pageSize,
    };
  }

  /** Removes entries older than the retention, so the file does not grow forever. */
  async prune(olderThan: Date): Promise<number> {
    const res = await this.db.deleteFrom('activity').where('time', '<', olderThan.toISOString()).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
