// Runs features only while this replica leads. Each wrapped feature keeps its name and its routes (every replica
// serves them); its start() and stop() follow the leadership: started, in order, when this replica becomes the
// leader, stopped, in reverse, the moment it is not. Changes are applied one after the other, never interleaved.
import type { Feature } from '../core/feature.js';
import { featureTitle } from '../core/lifecycle.js';
import type { Logger } from '../log/logger.js';
import type { HealthProblem } from '../shared/types.js';
import type { Leadership } from './leadership.js';

interface Member {
  feature: Feature;
  running: boolean;
}

export class LeaderGate {
  private readonly members: Member[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  /** Features that failed to start on a later gain of leadership (the first start reports through the lifecycle). */
  readonly problems: HealthProblem[] = [];
  private off?: () => void;

  constructor(
    private readonly leadership: Leadership,
    private readonly log: Logger,
  ) {}

  /** Follows leadership changes from now on (call before the wrapped features start). */
  watch(): void {
    // Each change is applied as it happened (lost then regained = stopped, then started afresh on the new state).
    this.off ??= this.leadership.onChange((leader) => void this.serial(() => this.syncAll(leader)));
  }

  unwatch(): void {
    this.off?.();
    this.off = undefined;
  }

  wrap(feature: Feature): Feature {
    const m: Member = { feature, running: false };
    return {
      name: feature.name,
      ...(feature.routes ? { routes: () => feature.routes!() } : {}),
      start: () =>
        this.serial(async () => {
          this.members.push(m);
          // Errors here reach the lifecycle, which reports them like any feature's.
          if (this.leadership.isLeader()) await this.run(m, true);
        }),
      stop: () =>
        this.serial(async () => {
          this.members.splice(this.members.indexOf(m), 1);
          if (m.running) await this.run(m, false);
        }),
    };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(m: Member, up: boolean): Promise<void> {
    // Marked first: a feature that failed half-way is still stopped later, like the lifecycle does.
    m.running = up;
    await (up ? m.feature.start() : m.feature.stop());
  }

  private async syncAll(leader: boolean): Promise<void> {
    const order = leader ? this.members : [...this.members].reverse();
    for (const m of order) {
      if (m.running === leader) continue;
      try {
        await this.run(m, leader);
        if (leader) this.clear(m.feature.name);
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
        const message = `${featureTitle(m.feature.name)} could not ${leader ? 'start' : 'stop'}: ${reason}`;
        this.log.error(message, { err });
        if (leader) {
          this.clear(m.feature.name);
          this.problems.push({ source: m.feature.name, message: `${message}. Everything else keeps working.` });
        }
      }
    }
  }

  private clear(name: string): void {
    const i = this.problems.findIndex((p) => p.source === name);
    if (i >= 0) this.problems.splice(i, 1);
  }
}
