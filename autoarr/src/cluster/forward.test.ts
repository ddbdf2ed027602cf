// Forwarding a command to the leader named in the lease: over a real socket to a real leader endpoint, with the lease in
// a real database file; no leader, an unreachable one and the leader's own errors each give a clear answer.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CommandRegistry } from '../core/commands.js';
import { UserError } from '../core/errors.js';
import { openStore } from '../db/database.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { forwardedRoutes, forwarder } from './forward.js';
import { LEASE_KEY } from './leadership.js';

const TOKEN = 'forward-test-token-0123456789';
let kv: KvStore;
let destroy: () => Promise<void>;
let leaderUrl: string;
let server: ServerType;
const leader = new CommandRegistry();
const seen: Array<{ auth?: string; args: unknown }> = [];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-forward-'));
  const { db } = await openStore({ databasePath: path.join(dir, 'autoarr.db') }, memoryLogger('error'));
  kv = new KvStore(db);
  destroy = () => db.destroy();
  // The leader's side as the HTTP edge mounts it: errors become { code, message } with their status.
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${TOKEN}`) return c.json({ code: 'unauthorized', message: 'x' }, 401);
    await next();
  });
  app.route('/api/cluster', forwardedRoutes(leader));
  app.onError((err, c) =>
    err instanceof UserError
      ? c.json({ code: err.code, message: err.message }, err.status)
      : c.json({ code: 'internal', message: 'internal' }, 500),
  );
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      leaderUrl = `http://127.0.0.1:${info.port}`;
      resolve(s);
    });
  });
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await destroy?.();
});
beforeEach(async () => {
  seen.length = 0;
  await kv.delete(LEASE_KEY);
});

const lease = (replica: string, url?: string) =>
  kv.set(LEASE_KEY, { replica, pid: 1, since: 'x', heartbeatMs: 0, ...(url ? { url } : {}) });

function follower(token = TOKEN): CommandRegistry {
  const r = new CommandRegistry();
  r.setElsewhere(forwarder({ kv, replica: 'follower:1', apiToken: () => token, timeoutMs: 5_000 }));
  return r;
}

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('forwarding commands to the leader', () => {
  it('carries the command out on the leader once and returns its answer', async () => {
    const off = leader.register('download.retry', async (args) => {
      seen.push({ args });
      return { ok: true, message: 'Done: retried' };
    });
    try {
      await lease('leader:1', leaderUrl);
      expect(await follower().run('download.retry', { id: 'd1', by: 'api' })).toEqual({
        ok: true,
        message: 'Done: retried',
      });
      expect(seen).toEqual([{ args: { id: 'd1', by: 'api' } }]);
    } finally {
      off();
    }
  });

  it("passes the leader's own refusal on unchanged, and the leader never forwards again", async () => {
    const off = leader.register('sabnzbd.pause', async () => {
      throw new UserError('sab_down', 'SABnzbd "sab" did not answer; check that it runs', 409);
    });
    try {
      await lease('leader:1', leaderUrl);
      const err = await refusal(follower().run('sabnzbd.pause', { by: 'mqtt' }));
      expect({ code: err.code, status: err.status, message: err.message }).toEqual({
        code: 'sab_down',
        status: 409,
        message: 'SABnzbd "sab" did not answer; check that it runs',
      });
    } finally {
      off();
    }
    // A leader that has no handler right now (stepping down) says so instead of passing it on.
    leader.setElsewhere(async () => ({ ok: true, message: 'bounced' }) as never);
    const err = await refusal(follower().run('download.ignore', { id: 'd1', ignored: true, by: 'api' }));
    expect(err).toMatchObject({ code: 'not_leading', status: 503 });
    expect(err.message).toContain('try again in a few seconds');
    leader.setElsewhere(undefined);
  });

  it('no leader, or one that cannot be reached: nothing is done and the message says to try again', async () => {
    const none = await refusal(follower().run('download.retry', { id: 'd1', by: 'api' }));
    expect(none).toMatchObject({
      code: 'no_leader',
      status: 503,
      message: 'No replica is leading right now, so "download.retry" was not carried out; try again in a few seconds',
    });
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    await lease('gone:1', `http://127.0.0.1:${closed}`);
    const gone = await refusal(follower().run('monitor.retry_stalled', { by: 'api' }));
    expect(gone).toMatchObject({ code: 'no_leader', status: 503 });
    expect(gone.message).toContain(`the last leader, gone:1 at http://127.0.0.1:${closed}, cannot be reached`);
    expect(gone.message).toContain('AUTOARR_ADVERTISE_URL');
  });

  it('a replica that leads itself, and commands every replica runs, are never forwarded', async () => {
    await lease('follower:1', leaderUrl);
    const self = await refusal(follower().run('download.retry', { id: 'd1', by: 'api' }));
    expect(self).toMatchObject({ code: 'unavailable', status: 503 });
    const preview = await refusal(follower().run('request.preview', { text: 'x', by: 'api' }));
    expect(preview).toMatchObject({ code: 'unavailable' });
    expect(seen).toEqual([]);
  });

  it('the leader checks what it is sent: the token, known commands, valid arguments', async () => {
    await lease('leader:1', leaderUrl);
    const err = await refusal(follower('wrong-token').run('download.retry', { id: 'd1', by: 'api' }));
    expect(err).toMatchObject({ code: 'leader_refused', status: 502 });
    expect(err.message).toContain('set AUTOARR_API_TOKEN to one value on all of them');
    expect(err.message).not.toContain('wrong-token');
    const post = (name: string, body: unknown) =>
      fetch(`${leaderUrl}/api/cluster/commands/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknown = await post('request.confirm', { previewId: 'p', by: 'x' });
    expect(unknown.status).toBe(404);
    const bad = await post('sabnzbd.speed_limit', { percent: 500, by: 'api' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain(
      'Invalid arguments for "sabnzbd.speed_limit"',
    );
    const notJson = await fetch(`${leaderUrl}/api/cluster/commands/download.retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
