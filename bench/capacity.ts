// Capacity of one process at the default 10 s poll (issue 15.5): the monitor's CPU per poll as instances and
// downloads grow. Each set is one SABnzbd and one Sonarr with a 1 000-job queue (in-memory fakes of the clients, as in
// bench/monitor.ts, so only AutoArr's own work is timed: joining, rules, saving to SQLite, publishing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMonitor } from '../autoarr/src/monitor/monitor.js';
import type { MonitorPorts } from '../autoarr/src/monitor/ports.js';
import { baseSettings, benchContext, fakeStack, pct } from './monitor.js';

const POLL_MS = 10_000;
const QUEUE = 1_000;

async function measure(sets: number, ticks: number): Promise<{ cpu: number; wall: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-capacity-'));
  let now = Date.parse('2026-01-01T12:00:00Z');
  const stacks = Array.from({ length: sets }, (_, i) => fakeStack(now, QUEUE, i + 1));
  const build = (): MonitorPorts => {
    const all = stacks.map((s) => s.prepare());
    return { sabs: all.flatMap((p) => p.sabs), arrs: all.flatMap((p) => p.arrs) };
  };
  let ports = build();
  const ctx = await benchContext(baseSettings(dir), () => now);
  const m = createMonitor(ctx, { ports: () => ports, autoTick: false });
  await m.feature.start();
  await m.tick(); // the first poll reads the histories once
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < ticks; i++) {
    now += POLL_MS;
    ports = build();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await m.tick();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - w0);
    cpu.push((c.user + c.system) / 1000);
  }
  if (m.view.list().length !== sets * QUEUE) throw new Error(`expected ${sets * QUEUE} downloads watched`);
  await m.feature.stop();
  await ctx.db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  return { cpu: pct(cpu, 50), wall: pct(wall, 50) };
}

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = { poll_interval_ms: POLL_MS, queue_per_set: QUEUE };
  for (const sets of [1, 3, 9]) {
    const r = await measure(sets, 30);
    const key = `${sets * 2}_instances_${sets * QUEUE}_downloads`;
    out[`${key}_cpu_ms_p50`] = r.cpu;
    out[`${key}_wall_ms_p50`] = r.wall;
    out[`${key}_poll_share_pct`] = (100 * r.wall) / POLL_MS;
  }
  return out;
}
