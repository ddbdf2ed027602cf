// `npm run demo` under a process manager: SIGTERM to the npm process (what systemd, docker or a supervisor send)
// stops AutoArr, the simulated apps and the embedded broker cleanly, leaves no process behind and frees the ports.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { DemoInfo } from '../../src/demo/demo.js';
import { ROOT } from './supervisor-rules.js';
import { cleanEnv, exitWithin, freePort, killGroup, start, type Running } from './process.js';

/** Live (non-zombie) processes in a process group, from /proc. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces, so split after its closing parenthesis.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') out.push(Number(entry));
  }
  return out;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

async function waitForOutput(run: Running, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!run.output().includes(text)) {
    if (exited) throw new Error(`the demo exited before "${text}":\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let demo: Running | undefined;
let dir: string | undefined;
afterEach(async () => {
  await killGroup(demo);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('SIGTERM to `npm run demo` stops every child and frees every port', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-demo-stop-'));
  const port = await freePort();
  demo = start('npm', ['run', 'demo'], { cwd: ROOT, env: cleanEnv({ DATA_DIR: dir, PORT: String(port) }) });
  await waitForOutput(demo, 'AutoArr demo is ready', 120_000);
  const info = JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')) as DemoInfo;
  const ports = [port, ...Object.values(info.apps).map((a) => Number(new URL(a.url).port))];
  if (info.mqtt) ports.push(Number(new URL(info.mqtt).port));
  for (const p of ports) expect(await refused(p), `port ${p} in use while running`).toBe(false);
  const pgid = demo.child.pid!;
  expect(groupMembers(pgid).length).toBeGreaterThan(1);

  demo.child.kill('SIGTERM'); // the npm process only, as a process manager does
  const exit = await exitWithin(demo, 10_000);
  expect(exit, demo.output()).toEqual({ code: 0, signal: null });
  expect(demo.output()).toContain('SIGTERM received; stopping');
  expect(demo.output()).toContain('AutoArr stopped');
  // npm waits for its child; what is left in the group now would be an orphan.
  expect(groupMembers(pgid)).toEqual([]);
  for (const p of ports) expect(await refused(p), `port ${p} still in use`).toBe(true);
}, 180_000);
