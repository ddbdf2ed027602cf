// The simulated SABnzbd answers with the key sets and value conventions of sabnzbd-samples.json, its auth
// errors are the plain-text 403s, and its writes change state that later reads show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOL_KEYS } from '../../src/sim/sabnzbd/config.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { compareWithSabSample } from '../helpers/contracts.js';
import { obj, sab } from './sim-client.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 11 });
});
afterAll(() => stack.stop());

async function body(query: string): Promise<unknown> {
  const r = await sab(stack, query);
  expect(r.status).toBe(200);
  expect(r.contentType).toContain('application/json');
  return r.json;
}

const queueNzo = async (i = 0) =>
  String((obj(obj(await body('mode=queue')).queue).slots as Record<string, unknown>[])[i]!.nzo_id);

describe('simulated SABnzbd bodies match sabnzbd-samples.json', () => {
  it('queue, history, status, config and warnings', async () => {
    stack.control.setScenario('sab_failed');
    stack.control.advance(40_000); // the tracked job fails; post-processing is under way for nothing else yet
    const boolish = BOOL_KEYS;
    const cases: [string, string][] = [
      ['queue', 'mode=queue'],
      ['queue', 'mode=queue&start=0&limit=1'],
      ['history', 'mode=history&limit=50'],
      ['history', 'mode=history&failed_only=1'],
      ['version', 'mode=version'],
      ['get_config_misc', 'mode=get_config&section=misc'],
      ['get_config_misc_keyword', 'mode=get_config&section=misc&keyword=pause_on_post_processing'],
      ['get_config_categories', 'mode=get_config&section=categories'],
      ['get_config_servers', 'mode=get_config&section=servers'],
      ['get_config_sorters', 'mode=get_config&section=sorters'],
      ['fullstatus', 'mode=fullstatus&skip_dashboard=1'],
      ['server_stats', 'mode=server_stats'],
      ['set_config_unknown', 'mode=set_config&section=misc&keyword=no_such_key&value=1'],
      ['retry_unknown', 'mode=retry&value=SABnzbd_nzo_doesnotexist'],
      ['addurl_missing_name', 'mode=addurl'],
      ['queue_delete_unknown', 'mode=queue&name=delete&value=SABnzbd_nzo_doesnotexist'],
      ['priority_bad_value', `mode=queue&name=priority&value=x&value2=high`],
      ['switch_unknown', 'mode=switch&value=SABnzbd_nzo_doesnotexist&value2=0'],
      ['unknown_mode', 'mode=frobnicate'],
    ];
    const problems: string[] = [];
    for (const [sample, query] of cases)
      problems.push(...compareWithSabSample(sample, await body(query), { boolish }).map((p) => `${query}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('write modes answer in the sample shapes and change what later reads return', async () => {
    stack.control.setScenario('healthy');
    const problems: string[] = [];
    const check = async (sample: string, query: string) => {
      const b = await body(query);
      problems.push(...compareWithSabSample(sample, b, { boolish: BOOL_KEYS }).map((p) => `${query}: ${p}`));
      return obj(b);
    };
    const id = await queueNzo(0);
    await check('queue_pause_job', `mode=queue&name=pause&value=${id}`);
    let slot = (obj(obj(await body('mode=queue')).queue).slots as Record<string, unknown>[]).find(
      (s) => s.nzo_id === id,
    )!;
    expect(slot.status).toBe('Paused');
    await check('queue_resume_job', `mode=queue&name=resume&value=${id}`);
    await check('priority', `mode=queue&name=priority&value=${await queueNzo(1)}&value2=1`);
    expect(await queueNzo(0)).not.toBe(id); // the High job moved to the top
    await check('switch', `mode=switch&value=${id}&value2=0`);
    expect(await queueNzo(0)).toBe(id);
    await check('change_cat', `mode=change_cat&value=${id}&value2=movies`);
    slot = (obj(obj(await body('mode=queue')).queue).slots as Record<string, unknown>[]).find((s) => s.nzo_id === id)!;
    expect(slot.cat).toBe('movies');
    await check('pause', 'mode=pause');
    expect(obj(obj(await body('mode=queue')).queue).paused).toBe(true);
    await check('resume', 'mode=resume');
    expect(obj(obj(await body('mode=queue')).queue).paused).toBe(false);
    const set = await check('set_config', 'mode=set_config&section=misc&keyword=direct_unpack&value=1');
    expect(obj(obj(set.config).misc).direct_unpack).toBe(true);
    expect(
      obj(obj(obj(await body('mode=get_config&section=misc&keyword=direct_unpack')).config).misc).direct_unpack,
    ).toBe(true);
    const added = await check(
      'addurl',
      `mode=addurl&name=${encodeURIComponent('https://indexer.example/getnzb/jkl012.nzb')}&cat=tv&priority=-100`,
    );
    const newId = (added.nzo_ids as string[])[0]!;
    expect(newId).toMatch(/^SABnzbd_nzo_[a-z0-9_]+$/);
    await check('queue_delete', `mode=queue&name=delete&value=${newId}&del_files=1`);
    expect(obj(obj(await body(`mode=queue&nzo_ids=${newId}`)).queue).noofslots).toBe(0);
    await check('warnings', 'mode=warnings');
    await check('warnings_clear', 'mode=warnings&name=clear');
    expect(problems).toEqual([]);
  });

  it('a failed job can be retried under a new id and its history deleted', async () => {
    stack.control.setScenario('sab_failed');
    stack.control.advance(40_000);
    const history = obj(obj(await body('mode=history&failed_only=1')).history);
    const failed = (history.slots as Record<string, unknown>[])[0]!;
    expect(failed.status).toBe('Failed');
    expect(failed.fail_message).toBe('Aborted, cannot be completed - https://sabnzbd.org/not-complete');
    const retried = await body(`mode=retry&value=${String(failed.nzo_id)}`);
    expect(compareWithSabSample('retry', retried)).toEqual([]);
    const newId = String(obj(retried).nzo_id);
    expect(newId).not.toBe(failed.nzo_id);
    expect(obj(obj(await body(`mode=queue&nzo_ids=${newId}`)).queue).noofslots).toBe(1);
    const others = obj(obj(await body('mode=history&limit=100')).history).slots as Record<string, unknown>[];
    const victim = others.find((s) => s.status === 'Completed')!;
    expect(
      compareWithSabSample(
        'history_delete',
        await body(`mode=history&name=delete&value=${String(victim.nzo_id)}&del_files=1&archive=0`),
      ),
    ).toEqual([]);
    const after = obj(obj(await body('mode=history&limit=100')).history).slots as Record<string, unknown>[];
    expect(after.some((s) => s.nzo_id === victim.nzo_id)).toBe(false);
  });

  it('history honours the default limit of 10 and the last_history_update short-circuit', async () => {
    stack.control.setScenario('healthy');
    for (let i = 0; i < 12; i++) await body(`mode=addurl&name=https%3A%2F%2Fx.example%2F${i}.nzb`);
    stack.control.advance(3 * 3_600_000);
    const h = obj(obj(await body('mode=history')).history);
    expect((h.slots as unknown[]).length).toBe(10);
    expect(Number(h.noofslots)).toBeGreaterThan(10);
    expect(await body(`mode=history&last_history_update=${String(h.last_history_update)}`)).toEqual({ history: false });
    const empty = await startSimStack({ scenario: 'healthy', seed: 1 });
    try {
      empty.control.state.downloads.length = 0;
      const r = await sab(empty, 'mode=queue');
      expect(compareWithSabSample('queue_empty', r.json)).toEqual([]);
      expect(obj(obj(r.json).queue).status).toBe('Idle');
      const hr = await sab(empty, 'mode=history');
      expect(compareWithSabSample('history_empty', hr.json)).toEqual([]);
    } finally {
      await empty.stop();
    }
  });

  it('numbers arrive as strings with the documented formats', async () => {
    stack.control.setScenario('healthy');
    stack.control.advance(5_000);
    const q = obj(obj(await body('mode=queue')).queue);
    expect(q.mbleft).toMatch(/^\d+\.\d{2}$/);
    expect(q.kbpersec).toMatch(/^\d+\.\d{2}$/);
    expect(q.timeleft).toMatch(/^\d+:\d{2}:\d{2}$/);
    expect(q.size).toMatch(/^\d+(\.\d)? [KMGT]?B$/);
    const slot = (q.slots as Record<string, unknown>[])[0]!;
    expect(slot.percentage).toMatch(/^\d{1,3}$/);
    expect(typeof slot.index).toBe('number');
    expect(typeof slot.time_added).toBe('number');
  });
});

describe('simulated SABnzbd auth and url_base', () => {
  it('answers a wrong or missing key with the plain-text 403', async () => {
    const wrong = await sab(stack, 'mode=queue', 'WRONG');
    expect(wrong.status).toBe(403);
    expect(wrong.text).toBe('API Key Incorrect');
    const res = await fetch(`${stack.apps.sabnzbd.url}/api?mode=queue&output=json`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('API Key Required');
    expect((await sab(stack, 'mode=version', 'WRONG')).json).toEqual({ version: '5.0.1' });
  });

  it('serves the API under its url_base only, and without one when configured so', async () => {
    expect(stack.apps.sabnzbd.url).toMatch(/\/sabnzbd$/);
    const root = stack.apps.sabnzbd.url.replace(/\/sabnzbd$/, '');
    expect((await fetch(`${root}/api?mode=version`)).status).toBe(404);
    const plain = await startSimStack({ sabUrlBase: '' });
    try {
      expect(plain.apps.sabnzbd.url).not.toMatch(/sabnzbd$/);
      expect(await (await fetch(`${plain.apps.sabnzbd.url}/api?mode=version&output=json`)).json()).toEqual({
        version: '5.0.1',
      });
    } finally {
      await plain.stop();
    }
  });
});

describe('simulated SABnzbd input handling', () => {
  it('takes an NZB upload (addfile, multipart) like Sonarr sends it', async () => {
    const form = new FormData();
    form.append(
      'name',
      new Blob(['<?xml version="1.0"?><nzb></nzb>'], { type: 'application/x-nzb' }),
      'Some.Show.S01E01.nzb',
    );
    const { url, apiKey } = stack.apps.sabnzbd;
    const res = await fetch(
      `${url}/api?mode=addfile&cat=tv&priority=0&nzbname=Some.Show.S01E01&output=json&apikey=${apiKey}`,
      { method: 'POST', body: form },
    );
    const json = obj(await res.json());
    expect(compareWithSabSample('addfile', json)).toEqual([]);
    const id = (json.nzo_ids as string[])[0]!;
    const slot = (
      obj(obj((await sab(stack, `mode=queue&nzo_ids=${id}`)).json).queue).slots as Record<string, unknown>[]
    )[0]!;
    expect(slot).toMatchObject({ filename: 'Some.Show.S01E01', cat: 'tv' });
    expect(stack.control.writes({ app: 'sabnzbd' }).at(-1)?.query.mode).toBe('addfile');
  });

  it('answers nonsense parameters with SABnzbd errors instead of failing', async () => {
    expect((await sab(stack, 'mode=queue&start=abc&limit=-5')).status).toBe(200);
    expect((await sab(stack, 'mode=config&name=speedlimit&value=fast')).json).toEqual({
      status: false,
      error: 'expects integer value',
    });
    expect((await sab(stack, 'mode=set_config&section=misc&keyword=history_limit&value=many')).json).toEqual({
      status: false,
      error: 'expects integer value',
    });
    expect((await sab(stack, 'mode=retry')).json).toEqual({ status: false, error: 'expects one parameter' });
    expect((await sab(stack, 'mode=get_config&section=nope')).json).toEqual({ config: {} });
  });
});
