// custom_components/autoarr in a real Home Assistant Core 2024.8.1, against AutoArr on the simulated apps: the user,
// reauth, reconfigure and Supervisor discovery flows, every service action and its effect in the simulated apps,
// diagnostics without secrets, a repair raised and cleared, the Assist (LLM) API, the cards and the removal.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { freePort, startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startHaCore, until, type HaCore, type HaWs } from './harness.js';

// Home Assistant plays a machine of its own, so the token is what is tested: outside the add-on AutoArr lets a
// program on this computer in without it when it names loopback. This machine's own network address (the
// connection stays inside the machine) is not loopback.
const HOST =
  Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address ?? '127.0.0.2';
const MIN = 60_000;

let sim: SimStack;
let autoarr: AutoArr | undefined;
let ha: HaCore;
let ws: HaWs;
let port: number;
let entryId: string;
let broker: Mosquitto | undefined;

const autoarrUrl = () => `http://${HOST}:${port}`;
const token = () => autoarr!.ctx.apiToken();

let dataDir: string | undefined;

/** Starts AutoArr on the simulated apps; a restart keeps its data folder (and so its token). */
async function startOurAutoArr(extra: Record<string, string> = {}): Promise<AutoArr> {
  dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-ha-core-'));
  const env: Record<string, string> = {
    ...extra,
    DATA_DIR: dataDir,
    PORT: String(port),
    AUTOARR_POLL_INTERVAL_SECONDS: '2',
    AUTOARR_STALL_MINUTES: '3',
    AUTOARR_MIN_QUEUE_AGE_MINUTES: '1',
    AUTOARR_MAX_STRIKES: '2',
    AUTOARR_AUTO_RECOVERY: 'false',
    SABNZBD_URL: sim.apps.sabnzbd.url,
    SABNZBD_API_KEY: sim.apps.sabnzbd.apiKey,
    SONARR_URL: sim.apps.sonarr.url,
    SONARR_API_KEY: sim.apps.sonarr.apiKey,
    RADARR_URL: sim.apps.radarr.url,
    RADARR_API_KEY: sim.apps.radarr.apiKey,
    PLEX_URL: sim.apps.plex.url,
    PLEX_TOKEN: sim.apps.plex.apiKey,
  };
  const r = loadSettings({ env, version: '0.0.0-ha-core', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return startAutoArr({ ...r.settings, host: HOST }, memoryLogger('warning'), {
    now: () => new Date(sim.control.now()),
  });
}

/** AutoArr's own REST API, as the tests' observer. */
async function autoarrApi<T>(method: string, p: string): Promise<T> {
  const res = await autoarr!.http.request(p, { method, headers: { authorization: `Bearer ${token()}` } });
  return (await res.json()) as T;
}

type Flow = { flow_id: string; type: string; step_id?: string; errors?: Record<string, string>; reason?: string };
const startFlow = async (body: Record<string, unknown>) =>
  (await ha.api('POST', '/api/config/config_entries/flow', body)).body as Flow;
const stepOptions = async (flowId: string, data: Record<string, unknown>) =>
  (await ha.api('POST', `/api/config/config_entries/options/flow/${flowId}`, data)).body as Flow;
const stepFlow = async (flowId: string, data: Record<string, unknown>) =>
  (await ha.api('POST', `/api/config/config_entries/flow/${flowId}`, data)).body as Flow & {
    result?: { entry_id: string };
  };

async function entries(): Promise<Array<{ entry_id: string; state: string; title: string; source: string }>> {
  const r = await ha.api('GET', '/api/config/config_entries/entry?domain=autoarr');
  return r.body as Array<{ entry_id: string; state: string; title: string; source: string }>;
}
const entryState = async () => (await entries()).find((e) => e.entry_id === entryId)?.state;
const wsService = (name: string, data: Record<string, unknown> = {}) =>
  ws.send({ type: 'call_service', domain: 'autoarr', service: name, service_data: data });
type Item = { id: string; title: string; state: string; app: string };
const downloadsOf = (r: { body: unknown }) =>
  (r.body as { service_response: { downloads: Item[] } }).service_response.downloads;
const service = (name: string, data: Record<string, unknown> = {}, response = false) =>
  ha.api('POST', `/api/services/autoarr/${name}${response ? '?return_response' : ''}`, data);

beforeAll(async () => {
  sim = await startSimStack({ speed: 0, scenario: 'stalled' });
  port = await freePort();
  // `intent:` serves /api/intent/handle, the way a voice satellite or another program hands Home Assistant an intent.
  ha = await startHaCore({ extra: 'intent:\n' });
  ws = await ha.ws();
}, 600_000);

afterAll(async () => {
  ws?.close();
  await ha?.stop();
  await autoarr?.stop();
  await broker?.stop();
  await sim?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the config flow', () => {
  it('says AutoArr is down, then connects once it is up, with the token and not without', async () => {
    const flow = await startFlow({ handler: 'autoarr' });
    expect(flow).toMatchObject({ type: 'form', step_id: 'user' });
    const down = await stepFlow(flow.flow_id, { url: autoarrUrl(), token: 'whatever' });
    expect(down).toMatchObject({ type: 'form', errors: { base: 'cannot_connect' } });

    autoarr = await startOurAutoArr();
    // URLs that answer, but not as AutoArr: the simulated Sonarr, a router's web page, another app's JSON health.
    const wrongApp = await stepFlow(flow.flow_id, { url: sim.apps.sonarr.url, token: token() });
    expect(wrongApp).toMatchObject({ type: 'form', errors: { base: 'not_autoarr' } });
    for (const [type, body] of [
      ['text/html', '<html><body>Router login</body></html>'],
      ['application/json', '{"status":"ok","version":"1.2.3"}'],
    ] as const) {
      const other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': type }).end(body));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(other.address() as net.AddressInfo).port}`;
        const answer = await stepFlow(flow.flow_id, { url, token: token() });
        expect(answer, type).toMatchObject({ type: 'form', errors: { base: 'not_autoarr' } });
      } finally {
        other.close();
      }
    }
    const wrongToken = await stepFlow(flow.flow_id, { url: autoarrUrl(), token: 'not-the-token' });
    expect(wrongToken).toMatchObject({ type: 'form', errors: { base: 'invalid_auth' } });
    const done = await stepFlow(flow.flow_id, { url: `${autoarrUrl()}/`, token: token() });
    expect(done).toMatchObject({ type: 'create_entry', title: 'AutoArr' });
    entryId = done.result!.entry_id;
    await until(async () => (await entryState()) === 'loaded', 'the entry loaded');

    const second = await startFlow({ handler: 'autoarr' });
    expect(second).toMatchObject({ type: 'abort', reason: 'single_instance_allowed' });
  }, 90_000);
});

describe('service actions', () => {
  it('are registered, each described in services.yaml with a config entry selector', async () => {
    const r = await ws.send<{ registered: string[]; described: string[]; fields: Record<string, string[]> }>({
      type: 'autoarr_probe/services',
    });
    const names = [
      'get_downloads',
      'ignore_download',
      'pause_downloads',
      'remove_download',
      'request',
      'resume_downloads',
      'retry_download',
      'retry_stalled',
      'run_audit',
      'set_speed_limit',
    ];
    expect(r.registered).toEqual(names);
    expect(r.described).toEqual(names);
    for (const n of names) expect(r.fields[n], n).toContain('config_entry_id');
  });

  it('have English texts in Home Assistant for every step, error, abort, option, repair, action and exception', async () => {
    const texts = async (category: string) =>
      (
        await ws.send<{ resources: Record<string, string> }>({
          type: 'frontend/get_translations',
          language: 'en',
          category,
          integration: ['autoarr'],
        })
      ).resources;
    const missing = (r: Record<string, string>, keys: string[]) =>
      keys.filter((k) => !r[`component.autoarr.${k}`]?.trim());
    const config = await texts('config');
    expect(
      missing(config, [
        ...['user', 'hassio_confirm', 'reauth_confirm', 'reconfigure'].map((s) => `config.step.${s}.title`),
        'config.step.user.data.url',
        'config.step.user.data.token',
        'config.step.reauth_confirm.data.token',
        'config.step.reconfigure.data.url',
        ...['cannot_connect', 'invalid_auth', 'not_autoarr'].map((e) => `config.error.${e}`),
        ...['already_configured', 'already_in_progress', 'single_instance_allowed', 'reauth_successful'].map(
          (a) => `config.abort.${a}`,
        ),
        'config.abort.reconfigure_successful',
      ]),
    ).toEqual([]);
    expect(
      missing(await texts('options'), ['options.step.init.title', 'options.step.init.data.switch_reminders']),
    ).toEqual([]);
    const repairs = ['app_auth_failed', 'app_wrong_app', 'app_unreachable', 'mqtt_missing', 'dry_run_on'];
    const issueTexts = await texts('issues');
    expect(
      missing(
        issueTexts,
        [...repairs, 'auto_recovery_off', 'autoarr_unreachable'].flatMap((i) => [
          `issues.${i}.title`,
          `issues.${i}.description`,
        ]),
      ),
    ).toEqual([]);
    const exceptions = ['autoarr_refused', 'cannot_connect', 'invalid_auth', 'not_connected', 'entry_not_loaded'];
    expect(
      missing(
        await texts('exceptions'),
        [...exceptions, 'choose_entry', 'request_needs_text', 'request_choice_incomplete'].map(
          (e) => `exceptions.${e}.message`,
        ),
      ),
    ).toEqual([]);
    // Every registered action and every field its services.yaml describes has a name and a description.
    const services = await texts('services');
    const r = await ws.send<{ registered: string[]; fields: Record<string, string[]> }>({
      type: 'autoarr_probe/services',
    });
    const keys = r.registered.flatMap((n) => [
      `services.${n}.name`,
      `services.${n}.description`,
      ...r.fields[n]!.flatMap((f) => [`services.${n}.fields.${f}.name`, `services.${n}.fields.${f}.description`]),
    ]);
    expect(keys.length).toBeGreaterThan(40);
    expect(missing(services, keys)).toEqual([]);
  });

  it('get_downloads returns the stalled download; retry, ignore and remove act on it in the apps', async () => {
    const stalled = await until(
      async () => {
        sim.control.advance(MIN); // time moves on between polls; the stuck job makes no progress
        const r = await service('get_downloads', { state: ['stalled'] }, true);
        const list = downloadsOf(r);
        return list.length ? list : undefined;
      },
      'a stalled download in get_downloads',
      40_000,
    );
    expect(stalled[0]).toMatchObject({ state: 'stalled', title: expect.stringContaining('Oppenheimer') });
    const id = stalled[0]!.id;

    const before = sim.control.writes({ app: 'radarr' }).length;
    expect((await service('retry_download', { download_id: id })).status).toBe(200);
    expect(sim.control.writes({ app: 'radarr' }).length).toBeGreaterThan(before);

    // Through the websocket, as the frontend calls services: AutoArr's own words come back.
    await expect(wsService('retry_download', { download_id: 'no-such-download' })).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('AutoArr: No download with id no-such-download is being watched'),
    });

    const all = downloadsOf(await service('get_downloads', {}, true));
    const other = all.find((d) => d.id !== id)!;
    expect((await service('ignore_download', { download_id: other.id })).status).toBe(200);
    expect(
      (await autoarrApi<{ ignored: boolean }>('GET', `/api/downloads/${encodeURIComponent(other.id)}`)).ignored,
    ).toBe(true);
    expect((await service('ignore_download', { download_id: other.id, ignored: false })).status).toBe(200);
    expect(
      (await autoarrApi<{ ignored: boolean }>('GET', `/api/downloads/${encodeURIComponent(other.id)}`)).ignored,
    ).toBe(false);

    // Removing the retried download again: Radarr no longer has it, and AutoArr's refusal comes back as is.
    await expect(wsService('remove_download', { download_id: id })).rejects.toMatchObject({
      code: 'home_assistant_error',
      message: expect.stringMatching(/^AutoArr: .*Radarr/),
    });

    // A download blocked on import: removing it with blocklist goes to Radarr's queue.
    sim.control.setScenario('import_blocked');
    const blocked = await until(
      async () => {
        sim.control.advance(MIN);
        const r = await service('get_downloads', { state: ['import_blocked'] }, true);
        return downloadsOf(r).find((d) => d.app === 'radarr');
      },
      'a Radarr download blocked on import',
      40_000,
    );
    const removed = sim.control.writes({ app: 'radarr' }).length;
    expect((await service('remove_download', { download_id: blocked.id, blocklist: true })).status).toBe(200);
    const writes = sim.control.writes({ app: 'radarr' }).slice(removed);
    expect(
      writes.some((w) => w.method === 'DELETE' && w.query.blocklist === 'true'),
      JSON.stringify(writes),
    ).toBe(true);
  }, 120_000);

  it('retry_stalled and run_audit run in AutoArr', async () => {
    const r = await service('retry_stalled');
    expect([200, 500]).toContain(r.status);
    expect((await service('run_audit')).status).toBe(200);
    const audit = await autoarrApi<{ run: { score: number | null } | null }>('GET', '/api/audit');
    expect(audit.run).not.toBeNull();
  });

  it('pause_downloads, resume_downloads and set_speed_limit change SABnzbd', async () => {
    const sabWrites = () => sim.control.writes({ app: 'sabnzbd' }).map((w) => w.query);
    const n = sabWrites().length;
    expect((await service('pause_downloads', { minutes: 30 })).status).toBe(200);
    expect(sabWrites().slice(n)).toContainEqual(
      expect.objectContaining({ mode: 'config', name: 'set_pause', value: '30' }),
    );
    expect((await service('resume_downloads')).status).toBe(200);
    expect(sabWrites().slice(n)).toContainEqual(expect.objectContaining({ mode: 'resume' }));
    expect((await service('set_speed_limit', { percent: 40 })).status).toBe(200);
    expect(sabWrites().slice(n)).toContainEqual(
      expect.objectContaining({ mode: 'config', name: 'speedlimit', value: '40' }),
    );
    expect((await service('set_speed_limit', { percent: 0 })).status).toBe(400); // refused by the schema
    await sim.control.setAppMode('sabnzbd', 'down');
    await expect(wsService('pause_downloads')).rejects.toMatchObject({
      code: 'home_assistant_error',
      message: expect.stringMatching(/^AutoArr: .*SABnzbd/),
    });
    await sim.control.setAppMode('sabnzbd', 'ok');
  });
});

describe('get_downloads past one page', () => {
  it('returns every matching download with the total, not only AutoArr’s first page of 50', async () => {
    // 60 jobs added to SABnzbd the way any other program would, through its API.
    const sab = (q: Record<string, string>) =>
      fetch(
        `${sim.apps.sabnzbd.url}/api?${new URLSearchParams({ ...q, apikey: sim.apps.sabnzbd.apiKey, output: 'json' })}`,
      );
    const added: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const r = (await (await sab({ mode: 'addurl', name: `http://127.0.0.1/Page.Test.${i}.nzb` })).json()) as {
        nzo_ids: string[];
      };
      added.push(...r.nzo_ids);
    }
    try {
      type Page = { items: Item[]; total: number; byState: Record<string, number> };
      const ours = (p: Page) => p.items.filter((d) => d.title.startsWith('Page.Test.'));
      const direct = await until(
        async () => {
          const p = await autoarrApi<Page>('GET', '/api/downloads?pageSize=500');
          return ours(p).length === 60 ? p : undefined;
        },
        'AutoArr sees the 60 new jobs',
        60_000,
      );
      // AutoArr's default page: what the integration used to return.
      expect((await autoarrApi<Page>('GET', '/api/downloads')).items.length).toBe(50);
      // The head of SABnzbd's queue may already be downloading; the rest wait, well past one page.
      const state = 'queued';
      const queuedOurs = ours(direct).filter((d) => d.state === state);
      expect(queuedOurs.length).toBeGreaterThan(50);

      type Response = { downloads: Item[]; total: number; counts_by_state: Record<string, number> };
      const call = async (data: Record<string, unknown>) =>
        ((await service('get_downloads', data, true)).body as { service_response: Response }).service_response;
      const filtered = await call({ state: [state] });
      const everything = await call({});
      expect(filtered.total).toBe(direct.byState[state]);
      expect(filtered.downloads.length).toBe(filtered.total);
      expect(filtered.downloads.every((d) => d.state === state)).toBe(true);
      const titles = new Set(filtered.downloads.map((d) => d.title));
      for (const d of queuedOurs) expect(titles.has(d.title), d.title).toBe(true);
      expect(everything.total).toBe(direct.total);
      expect(new Set(everything.downloads.map((d) => d.id)).size).toBe(direct.total);
      expect(everything.counts_by_state).toEqual(direct.byState);
    } finally {
      await sab({ mode: 'queue', name: 'delete', value: added.join(',') });
    }
  }, 120_000);
});

describe('autoarr.request', () => {
  type Answer = {
    outcome: string;
    message: string;
    done: boolean;
    preview_id?: string;
    plan?: Record<string, unknown>;
    options?: Array<{ title: string; year: number; instance_id: string; external_id: number }>;
    downloads?: Array<{ download_id: string; title: string; progress: number }>;
  };
  const ask = async (data: Record<string, unknown>) => {
    const r = await service('request', data, true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body as { service_response: Answer }).service_response;
  };

  it('previews a movie without adding it, and adds it in Radarr with the preview id, once', async () => {
    const interstellar = () => sim.control.state.movies.filter((m) => m.title === 'Interstellar');
    expect(interstellar()).toEqual([]);
    const preview = await ask({ text: 'add Interstellar' });
    expect(preview).toMatchObject({
      outcome: 'preview',
      done: false,
      message: 'Add Interstellar (2014) to Radarr, root /movies, profile HD-1080p, search now?',
      plan: { action: 'add', app: 'radarr', title: 'Interstellar', year: 2014, root_folder: '/movies' },
    });
    expect(preview.preview_id).toEqual(expect.any(String));
    expect(interstellar()).toEqual([]);

    const done = await ask({ preview_id: preview.preview_id });
    expect(done).toMatchObject({
      outcome: 'done',
      done: true,
      message: 'Added Interstellar (2014) to Radarr and started a search.',
    });
    expect(done.preview_id).toBeUndefined();
    expect(interstellar()).toHaveLength(1);
    await expect(wsService('request', { preview_id: preview.preview_id })).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining(
        'AutoArr: That preview has expired or was already used. Ask again to get a fresh preview.',
      ),
    });
  });

  it('asks which one when two titles fit, previews the one picked, and with confirm adds a series in one call', async () => {
    const q = await ask({ text: 'add dune' });
    expect(q.outcome).toBe('question');
    expect(q.preview_id).toBeUndefined();
    const pick = q.options!.find((o) => o.year === 1984)!;
    const picked = await ask({ text: 'add dune', instance_id: pick.instance_id, external_id: pick.external_id });
    expect(picked).toMatchObject({ outcome: 'preview', plan: { title: 'Dune', year: 1984 } });
    await expect(wsService('request', { text: 'add dune', external_id: pick.external_id })).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('both instance_id and external_id'),
    });

    expect(sim.control.state.series.some((x) => x.title === 'Breaking Bad')).toBe(false);
    const added = await ask({ text: 'add breaking bad season 2', confirm: true });
    expect(added).toMatchObject({ outcome: 'done', done: true, plan: { app: 'sonarr', season: 2 } });
    expect(added.message).toMatch(/^Added Breaking Bad \(2008\) to Sonarr/);
    expect(sim.control.state.series.some((x) => x.title === 'Breaking Bad')).toBe(true);
  });

  it('answers "what\'s downloading?" with the downloads, and says what it can do when it is not a request', async () => {
    const direct = await autoarrApi<{ items: Array<{ id: string }> }>(
      'GET',
      '/api/downloads?state=downloading&pageSize=500',
    );
    const st = await ask({ text: "what's downloading?" });
    expect(st.outcome).toBe('status');
    expect(st.preview_id).toBeUndefined();
    expect(st.downloads!.map((d) => d.download_id).sort()).toEqual(direct.items.map((d) => d.id).sort());
    const n = direct.items.length;
    expect(st.message).toMatch(
      n === 0
        ? /^Nothing is downloading right now\./
        : new RegExp(`^${n === 1 ? '1 download is' : `${n} downloads are`} downloading: `),
    );

    const none = await ask({ text: 'turn on the kitchen lights' });
    expect(none).toMatchObject({ outcome: 'not_a_request', done: false });
    expect(none.message).toMatch(/^That does not look like a request for a show or movie\. Try "add Dune Part Two"/);
    await expect(wsService('request', {})).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('Say what to request in text'),
    });
  });
});

type Issue = {
  domain: string;
  issue_id: string;
  translation_key: string;
  translation_placeholders: Record<string, string>;
};
const issues = async () =>
  (await ws.send<{ issues: Issue[] }>({ type: 'repairs/list_issues' })).issues.filter((i) => i.domain === 'autoarr');

describe('diagnostics, repairs, Assist and the cards', () => {
  it('diagnostics hold health, settings, versions and the audit summary, and no secret', async () => {
    const r = await ha.api('GET', `/api/diagnostics/config_entry/${entryId}`);
    expect(r.status).toBe(200);
    const data = (r.body as { data: Record<string, unknown> }).data;
    expect(data.versions).toMatchObject({ home_assistant: '2024.8.1', autoarr: '0.0.0-ha-core', integration: '0.1.0' });
    expect(data.health).toMatchObject({ version: '0.0.0-ha-core', apps: { sabnzbd: expect.any(Object) } });
    expect(data.settings).toMatchObject({ runtime: { autoRecovery: false, dryRun: false } });
    expect(data.audit).toMatchObject({ audited: true, findings: expect.any(Number) });
    const text = JSON.stringify(r.body);
    for (const secret of [token(), ...Object.values(sim.apps).map((a) => a.apiKey)]) expect(text).not.toContain(secret);
  });

  it('raises a repair when an app refuses its key and clears it when the key works again', async () => {
    // AutoArr runs without MQTT here, so there are no entities: that is a repair from the start.
    expect((await issues()).map((i) => i.issue_id)).toContain('mqtt_missing');

    // The person presses "Test connection" in AutoArr (its periodic check would find it within a minute).
    const test = (id: string) =>
      autoarr!.http.request(`/api/apps/${id}/test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token()}` },
      });
    await sim.control.setAppMode('sonarr', 'bad_key');
    await test('sonarr');
    const raised = await until(
      async () => (await issues()).find((i) => i.issue_id === 'app_auth_failed_sonarr'),
      'the Sonarr key repair',
      30_000,
    );
    expect(raised).toMatchObject({ translation_key: 'app_auth_failed', translation_placeholders: { app: 'Sonarr' } });
    expect(raised.translation_placeholders.message).not.toContain(sim.apps.sonarr.apiKey);

    await sim.control.setAppMode('sonarr', 'ok');
    await test('sonarr');
    await until(
      async () => !(await issues()).some((i) => i.issue_id === 'app_auth_failed_sonarr'),
      'the Sonarr key repair cleared',
      30_000,
    );
  });

  it('reminds of dry run and automatic recovery off only after a day, as the options say, and clears when fixed', async () => {
    const settings = async (body: Record<string, boolean>) => {
      const res = await autoarr!.http.request('/api/settings', {
        method: 'PUT',
        headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    };
    const watched = async () =>
      (
        (await ha.api('GET', `/api/diagnostics/config_entry/${entryId}`)).body as {
          data: { repairs: { conditions_since: Record<string, string> } };
        }
      ).data.repairs.conditions_since;
    const ids = async () => (await issues()).map((i) => i.issue_id);
    const both = ['auto_recovery_off', 'dry_run_on'];
    const age = () => ws.send({ type: 'autoarr_probe/age_repair_clocks', entry_id: entryId, hours: 25 });
    const options = async (on: boolean) => {
      const flow = (await ha.api('POST', '/api/config/config_entries/options/flow', { handler: entryId })).body as Flow;
      expect(flow).toMatchObject({ type: 'form', step_id: 'init' });
      const done = await stepOptions(flow.flow_id, { switch_reminders: on });
      expect(done).toMatchObject({ type: 'create_entry' });
    };

    // AutoArr runs with automatic recovery off since the start; dry run goes on now (pushed as settings.changed).
    await settings({ dryRun: true });
    await until(async () => {
      const w = await watched();
      return both.every((k) => k in w);
    }, 'both switches watched');
    expect(await ids()).not.toContain('dry_run_on');
    expect(await ids()).not.toContain('auto_recovery_off');

    // A day later (the stored clocks moved back 25 hours, Home Assistant's entry loaded again): both repairs.
    await age();
    const raised = await until(async () => {
      const found = (await issues()).filter((i) => both.includes(i.issue_id));
      return found.length === 2 ? found : undefined;
    }, 'the dry run and automatic recovery repairs');
    expect(raised.map((i) => i.translation_key).sort()).toEqual(both);

    // Report-only on purpose: the option turns the reminders off, and back on starts a new day.
    await options(false);
    await until(async () => !(await ids()).some((i) => both.includes(i)), 'the reminders gone with the option off');
    await options(true);
    await until(async () => {
      const w = await watched();
      return both.every((k) => k in w);
    }, 'both switches watched again');
    expect((await ids()).some((i) => both.includes(i))).toBe(false);
    await age();
    await until(async () => (await ids()).filter((i) => both.includes(i)).length === 2, 'raised again');

    // Fixed in AutoArr: each repair goes as soon as AutoArr says so.
    await settings({ dryRun: false });
    await until(async () => !(await ids()).includes('dry_run_on'), 'the dry run repair cleared');
    expect(await ids()).toContain('auto_recovery_off');
    await settings({ autoRecovery: true });
    await until(async () => !(await ids()).includes('auto_recovery_off'), 'the automatic recovery repair cleared');
    await settings({ autoRecovery: false }); // as the other tests expect
  }, 90_000);

  it('keeps the MQTT repair while AutoArr restarts, and clears it once AutoArr is connected to a broker', async () => {
    const watched = async () =>
      (
        (await ha.api('GET', `/api/diagnostics/config_entry/${entryId}`)).body as {
          data: { repairs: { conditions_since: Record<string, string> } };
        }
      ).data.repairs.conditions_since;
    expect((await issues()).map((i) => i.issue_id)).toContain('mqtt_missing');
    broker = await startMosquitto();
    await autoarr!.stop();
    // AutoArr away: Home Assistant notices, and what AutoArr said last still stands.
    const away = await until(async () => {
      const w = await watched();
      return 'autoarr_unreachable' in w ? w : undefined;
    }, 'the watcher seeing AutoArr away');
    expect(Object.keys(away)).toContain('mqtt_missing');
    expect((await issues()).map((i) => i.issue_id)).toContain('mqtt_missing');

    autoarr = await startOurAutoArr({ MQTT_URL: broker.url });
    // The event stream reconnects and AutoArr's health is read again: MQTT is connected now.
    await until(
      async () => {
        const w = await watched();
        return !('mqtt_missing' in w) && !('autoarr_unreachable' in w);
      },
      'AutoArr back, connected to MQTT',
      60_000,
    );
    expect((await issues()).map((i) => i.issue_id)).not.toContain('mqtt_missing');
  }, 90_000);

  it('registers the AutoArr LLM API; an Assist agent lists its tools and calls one', async () => {
    const listed = await ws.send<{ apis: Record<string, string>; tools: Array<{ name: string }> }>({
      type: 'autoarr_probe/llm_tools',
      api_id: 'autoarr',
    });
    expect(listed.apis).toMatchObject({ assist: 'Assist', autoarr: 'AutoArr' });
    expect(listed.tools.map((t) => t.name)).toEqual([
      'autoarr_status',
      'autoarr_list_problem_downloads',
      'autoarr_retry_download',
      'autoarr_pause_downloads',
      'autoarr_resume_downloads',
      'autoarr_audit_summary',
      'autoarr_request',
      'autoarr_confirm_request',
      'autoarr_is_downloading',
    ]);
    const status = await ws.send<Record<string, unknown>>({
      type: 'autoarr_probe/llm_call',
      api_id: 'autoarr',
      tool: 'autoarr_status',
    });
    expect(status).toMatchObject({ automatic_recovery: false, dry_run: false, mqtt: 'connected' });
    const problems = await ws.send<{ total: number; downloads: Array<{ download_id: string; title: string }> }>({
      type: 'autoarr_probe/llm_call',
      api_id: 'autoarr',
      tool: 'autoarr_list_problem_downloads',
    });
    expect(problems.total).toBe(problems.downloads.length);
    const audit = await ws.send<Record<string, unknown>>({
      type: 'autoarr_probe/llm_call',
      api_id: 'autoarr',
      tool: 'autoarr_audit_summary',
    });
    expect(audit).toMatchObject({ audited: true });
  });

  it('Assist requests a title with a preview, adds it only with the preview id, and says if it is downloading', async () => {
    type Answer = { outcome: string; message: string; done: boolean; preview_id?: string; error?: string };
    const call = (tool: string, args: Record<string, unknown>) =>
      ws.send<Answer>({ type: 'autoarr_probe/llm_call', api_id: 'autoarr', tool, args });
    const inception = () => sim.control.state.movies.filter((m) => m.title === 'Inception');
    expect(inception()).toEqual([]);
    const preview = await call('autoarr_request', { text: 'add Inception' });
    expect(preview).toMatchObject({ outcome: 'preview', done: false });
    expect(preview.message).toMatch(/^Add Inception \(2010\) to Radarr/);
    expect(inception()).toEqual([]);
    const done = await call('autoarr_confirm_request', { preview_id: preview.preview_id });
    expect(done).toMatchObject({ outcome: 'done', done: true, message: expect.stringMatching(/^Added Inception/) });
    expect(inception()).toHaveLength(1);

    const asked = await call('autoarr_is_downloading', { title: 'Inception' });
    expect(asked.message).toMatch(/^Inception \(2010\) is already (downloading in|in) Radarr/);
    const unknown = await call('autoarr_is_downloading', { title: 'Heat' });
    expect(unknown).toMatchObject({
      outcome: 'status',
      message: expect.stringMatching(/^Heat \(1995\), movie is not in Radarr/),
    });
    const now = await call('autoarr_is_downloading', {});
    expect(now.message).toMatch(/^(Nothing is downloading right now|\d+ downloads? (is|are) downloading: )/);
    expect(await call('autoarr_confirm_request', {})).toMatchObject({
      error: expect.stringContaining('Invalid arguments for autoarr_confirm_request'),
    });
  });

  it('handles the AutoArr intents: a request is spoken as its preview and added only on the confirm intent', async () => {
    const say = async (name: string, data: Record<string, unknown> = {}) => {
      const r = await ha.api('POST', '/api/intent/handle', { name, data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body as { speech: { plain: { speech: string } } }).speech.plain.speech;
    };
    const whiplash = () => sim.control.state.movies.filter((m) => m.title === 'Whiplash');
    expect(await say('AutoArrConfirmRequest')).toBe(
      'No AutoArr request is waiting for a confirmation. Ask for a show or movie first.',
    );
    const preview = await say('AutoArrRequest', { title: 'Whiplash' });
    expect(preview).toMatch(/^Add Whiplash \(2014\) to Radarr, .* search now\? To go ahead, confirm the request\.$/);
    expect(whiplash()).toEqual([]);
    expect(await say('AutoArrConfirmRequest')).toBe('Added Whiplash (2014) to Radarr and started a search.');
    expect(whiplash()).toHaveLength(1);
    // Used once: a second confirm finds nothing waiting.
    expect(await say('AutoArrConfirmRequest')).toMatch(/^No AutoArr request is waiting/);
    expect(await say('AutoArrIsDownloading', { title: 'Heat' })).toMatch(/^Heat \(1995\), movie is not in Radarr/);
    expect(await say('AutoArrRequest', { title: 'qwxzzyzx' })).toMatch(/found nothing called "qwxzzyzx"/);
    // Home Assistant offers every intent to LLM agents that use its Assist API, so these are there too.
    const assist = await ws.send<{ tools: Array<{ name: string }> }>({
      type: 'autoarr_probe/llm_tools',
      api_id: 'assist',
    });
    expect(assist.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['AutoArrRequest', 'AutoArrConfirmRequest', 'AutoArrIsDownloading']),
    );
  });

  it('adds the cards to every dashboard and serves them from AutoArr', async () => {
    const index = await fetch(`${ha.url}/`);
    const html = await index.text();
    const m = /<script type="module" src="(\/autoarr_static\/autoarr-cards\.js\?v=0\.0\.0-ha-core)"><\/script>/.exec(
      html,
    );
    expect(m, html).not.toBeNull();
    const cards = await fetch(`${ha.url}${m![1]}`);
    expect(cards.status).toBe(200);
    expect(cards.headers.get('content-type')).toContain('javascript');
    expect(await cards.text()).toContain('autoarr-downloads-card');
  });
});

describe('reauth, reconfigure, Supervisor discovery and removal', () => {
  const rotate = async () => {
    const res = await autoarr!.http.request('/api/access-token/rotate', {
      method: 'POST',
      headers: { authorization: `Bearer ${token()}` },
    });
    expect(res.status).toBe(200);
  };
  const reload = () => ha.api('POST', `/api/config/config_entries/entry/${entryId}/reload`);
  const entryUrl = async () =>
    ((await ha.api('GET', `/api/diagnostics/config_entry/${entryId}`)).body as { data: { entry: { url: string } } })
      .data.entry.url;

  type Progress = Flow & { handler: string; context: { source: string; entry_id?: string } };
  const reauthFlows = async () =>
    (await ws.send<Progress[]>({ type: 'config_entries/flow/progress' })).filter(
      (f) => f.handler === 'autoarr' && f.context.source === 'reauth',
    );

  it('asks for the new token after it was rotated in AutoArr, and works again with it', async () => {
    await rotate();
    await reload();
    await until(async () => (await entryState()) === 'setup_error', 'the entry refused');
    const flow = await until(async () => (await reauthFlows())[0], 'the reauth flow');
    expect(flow).toMatchObject({ step_id: 'reauth_confirm', context: { entry_id: entryId } });
    const wrong = await stepFlow(flow.flow_id, { token: 'still-wrong' });
    expect(wrong).toMatchObject({ type: 'form', errors: { base: 'invalid_auth' } });
    const done = await stepFlow(flow.flow_id, { token: token() });
    expect(done).toMatchObject({ type: 'abort', reason: 'reauth_successful' });
    await until(async () => (await entryState()) === 'loaded', 'the entry loaded again');
  });

  it('reconfigure moves the entry to AutoArr’s new address', async () => {
    // AutoArr "moved": a loopback TCP forwarder on another address and port.
    const proxy = net.createServer((socket) => {
      const upstream = net.connect(port, HOST);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.3', resolve));
    const moved = `http://127.0.0.3:${(proxy.address() as net.AddressInfo).port}`;
    try {
      const flow = await startFlow({ handler: 'autoarr', entry_id: entryId });
      expect(flow).toMatchObject({ type: 'form', step_id: 'reconfigure' });
      const notAutoArr = await stepFlow(flow.flow_id, { url: sim.apps.plex.url });
      expect(notAutoArr).toMatchObject({ type: 'form', errors: { base: 'not_autoarr' } });
      const done = await stepFlow(flow.flow_id, { url: moved });
      expect(done).toMatchObject({ type: 'abort', reason: 'reconfigure_successful' });
      await until(async () => (await entryUrl()) === moved, 'the new URL stored');
      await until(async () => (await entryState()) === 'loaded', 'the entry loaded at the new address');
      expect((await service('get_downloads', {}, true)).status).toBe(200);
    } finally {
      proxy.close();
    }
  });

  it('a discovery from the add-on updates the existing entry, also with a rotated token', async () => {
    const announce = () =>
      ws.send<Flow>({
        type: 'autoarr_probe/hassio_discovery',
        uuid: 'autoarr-addon-uuid',
        config: { host: HOST, port, token: token() },
      });
    expect(await announce()).toMatchObject({ type: 'abort', reason: 'already_configured' });
    await until(async () => (await entryUrl()) === autoarrUrl(), 'the announced URL stored');
    await until(async () => (await entryState()) === 'loaded', 'the entry loaded');

    await rotate(); // the add-on re-announces itself with the new token
    expect(await announce()).toMatchObject({ type: 'abort', reason: 'already_configured' });
    await until(
      async () => (await entryState()) === 'loaded' && (await wsService('run_audit').then(() => true)),
      'the entry working with the announced token',
    );
    expect(await entryState()).toBe('loaded');

    // Home Assistant may meet the old token first (here: a restart of the entry) and ask for the new one; the
    // announcement still gets through, and the question goes away.
    await rotate();
    await reload();
    await until(async () => (await reauthFlows()).length > 0, 'the reauth flow');
    expect(await announce()).toMatchObject({ type: 'abort', reason: 'already_configured' });
    await until(
      async () => (await entryState()) === 'loaded' && (await wsService('run_audit').then(() => true)),
      'the entry working with the announced token',
    );
    expect(await reauthFlows()).toEqual([]);
  }, 90_000);

  it('removing the entry removes its cards and repairs; the add-on can then be added from its discovery', async () => {
    expect((await ha.api('DELETE', `/api/config/config_entries/entry/${entryId}`)).status).toBe(200);
    expect(await entries()).toEqual([]);
    const issues = (await ws.send<{ issues: Array<{ domain: string }> }>({ type: 'repairs/list_issues' })).issues;
    expect(issues.filter((i) => i.domain === 'autoarr')).toEqual([]);
    expect(await (await fetch(`${ha.url}/`)).text()).not.toContain('autoarr-cards.js');
    await expect(wsService('retry_stalled')).rejects.toMatchObject({
      code: 'service_validation_error',
      message: expect.stringContaining('AutoArr is not connected'),
    });

    const found = await ws.send<Flow>({
      type: 'autoarr_probe/hassio_discovery',
      uuid: 'autoarr-addon-uuid',
      config: { host: HOST, port, token: token() },
    });
    expect(found).toMatchObject({ type: 'form', step_id: 'hassio_confirm' });
    const created = await stepFlow(found.flow_id, {});
    expect(created).toMatchObject({ type: 'create_entry', title: 'AutoArr' });
    entryId = created.result!.entry_id;
    await until(async () => (await entryState()) === 'loaded', 'the discovered entry loaded');
  });
});
