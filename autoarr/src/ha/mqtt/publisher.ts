// Publishes only what changed: each topic's last payload is kept (stable-stringified) and compared, so a steady
// stack sends almost nothing. reset() forgets everything after a reconnect or HA's birth message.

export interface PublishFn {
  (topic: string, payload: string, opts: { retain: boolean; qos: 0 | 1 }): Promise<void>;
}

/** JSON with sorted keys, so equal objects always give the same text. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

export class Publisher {
  private readonly last = new Map<string, { text: string; at: number }>();
  /** Messages actually sent (the benchmark reads it). */
  sent = 0;

  constructor(
    private readonly send: PublishFn,
    private readonly now: () => number,
  ) {}

  /**
   * Publishes when the value changed, or when refreshMs is set and the last publish is older (so entities with
   * expire_after stay fresh while their data keeps arriving). Returns whether a message was sent.
   */
  async state(topic: string, value: unknown, opts: { retain?: boolean; refreshMs?: number } = {}): Promise<boolean> {
    const text = typeof value === 'string' ? value : stableStringify(value);
    const prev = this.last.get(topic);
    const now = this.now();
    if (prev && prev.text === text && (opts.refreshMs === undefined || now - prev.at < opts.refreshMs)) return false;
    this.last.set(topic, { text, at: now });
    this.sent++;
    try {
      await this.send(topic, text, { retain: opts.retain ?? true, qos: 1 });
    } catch (err) {
      this.last.delete(topic);
      throw err;
    }
    return true;
  }

  /** A message that is not a state (events, triggers): always sent, never retained. */
  async event(topic: string, value: unknown): Promise<void> {
    this.sent++;
    await this.send(topic, stableStringify(value), { retain: false, qos: 1 });
  }

  /** Clears a retained topic (a removed entity's config). */
  async clear(topic: string): Promise<void> {
    this.last.delete(topic);
    this.sent++;
    await this.send(topic, '', { retain: true, qos: 1 });
  }

  lastAt(topic: string): number | undefined {
    return this.last.get(topic)?.at;
  }

  reset(): void {
    this.last.clear();
  }
}
