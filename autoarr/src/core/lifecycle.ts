// Starting and stopping features in order. A feature that fails to start is logged, reported as a health problem
// (so /api/health, the UI and Home Assistant show it) and its routes answer 503 with the reason instead of a 404.
import { Hono } from 'hono';
import type { RouteMount } from '../http/app.js';
import type { Logger } from '../log/logger.js';
import type { HealthProblem } from '../shared/types.js';
import type { Feature } from './feature.js';
import type { HealthParts } from './health-parts.js';
import type { ApiEnv } from '../http/access.js';

/** Names people recognise, for messages; features not listed are called by their name. */
const TITLES: Record<string, string> = {
  monitor: 'The download monitor',
  audit: 'The settings audit',
  web: 'The web UI',
  mqtt: 'Home Assistant entities (MQTT)',
  'ha-websocket': 'Home Assistant events',
  notifications: 'Home Assistant notifications',
  mcp: 'The MCP server for AI assistants',
  metrics: 'The app statistics',
  'app-health': 'The app connection checks',
  'activity-retention': 'The activity clean-up',
  'supervisor-discovery': 'The Home Assistant discovery of AutoArr',
};

export function featureTitle(name: string): string {
  return TITLES[name] ?? `The ${name} part`;
}

export interface StartedFeatures {
  started: Feature[];
  problems: HealthProblem[];
  /** Routes of the started features, plus a 503 answer on every route of a feature that did not start. */
  mounts: RouteMount[];
  stop(): Promise<void>;
}

export async function startFeatures(features: Feature[], log: Logger, health: HealthParts): Promise<StartedFeatures> {
  const started: Feature[] = [];
  const problems: HealthProblem[] = [];
  const mounts: RouteMount[] = [];
  for (const f of features) {
    try {
      await f.start();
      started.push(f);
      mounts.push(...(f.routes?.() ?? []));
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
      const message = `${featureTitle(f.name)} could not start: ${reason}. Everything else keeps working.`;
      log.error(message, { err });
      problems.push({ source: f.name, message });
      // Let stop() undo whatever the feature set up before it failed (timers, listeners).
      started.push(f);
      for (const m of f.routes?.() ?? []) mounts.push({ ...m, router: unavailable(message) });
    }
  }
  const off = health.add(() => ({ problems }));
  return {
    started,
    problems,
    mounts,
    async stop() {
      off();
      for (const f of [...started].reverse()) {
        try {
          await f.stop();
        } catch (err) {
          log.error(`${featureTitle(f.name)} did not stop cleanly`, { err });
        }
      }
    },
  };
}

function unavailable(message: string): Hono<ApiEnv> {
  return new Hono<ApiEnv>().all('*', (c) => c.json({ code: 'feature_unavailable', message }, 503));
}
