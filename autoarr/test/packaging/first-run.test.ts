// First run standalone (issue 12.8), as a real process: the log says no app is configured and how to get the API
// token (never the token itself), `autoarr token` prints it on request, DATA_DIR defaults to ./data, and a folder
// that cannot be written stops start-up with one clear line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { dataDirProblem, firstRunNotes, inContainer, tokenNote } from '../../src/settings/first-run.js';
import { loadSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/settings.js';
import { cleanEnv, exitWithin, freePort, killGroup, start, waitForHealth, type Running } from './process.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-first-run-'));
let run: Running | undefined;
afterEach(async () => {
  await killGroup(run);
  run = undefined;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const settingsFor = (env: Record<string, string>, mode: Settings['mode'] = 'container') => {
  const r = loadSettings({ env, version: 't', mode });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.settings;
};

async function tokenCommand(env: Record<string, string>) {
  const r = start(TSX, ['autoarr/src/cli.ts', 'token'], { cwd: ROOT, env: cleanEnv(env) });
  const end = await exitWithin(r, 30_000);
  return { code: end === 'timeout' ? 'timeout' : end.code, out: r.output() };
}

/** The status line of a hand-written request, as a relay that speaks HTTP/1.0 would send it. */
async function rawStatus(port: number, request: string): Promise<number> {
  const socket = net.connect(port, '127.0.0.1');
  socket.end(request);
  let text = '';
  for await (const chunk of socket) text += String(chunk);
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]);
}

describe('first run', () => {
  it('logs that no app is configured and where to get the token, never the token; `autoarr token` prints it', async () => {
    const dataDir = path.join(tmp, 'run1');
    const port = await freePort();
    run = start(TSX, ['autoarr/src/main.ts'], {
      cwd: ROOT,
      env: cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' }),
    });
    await waitForHealth(`http://127.0.0.1:${port}`, run);
    // The page and the API answer a browser on this computer without a token.
    expect((await fetch(`http://127.0.0.1:${port}/api/settings`)).status).toBe(200);
    const fromProxy = await fetch(`http://127.0.0.1:${port}/api/settings`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(fromProxy.status).toBe(401);
    expect(((await fromProxy.json()) as { message: string }).message).toContain('Find the token');
    // nginx's default relay (HTTP/1.0, Host 127.0.0.1, no forwarding header) is not a browser on this computer.
    expect(await rawStatus(port, 'GET /api/settings HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n')).toBe(401);
    expect(
      await rawStatus(port, `GET /api/settings HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    ).toBe(200);
    // The log tells where to get the token once, in the words for where this runs (this test may be in a container).
    const note = tokenNote({ apiToken: undefined, port }, inContainer());
    await expect.poll(() => run!.output()).toContain(note.slice(0, 60));
    const out = run.output();
    expect(out).toContain('No app is configured, so AutoArr has nothing to watch: set SABNZBD_URL');
    expect(out).toContain('node dist/autoarr/src/cli.js token');
    expect(out.split(note.slice(0, 60))).toHaveLength(2);

    const printed = await tokenCommand({ DATA_DIR: dataDir });
    expect(printed.code).toBe(0);
    const token = printed.out.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(run.output()).not.toContain(token);
    const withToken = await fetch(`http://127.0.0.1:${port}/api/settings`, {
      headers: { 'x-forwarded-for': '198.51.100.7', authorization: `Bearer ${token}` },
    });
    expect(withToken.status).toBe(200);
  }, 90_000);

  it('`autoarr token` prints a token set by AUTOARR_API_TOKEN, and says what to do before the first start', async () => {
    expect(await tokenCommand({ DATA_DIR: path.join(tmp, 'none'), AUTOARR_API_TOKEN: 'my-own-token-123456' })).toEqual({
      code: 0,
      out: 'my-own-token-123456\n',
    });
    const missing = await tokenCommand({ DATA_DIR: path.join(tmp, 'never-started') });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('start AutoArr once');
  }, 60_000);

  it('a DATA_DIR that cannot be written stops start-up with one line naming it and what to do', async () => {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    run = start(TSX, ['autoarr/src/main.ts'], {
      cwd: ROOT,
      env: cleanEnv({ DATA_DIR: path.join(file, 'data'), PORT: String(await freePort()) }),
    });
    expect(await exitWithin(run, 30_000)).toEqual({ code: 2, signal: null });
    // The log is JSON lines, so the quotes around the path are escaped there.
    expect(run.output()).toContain(
      `DATA_DIR: AutoArr cannot write its database folder \\"${path.join(file, 'data')}\\" (part of the path is a file, not a folder)`,
    );
    expect(run.output()).not.toMatch(/EACCES|ENOTDIR|at .*\.ts:\d+/);
  }, 60_000);
});

describe('first-run notes and DATA_DIR', () => {
  it('DATA_DIR defaults to ./data outside a container and is checked for writing', () => {
    const s = settingsFor({});
    expect(s.dataDir).toBe(path.resolve('data'));
    expect(s.databasePath).toBe(path.join(path.resolve('data'), 'autoarr.db'));
    expect(dataDirProblem({ dataDir: tmp, databasePath: path.join(tmp, 'ok', 'autoarr.db') })).toBeUndefined();
    expect(fs.existsSync(path.join(tmp, 'ok'))).toBe(true);
    expect(dataDirProblem({ dataDir: tmp, databasePath: ':memory:' })).toBeUndefined();
  });

  it('says who needs the token, true in a container and on a plain computer, never the token', () => {
    const here = tokenNote({ apiToken: undefined, port: 8099 }, false);
    expect(here).toContain('A browser on this computer opens http://localhost:8099 without a token');
    expect(here).toContain('"node dist/autoarr/src/cli.js token"');
    const boxed = tokenNote({ apiToken: undefined, port: 8099 }, true);
    expect(boxed).toContain('on the Docker host too');
    expect(boxed).toContain('"docker exec <container> node dist/autoarr/src/cli.js token"');
    expect(boxed).not.toContain('opens http://localhost');
    const own = tokenNote({ apiToken: 'abcdefgh12345678', port: 8099 }, true);
    expect(own).toContain('the AUTOARR_API_TOKEN you set');
    expect(own).not.toContain('abcdefgh12345678');
  });

  it('tells the add-on user where to configure apps, and is quiet in the demo', () => {
    const addon = firstRunNotes({ ...settingsFor({}), mode: 'addon' });
    expect(addon[0]).toMatchObject({ level: 'warn', message: expect.stringContaining("add-on's Configuration tab") });
    expect(addon.some((n) => n.message.includes('token'))).toBe(false);
    expect(firstRunNotes({ ...settingsFor({}), mode: 'demo' })).toEqual([]);
    const own = firstRunNotes(
      settingsFor({
        AUTOARR_API_TOKEN: 'abcdefgh12345678',
        SONARR_URL: 'http://s:8989',
        SONARR_API_KEY: 'k'.repeat(32),
      }),
    );
    expect(own.map((n) => n.message).join('\n')).not.toContain('abcdefgh12345678');
    expect(own.some((n) => n.message.startsWith('No app'))).toBe(false);
  });

  it('reports every settings problem in one round', () => {
    const r = loadSettings({
      env: { AUTOARR_STALL_MINUTES: 'soon', SONARR_URL: 'http://sonarr:8989', RADARR_URL: 'http://radarr:7878' },
      version: 't',
      mode: 'container',
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual([
      expect.stringMatching(/^AUTOARR_STALL_MINUTES: "soon"/),
      expect.stringMatching(/^SONARR_API_KEY: missing; Sonarr has a URL but no API key/),
      expect.stringMatching(/^RADARR_API_KEY: missing; Radarr has a URL but no API key/),
    ]);
  });
});
