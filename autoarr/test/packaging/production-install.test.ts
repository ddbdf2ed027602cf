// What the container does, without Docker: the built output plus `npm ci --omit=dev` in a fresh folder,
// started with `node dist/autoarr/src/main.js`, answers /api/health and stops on SIGTERM.
// Needs the build (`npm test` runs `npm run build` first).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, readText } from './supervisor-rules.js';
import { cleanEnv, exitWithin, freePort, killGroup, start, waitForHealth, type Running } from './process.js';

const run = promisify(execFile);
const pkg = JSON.parse(readText('package.json')) as { version: string; devDependencies: Record<string, string> };

/** The build stage's clean-up commands from the Dockerfile, with its WORKDIR swapped for `dir`. */
function imagePruning(dir: string): string {
  const text = readText('Dockerfile').replace(/\\\n/g, ' ');
  const workdir = /^WORKDIR (\S+)$/m.exec(text)![1]!;
  const runLine = text.split('\n').find((l) => l.startsWith('RUN npm run build'));
  if (!runLine) throw new Error('The Dockerfile has no "RUN npm run build …" step');
  const steps = runLine
    .slice('RUN '.length)
    .split('&&')
    .map((c) => c.trim().replace(/\s+/g, ' '))
    .filter((c) => c !== 'npm run build');
  expect(steps.some((c) => c.startsWith('npm prune --omit=dev'))).toBe(true);
  return steps.map((c) => c.split(workdir).join(dir)).join(' && ');
}

describe('production install', () => {
  let dir: string;
  let app: Running | undefined;

  beforeAll(async () => {
    const entry = path.join(ROOT, 'dist/autoarr/src/main.js');
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-prod-'));
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    if (fs.existsSync(path.join(ROOT, 'web/dist'))) {
      fs.cpSync(path.join(ROOT, 'web/dist'), path.join(dir, 'web/dist'), { recursive: true });
    }
    // Install scripts are skipped and the native SQLite binding is taken from the dev install (same Node.js,
    // same platform): compiling better-sqlite3 again would add over a minute to every test run. The image
    // build compiles it for real.
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: process.env,
      maxBuffer: 16 * 1024 * 1024,
    });
    const binding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    fs.mkdirSync(path.dirname(path.join(dir, binding)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, binding), path.join(dir, binding));
    // Then the image's own pruning (the build stage's RUN after `npm run build`), so a file it deletes that
    // AutoArr needs at run time fails here rather than in the image.
    await run('sh', ['-c', imagePruning(dir)], { cwd: dir, env: process.env, maxBuffer: 16 * 1024 * 1024 });
  }, 300_000);

  afterAll(async () => {
    await killGroup(app);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('installs production dependencies only, pruned as in the image', () => {
    expect(fs.existsSync(path.join(dir, 'node_modules/hono'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules/better-sqlite3'))).toBe(true);
    for (const dev of ['vitest', 'typescript', 'eslint', 'vite']) {
      expect(pkg.devDependencies[dev], dev).toBeDefined();
      expect(fs.existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
    }
    expect(fs.readdirSync(path.join(dir, 'node_modules/better-sqlite3/build/Release'))).toEqual([
      'better_sqlite3.node',
    ]);
    expect(fs.existsSync(path.join(dir, 'node_modules/hono/dist/types/index.d.ts'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'node_modules/hono/dist/index.js'))).toBe(true);
  });

  it('starts from the built output, answers /api/health and stops on SIGTERM', async () => {
    const port = await freePort();
    const dataDir = path.join(dir, 'data');
    app = start(process.execPath, ['dist/autoarr/src/main.js'], {
      cwd: dir,
      env: cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' }),
    });
    const health = await waitForHealth(`http://127.0.0.1:${port}`, app);
    expect(health.status).toBe('ok');
    expect(health.version).toBe(pkg.version);
    expect(health.apps).toEqual({});
    expect(fs.existsSync(path.join(dataDir, 'autoarr.db'))).toBe(true);

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await fetch(`http://127.0.0.1:${port}/api/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('not_found');

    app.child.kill('SIGTERM');
    const exit = await exitWithin(app, 5_000);
    expect(exit).toEqual({ code: 0, signal: null });
    // Structured logs: every stdout line is one JSON record.
    const lines = app.output().trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l) as unknown, l).not.toThrow();
  }, 60_000);
});
