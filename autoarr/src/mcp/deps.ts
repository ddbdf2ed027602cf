// What the MCP tools need. The monitor's read-only view and the audit service come through the factory arguments
// (never by reaching into those features), and are optional: without them their tools say what is missing.
import type { CoreContext } from '../core/context.js';
import type { ActivityEntry, AuditChange, AuditReport, Download, Explanation } from '../shared/types.js';

type Awaitable<T> = T | Promise<T>;

/** The monitor's read-only query object (`createMonitor(ctx).view`). */
export interface MonitorView {
  list(): Awaitable<Download[]>;
  get(id: string): Awaitable<Download | undefined>;
  timeline(id: string): Awaitable<ActivityEntry[]>;
  /** False while a bus-fed view has not heard from the monitor yet. */
  ready?(): boolean;
}

export interface McpDeps {
  ctx: CoreContext;
  view?: MonitorView;
  audit?: AuditPort;
  explain?: ExplainPort;
}

/** The explanations service (`explainFeature(ctx).service`): a download or audit finding id → plain words. */
export interface ExplainPort {
  any(id: string): Promise<Explanation>;
}

/** The read side of the audit service (`createAudit(ctx).service`); runs, fixes and rollbacks go through commands. */
export interface AuditPort {
  latest(): Awaitable<AuditReport>;
  /** Recorded fixes and rollbacks, newest first; lets a rollback preview say exactly what it restores. */
  changes?(): Awaitable<AuditChange[]>;
}
