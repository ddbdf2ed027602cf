// AutoArr (built by the real composition root) pointed at the simulated stack, for the audit's end-to-end tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/settings.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';

export interface AuditHarness {
  sim: SimStack;
  autoarr: AutoArr;
  dbFile: string;
  /** JSON request against the API (no socket: the loopback rule applies). */
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }>;
  stop(): Promise<void>;
}

export async function startAuditHarness(scenario = 'bad_settings'): Promise<AuditHarness> {
  const sim = await startSimStack({ speed: 0, scenario });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-audit-e2e-'));
  const r = loadSettings({ env: { DATA_DIR: dataDir }, mode: 'container', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const settings: Settings = { ...r.settings, instances: settingsForSim(sim), requestTimeoutMs: 3000 };
  const autoarr = await startAutoArr(settings, memoryLogger('error'), { listen: false });
  return {
    sim,
    autoarr,
    dbFile: settings.databasePath,
    async api<T>(method: string, p: string, body?: unknown) {
      const res = await autoarr.http.request(p, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${autoarr.ctx.apiToken()}` },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, text };
    },
    async stop() {
      await autoarr.stop();
      await sim.stop();
    },
  };
}
