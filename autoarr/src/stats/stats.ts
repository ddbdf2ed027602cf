// The stack's last 24 hours (failures, recoveries, the last recovery) and the last audit result: a domain service
// fed by bus events (see stats/feature.ts) and read by the API, MCP and the MQTT entities. Persisted, so a restart
// does not zero the counters.
import type { KvStore } from '../db/kv.js';
import type { Download, RecoveryInfo, StackStats } from '../shared/types.js';

const DAY_MS = 24 * 3600_000;
const KV_KEY = 'stack_stats';
/** Where the MQTT layer kept these before they moved here; read once so an upgrade keeps its counters. */
const OLD_KV_KEY = 'mqtt_hub_state';

interface Persisted {
  failed: number[];
  recovered: number[];
  lastRecovery?: RecoveryInfo;
  audit?: { score?: number; findings?: number };
}

export class Stats {
  private data: Persisted = { failed: [], recovered: [] };
  /** True while the stats feature feeds this process; otherwise reads come from what the feeding process stored. */
  private fed = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly kv: KvStore,
    private readonly now: () => Date,
  ) {}

  async load(): Promise<void> {
    const stored = (await this.kv.get<Persisted>(KV_KEY)) ?? (await this.kv.get<Persisted>(OLD_KV_KEY));
    if (stored) this.data = { ...stored, failed: stored.failed ?? [], recovered: stored.recovered ?? [] };
  }

  setFed(on: boolean): void {
    this.fed = on;
  }

  /** The summary for readers that may run where nothing feeds it (an api or mcp replica): then it is re-read. */
  async read(): Promise<StackStats> {
    if (!this.fed) await this.load();
    return this.summary();
  }

  // The record* methods change the counters at once (a reader right after the event sees them) and persist in order.
  recordFailed(): Promise<void> {
    this.data.failed.push(this.now().getTime());
    return this.save();
  }

  recordRecovered(d: Download, reason: string): Promise<void> {
    const at = this.now();
    this.data.recovered.push(at.getTime());
    this.data.lastRecovery = {
      at: at.toISOString(),
      id: d.id,
      title: d.title,
      app: d.app,
      instance: d.instanceId,
      reason,
    };
    return this.save();
  }

  recordAudit(score: number | undefined, findings: number | undefined): Promise<void> {
    this.data.audit = {
      score: score ?? this.data.audit?.score,
      findings: findings ?? this.data.audit?.findings,
    };
    return this.save();
  }

  summary(): StackStats {
    const since = this.now().getTime() - DAY_MS;
    this.data.failed = this.data.failed.filter((t) => t >= since);
    this.data.recovered = this.data.recovered.filter((t) => t >= since);
    const { lastRecovery, audit } = this.data;
    return {
      failed24h: this.data.failed.length,
      recoveries24h: this.data.recovered.length,
      ...(lastRecovery ? { lastRecovery: { ...lastRecovery } } : {}),
      ...(audit ? { audit: { ...audit } } : {}),
    };
  }

  /** Waits for the writes in flight (before the database closes). */
  async flush(): Promise<void> {
    await this.saving.catch(() => undefined);
  }

  private save(): Promise<void> {
    const snapshot = structuredClone(this.data);
    this.saving = this.saving.catch(() => undefined).then(() => this.kv.set(KV_KEY, snapshot));
    return this.saving;
  }
}
