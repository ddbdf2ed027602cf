import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../activity/activity-log.js';
import { EventBus } from '../bus/bus.js';
import { CommandRegistry } from '../core/commands.js';
import type { CoreContext } from '../core/context.js';
import { openDatabase, type Db } from '../db/database.js';
import { memoryLogger } from '../log/logger.js';
import type { Settings } from '../settings/settings.js';
import { fakeApps } from './__tests__/fake-apps.js';
import { FAILING, goodStack } from './__tests__/fixtures.js';
import { createAudit } from './feature.js';

const HOUR = 3_600_000;

describe('audit feature', () => {
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
  });

  async function setup(intervalHours = 24, startDelayMs?: number) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-audit-f-')), 'a.db');
    const log = memoryLogger();
    const { db } = await openDatabase(file, log);
    dbs.push(db);
    const bus = new EventBus(log);
    let now = Date.parse('2026-11-25T06:00:00Z');
    const clock = { advance: (ms: number) => void (now += ms) };
    const settings = { audit: { intervalHours } } as Settings;
    // Only what the audit feature uses; the apps come in through options.
    const ctx: Partial<CoreContext> = {
      settings,
      log,
      bus,
      db,
      activity: new ActivityLog(db, bus, () => new Date(now)),
      commands: new CommandRegistry(),
      now: () => new Date(now),
    };
    const apps = fakeApps(goodStack());
    const audit = createAudit(ctx as CoreContext, {
      apps,
      runAtStart: startDelayMs !== undefined,
      startDelayMs,
      checkEveryMs: 3_600_000,
    });
    return { ctx: ctx as CoreContext, audit, apps, clock };
  }

  it('runs when due on the schedule, and every run moves the next one', async () => {
    const { audit, clock, ctx } = await setup(24);
    await audit.feature.start();
    expect(await audit.feature.tick()).toBe(true); // never ran before
    expect(await audit.feature.tick()).toBe(false);
    clock.advance(23 * HOUR);
    expect(await audit.feature.tick()).toBe(false);
    await ctx.commands.run('audit.run', { by: 'mqtt' }); // an on-demand run resets the clock
    clock.advance(2 * HOUR);
    expect(await audit.feature.tick()).toBe(false);
    clock.advance(23 * HOUR);
    expect(await audit.feature.tick()).toBe(true);
    const report = await audit.service.latest();
    expect(report.run!.trigger).toBe('schedule');
    expect(Date.parse(report.nextRunAt!) - Date.parse(report.run!.finishedAt)).toBe(24 * HOUR);
    await audit.feature.stop();
  });

  it('looks at the stack once shortly after start when no run is stored', async () => {
    const { audit } = await setup(24, 0);
    await audit.feature.start();
    let report = await audit.service.latest();
    for (let i = 0; i < 200 && !report.run; i++) {
      await new Promise((r) => setImmediate(r)); // wait for the observable effect, bounded
      report = await audit.service.latest();
    }
    expect(report.run?.trigger).toBe('schedule');
    await audit.feature.stop();
  });

  it('picks the schedule up from the stored runs after a restart', async () => {
    const first = await setup(6);
    await first.audit.service.run();
    const again = createAudit(first.ctx, { apps: first.apps, runAtStart: false });
    expect(await again.feature.tick()).toBe(false);
    first.clock.advance(6 * HOUR + 1);
    expect(await again.feature.tick()).toBe(true);
  });

  it('registers the audit commands while running and removes them on stop', async () => {
    const { audit, ctx, apps } = await setup();
    await audit.feature.start();
    for (const name of ['audit.run', 'audit.fix', 'audit.fix_all_safe', 'audit.rollback'] as const)
      expect(ctx.commands.has(name)).toBe(true);
    FAILING['sabnzbd.flat_unpack']!(apps.stack);
    const { runId } = await ctx.commands.run('audit.run', { by: 'ui' });
    const f = (await audit.service.latest()).run!.findings[0]!;
    expect((await audit.service.latest()).run!.id).toBe(runId);
    const fixed = await ctx.commands.run('audit.fix', { findingId: f.id, by: 'mcp' });
    expect(fixed.change!.by).toBe('mcp');
    const rb = await ctx.commands.run('audit.rollback', { changeId: fixed.change!.id, by: 'ui' });
    expect(rb.ok).toBe(true);
    await audit.feature.stop();
    expect(ctx.commands.has('audit.run')).toBe(false);
    expect(audit.feature.routes!()[0]!.path).toBe('/api/audit');
  });
});
