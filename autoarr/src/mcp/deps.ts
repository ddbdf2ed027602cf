// What the MCP tools need. The monitor's read-only view and the audit service come through the factory arguments
// (never by reaching into those features), and are optional: without them their tools say what is missing.
import type { CoreContext } from '../core/context.js';
import type { ActivityEntry, Download, DownloadState } from '../shared/types.js';

type Awaitable<T> = T | Promise<T>;

/** The monitor's read-only query object (`createMonitor(ctx).view`). */
export interface MonitorView {
  list(filter?: { state?: DownloadState | DownloadState[]; instanceId?: string }): Awaitable<Download[]>;
  get(id: string): Awaitable<Download | undefined>;
  timeline(id: string): Awaitable<ActivityEntry[]>;
}

export interface McpDeps {
  ctx: CoreContext;
  view?: MonitorView;
  audit?: AuditPort;
}

/** The part of the audit service the tools use (`createAudit(ctx).service`). */
export interface AuditPort {
  run(by: string): Promise<unknown>;
  latest(): Awaitable<unknown>;
}
