import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';

let running: AutoArr | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

it('removes activity older than 90 days at start and keeps the rest', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-retention-'));
  const r = loadSettings({ env: { DATA_DIR: dataDir }, version: '0.0.0', mode: 'demo' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  let now = new Date('2026-01-01T00:00:00Z');
  const first = await startAutoArr(r.settings, memoryLogger('error'), { listen: false, now: () => now });
  await first.ctx.activity.add({ kind: 'system', action: 'old', message: 'from January' });
  now = new Date('2026-03-15T00:00:00Z');
  await first.ctx.activity.add({ kind: 'system', action: 'recent', message: 'from March' });
  await first.stop();

  now = new Date('2026-04-15T00:00:00Z'); // January is now more than 90 days back, March is not
  running = await startAutoArr(r.settings, memoryLogger('error'), { listen: false, now: () => now });
  const actions = (await running.ctx.activity.list({ kind: 'system' })).items.map((e) => e.action);
  expect(actions).toContain('recent');
  expect(actions).not.toContain('old');
});
