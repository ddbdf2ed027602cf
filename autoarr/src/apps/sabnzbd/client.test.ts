import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type Handler, type LocalServer } from '../../../test/clients/local-server.js';
import { AppError } from '../common/errors.js';
import { SabnzbdHttpClient } from './client.js';

const KEY = 'sabkey0123456789abcdef0123456789';
let server: LocalServer | undefined;
let client: SabnzbdHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function sab(handler: Handler, urlBase = ''): Promise<SabnzbdHttpClient> {
  server = await startLocalServer(handler);
  client = new SabnzbdHttpClient(
    { id: 'sabnzbd', app: 'sabnzbd', name: 'SABnzbd', url: `${server.url}${urlBase}/`, apiKey: KEY, verifySsl: true },
    { retryBaseMs: 1, timeoutMs: 10_000 },
  );
  return client;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('SabnzbdHttpClient', () => {
  it('calls /api under the URL base with mode, output=json and the key', async () => {
    const c = await sab(() => ({ body: { version: '5.0.1' } }), '/sabnzbd');
    await expect(c.version()).resolves.toBe('5.0.1');
    const r = server!.requests[0]!;
    expect(r.path).toBe('/sabnzbd/api');
    expect(r.query.get('mode')).toBe('version');
    expect(r.query.get('output')).toBe('json');
    expect(r.query.get('apikey')).toBe(KEY);
  });

  it('treats the plain-text 403 "API Key Incorrect" as auth and hides the key', async () => {
    const c = await sab(() => ({ status: 403, body: 'API Key Incorrect', contentType: 'text/html' }));
    const err = await failure(c.queue());
    expect(err.kind).toBe('auth');
    expect(err.message).toBe(
      'SABnzbd rejected the API key: copy the API Key (not the NZB Key) from SABnzbd Config → General → Security',
    );
    expect(err.message).not.toContain(KEY);
  });

  it('treats {"status": false, "error": "API Key Incorrect"} as auth', async () => {
    const c = await sab(() => ({ body: { status: false, error: 'API Key Incorrect' } }));
    expect((await failure(c.history())).kind).toBe('auth');
  });

  it('treats the old "error: API Key Required" text as auth', async () => {
    const c = await sab(() => ({ body: 'error: API Key Required' }));
    expect((await failure(c.warnings())).kind).toBe('auth');
  });

  it('explains the inet_exposure 403', async () => {
    const c = await sab(() => ({
      status: 403,
      body: 'External internet access denied - https://sabnzbd.org/access-denied',
    }));
    const err = await failure(c.queue());
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('inet_exposure');
  });

  it('probe reads the version and then makes one keyed call', async () => {
    const c = await sab((r) =>
      r.query.get('mode') === 'version' ? { body: { version: '4.3.2' } } : { status: 403, body: 'API Key Incorrect' },
    );
    expect((await failure(c.probe())).kind).toBe('auth');
    expect(server!.requests.map((r) => r.query.get('mode'))).toEqual(['version', 'queue']);
  });

  it('asks for a large history page by default and passes the filters', async () => {
    const c = await sab(() => ({ body: { history: { noofslots: 0, slots: [] } } }));
    await c.history();
    await c.history({ start: 20, limit: 5, failedOnly: true, category: 'tv', nzoIds: ['a', 'b'], since: 7 });
    const [first, second] = server!.requests;
    expect(first!.query.get('limit')).toBe('100');
    expect(Object.fromEntries(second!.query)).toMatchObject({
      mode: 'history',
      start: '20',
      limit: '5',
      failed_only: '1',
      category: 'tv',
      nzo_ids: 'a,b',
      last_history_update: '7',
    });
  });

  it('sends write modes once, even when SABnzbd answers 503', async () => {
    const c = await sab(() => ({ status: 503, body: 'busy' }));
    await failure(c.deleteJob('SABnzbd_nzo_x', { deleteFiles: true }));
    await failure(c.queue());
    expect(server!.requests.filter((r) => r.query.get('name') === 'delete')).toHaveLength(1);
    expect(server!.requests.filter((r) => r.query.get('mode') === 'queue' && !r.query.get('name'))).toHaveLength(3);
  });

  it('sends every write with the documented parameters', async () => {
    const c = await sab((r) => {
      const mode = r.query.get('mode');
      const name = r.query.get('name');
      if (mode === 'retry') return { body: { status: true, nzo_id: 'SABnzbd_nzo_new' } };
      if (mode === 'addurl') return { body: { status: true, nzo_ids: ['SABnzbd_nzo_u2'] } };
      if (mode === 'queue' && name === 'priority') return { body: { position: 3 } };
      if (mode === 'queue') return { body: { status: true, nzo_ids: [r.query.get('value')] } };
      return { body: { status: true } };
    });
    await c.pauseAll();
    await c.resumeAll();
    expect(await c.pauseJob('SABnzbd_nzo_a')).toBe(true);
    expect(await c.resumeJob('SABnzbd_nzo_a')).toBe(true);
    expect(await c.deleteJob('SABnzbd_nzo_a', { deleteFiles: false })).toBe(true);
    expect(await c.retry('SABnzbd_nzo_f')).toBe('SABnzbd_nzo_new');
    await c.deleteHistory('SABnzbd_nzo_f', { deleteFiles: true });
    await c.setSpeedLimit(50);
    expect(await c.changeCategory('SABnzbd_nzo_a', 'movies')).toBe(true);
    expect(await c.setPriority('SABnzbd_nzo_a', 2)).toBe(3);
    expect(await c.addUrl('https://indexer.example/getnzb/1.nzb', { category: 'tv', priority: -100 })).toEqual([
      'SABnzbd_nzo_u2',
    ]);
    const q = server!.requests.map((r) => {
      const o = Object.fromEntries(r.query);
      delete o.apikey;
      delete o.output;
      return o;
    });
    expect(q).toEqual([
      { mode: 'pause' },
      { mode: 'resume' },
      { mode: 'queue', name: 'pause', value: 'SABnzbd_nzo_a' },
      { mode: 'queue', name: 'resume', value: 'SABnzbd_nzo_a' },
      { mode: 'queue', name: 'delete', value: 'SABnzbd_nzo_a', del_files: '0' },
      { mode: 'retry', value: 'SABnzbd_nzo_f' },
      { mode: 'history', name: 'delete', value: 'SABnzbd_nzo_f', del_files: '1', archive: '0' },
      { mode: 'config', name: 'speedlimit', value: '50' },
      { mode: 'change_cat', value: 'SABnzbd_nzo_a', value2: 'movies' },
      { mode: 'queue', name: 'priority', value: 'SABnzbd_nzo_a', value2: '2' },
      { mode: 'addurl', name: 'https://indexer.example/getnzb/1.nzb', cat: 'tv', priority: '-100' },
    ]);
  });

  it('pauses for a number of minutes with mode=config&name=set_pause and rejects bad durations unsent', async () => {
    const c = await sab(() => ({ body: { status: true } }));
    await c.pauseFor(90);
    await c.pauseFor(10_080);
    const q = server!.requests.map((r) => Object.fromEntries(r.query));
    expect(q).toEqual([
      { mode: 'config', name: 'set_pause', value: '90', output: 'json', apikey: KEY },
      { mode: 'config', name: 'set_pause', value: '10080', output: 'json', apikey: KEY },
    ]);
    for (const bad of [0, -5, 10_081, 1.5, Number.NaN]) {
      await expect(c.pauseFor(bad)).rejects.toThrow(/whole number of minutes from 1 to 10080/);
    }
    expect(server!.requests).toHaveLength(2);
  });

  it('reports a refused timed pause as upstream, naming the call', async () => {
    const c = await sab(() => ({ body: { status: false, error: 'expects integer value' } }));
    const err = await failure(c.pauseFor(30));
    expect(err.kind).toBe('upstream');
    expect(err.message).toContain('name=set_pause');
  });

  it('turns "item does not exist" into not_found and an unknown priority target too', async () => {
    const c = await sab((r) =>
      r.query.get('mode') === 'retry'
        ? { body: { status: false, error: 'item does not exist' } }
        : { body: { position: -1 } },
    );
    expect((await failure(c.retry('SABnzbd_nzo_gone'))).kind).toBe('not_found');
    expect((await failure(c.setPriority('SABnzbd_nzo_gone', 1))).kind).toBe('not_found');
  });

  it('drops keys and passwords from config and converts 0/1 and true/false booleans', async () => {
    const c = await sab(() => ({
      body: {
        config: {
          misc: {
            direct_unpack: 0,
            pre_check: true,
            history_limit: 10,
            api_key: KEY,
            nzb_key: 'nzbkey123456',
            password: '**********',
            username: 'me',
            email_pwd: '',
          },
          servers: [{ name: 'news', host: 'news.example', password: '**********', username: 'u', ssl: 1, enable: 0 }],
        },
      },
    }));
    const cfg = await c.getConfig();
    expect(cfg.misc).toEqual({ direct_unpack: false, pre_check: true, history_limit: 10 });
    expect(cfg.servers).toEqual([{ name: 'news', host: 'news.example', ssl: true, enable: false }]);
    expect(JSON.stringify(cfg)).not.toContain(KEY);
  });

  it('sets config with booleans as 0/1 and reports a locked config in words', async () => {
    const c = await sab((r) =>
      r.query.get('keyword') === 'direct_unpack'
        ? { body: { config: { misc: { direct_unpack: true } } } }
        : { body: { status: false, error: 'Configuration locked' } },
    );
    expect(await c.setConfig('misc', 'direct_unpack', true)).toEqual({ misc: { direct_unpack: true } });
    expect(server!.requests[0]!.query.get('value')).toBe('1');
    const err = await failure(c.setConfig('misc', 'pre_check', false));
    expect(err.kind).toBe('upstream');
    expect(err.message).toContain('config_lock');
  });

  it('reports a queue that is not a queue as bad_response', async () => {
    const c = await sab(() => ({ body: { queue: { slots: 'none' } } }));
    const err = await failure(c.queue());
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('queue.slots is not a list');
  });

  it('asks fullstatus without the slow dashboard look-ups', async () => {
    const c = await sab(() => ({ body: { status: { version: '5.0.1', completedir: '/c', apikey: KEY } } }));
    const s = await c.fullStatus();
    expect(s.completeDir).toBe('/c');
    expect(server!.requests[0]!.query.get('skip_dashboard')).toBe('1');
  });
});
