// Features that are not app instances (MQTT, the Home Assistant bridge) report their state into /api/health here.
import type { HealthResponse } from '../shared/types.js';

type Part = Partial<Pick<HealthResponse, 'mqtt' | 'homeAssistant'>>;

export class HealthParts {
  private readonly providers = new Set<() => Part>();

  /** Adds a provider; returns the function that removes it (call it in stop()). */
  add(provider: () => Part): () => void {
    this.providers.add(provider);
    return () => this.providers.delete(provider);
  }

  parts(): Part {
    return Object.assign({}, ...[...this.providers].map((p) => p())) as Part;
  }
}
