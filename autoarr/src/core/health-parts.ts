// Parts of AutoArr that are not app instances (MQTT, the Home Assistant bridge, the database, features that could
// not start) report their state into /api/health here. Any reported problem makes the health `degraded`.
import type { HealthProblem, HealthResponse } from '../shared/types.js';

export type HealthPart = Partial<Pick<HealthResponse, 'mqtt' | 'homeAssistant'>> & { problems?: HealthProblem[] };

export class HealthParts {
  private readonly providers = new Set<() => HealthPart>();

  /** Adds a provider; returns the function that removes it (call it in stop()). */
  add(provider: () => HealthPart): () => void {
    this.providers.add(provider);
    return () => this.providers.delete(provider);
  }

  /** The merged parts; problems from every provider are kept (not overwritten), and left out when there are none. */
  parts(): HealthPart {
    const out: HealthPart = {};
    const problems: HealthProblem[] = [];
    for (const p of this.providers) {
      const { problems: mine, ...rest } = p();
      Object.assign(out, rest);
      if (mine) problems.push(...mine);
    }
    if (problems.length) out.problems = problems;
    return out;
  }

  problems(): HealthProblem[] {
    return this.parts().problems ?? [];
  }
}
