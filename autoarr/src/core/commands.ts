// The one command path: the monitor and the audit register what they can do; MQTT, HA notifications, REST, the UI
// and MCP run commands by name. Callers never reach into a feature's internals.
import type { PreviewInput } from '../request/service.js';
import type { RequestAnswer } from '../request/types.js';
import type { AuditFixAllResult, AuditFixResult, AuditRollbackResult, SabnzbdControlResult } from '../shared/types.js';
import { UserError } from './errors.js';

export interface CommandMap {
  'download.retry': { args: { id: string; by: string }; result: { ok: boolean; message: string } };
  'download.ignore': { args: { id: string; ignored: boolean; by: string }; result: { ok: boolean; message: string } };
  'download.remove': { args: { id: string; blocklist: boolean; by: string }; result: { ok: boolean; message: string } };
  'monitor.retry_stalled': { args: { by: string }; result: { ok: boolean; message: string; count: number } };
  'audit.run': { args: { by: string }; result: { ok: boolean; message: string; runId?: number } };
  'audit.fix': { args: { findingId: string; dryRun?: boolean; by: string }; result: AuditFixResult };
  'audit.fix_all_safe': { args: { dryRun?: boolean; by: string }; result: AuditFixAllResult };
  'audit.rollback': { args: { changeId: number; by: string }; result: AuditRollbackResult };
  /** Plain-words request: preview only (changes nothing); confirm carries out the previewed plan. */
  'request.preview': { args: PreviewInput; result: RequestAnswer };
  'request.confirm': { args: { previewId: string; by: string }; result: RequestAnswer };
  /** Whole-queue controls; no instanceId = the first SABnzbd. No minutes = paused until resumed. */
  'sabnzbd.pause': { args: { minutes?: number; instanceId?: string; by: string }; result: SabnzbdControlResult };
  'sabnzbd.resume': { args: { instanceId?: string; by: string }; result: SabnzbdControlResult };
  /** percent of SABnzbd's maximum line speed, 1..100 (100 = no limit). */
  'sabnzbd.speed_limit': { args: { percent: number; instanceId?: string; by: string }; result: SabnzbdControlResult };
}

export type CommandName = keyof CommandMap;
type Handler<K extends CommandName> = (args: CommandMap[K]['args']) => Promise<CommandMap[K]['result']>;
/** Runs a command this process has no handler for somewhere else (cluster/forward.ts: on the leading replica). */
export type Elsewhere = <K extends CommandName>(
  name: K,
  args: CommandMap[K]['args'],
) => Promise<CommandMap[K]['result'] | undefined>;

export class CommandRegistry {
  private readonly handlers = new Map<CommandName, Handler<CommandName>>();
  private elsewhere?: Elsewhere;

  /** Registers a handler; returns the function that removes it (call it in stop()). */
  register<K extends CommandName>(name: K, handler: Handler<K>): () => void {
    this.handlers.set(name, handler as unknown as Handler<CommandName>);
    return () => {
      if (this.handlers.get(name) === (handler as unknown)) this.handlers.delete(name);
    };
  }

  has(name: CommandName): boolean {
    return this.handlers.has(name);
  }

  /** Where a command goes when no handler is registered here; it answers undefined to refuse as usual. */
  setElsewhere(fn: Elsewhere | undefined): void {
    this.elsewhere = fn;
  }

  async run<K extends CommandName>(name: K, args: CommandMap[K]['args']): Promise<CommandMap[K]['result']> {
    const handler = this.handlers.get(name) as Handler<K> | undefined;
    if (handler) return handler(args);
    const answer = await this.elsewhere?.(name, args);
    if (answer !== undefined) return answer;
    throw new UserError('unavailable', `"${name}" is not available right now (its feature is not running)`, 503);
  }

  /** Runs a command here only, never elsewhere (a command forwarded by another replica must not bounce on). */
  async runHere<K extends CommandName>(name: K, args: CommandMap[K]['args']): Promise<CommandMap[K]['result']> {
    const handler = this.handlers.get(name) as Handler<K> | undefined;
    if (handler) return handler(args);
    throw new UserError(
      'not_leading',
      `"${name}" was forwarded to this replica, but it does not run it right now (it is not leading); try again in a few seconds`,
      503,
    );
  }
}
