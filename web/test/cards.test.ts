// The dashboard cards in a real Chromium: the bundle registers both cards, they render a stub `hass` built from the
// add-on's real discovery states (simulated stack → AutoArr → HA entity builders), call HA services, reject bad
// configs, and their editors (getConfigForm) describe and validate every option.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from '../../autoarr/src/shared/types.js';
import { launchBrowser, screenshotDir, watchErrors, type Page, type TestBrowser } from './browser.js';
import { speed } from '../src/shared/format.js';
import { hassStatesFrom } from './hass-stub.js';
import { seriousViolations } from './axe.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;
let page: Page;
let errors: string[];
let states: Record<string, unknown>;

interface PageWindow {
  customCards: Array<{ type: string; name: string }>;
  calls: Array<[string, string, Record<string, unknown>]>;
  hass: { states: Record<string, unknown>; callService: (d: string, s: string, data: unknown) => Promise<void> };
}

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack({ env: { AUTOARR_AUTO_RECOVERY: 'false' } });
  const downloads = await until(async () => {
    const res = await fetch(`${stack.url}api/downloads`);
    const list = (await res.json()) as Download[] | { items: Download[] };
    const items = Array.isArray(list) ? list : list.items;
    return items.length >= 3 && items.some((d) => d.state === 'downloading') ? items : undefined;
  }, 'the monitor to list downloads');
  await stack.autoarr.ctx.apps.testAll();
  const run = (await (await fetch(`${stack.url}api/audit/run`, { method: 'POST' })).json()) as {
    score: number | null;
    findings: unknown[];
  };
  states = await hassStatesFrom(stack.autoarr, downloads, {
    score: run.score ?? undefined,
    findings: run.findings.length,
  });
  tb = await launchBrowser();
  page = await tb.browser.newPage();
  errors = watchErrors(page);
  // The card file exactly as AutoArr serves it at its stable URL.
  const res = await fetch(`${stack.url}cards/autoarr-cards.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const bundle = await res.text();
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>AutoArr cards</title></head><body style="background:#fafafa;font-family:sans-serif"><div id="root" style="display:grid;grid-template-columns:420px 320px;gap:16px;padding:16px;align-items:start"></div></body></html>',
  );
  await page.addScriptTag({ content: bundle, type: 'module' });
  await page.evaluate((s) => {
    const w = window as unknown as PageWindow;
    w.calls = [];
    w.hass = {
      states: s,
      callService: async (domain, service, data) =>
        void w.calls.push([domain, service, data as Record<string, unknown>]),
    };
  }, states);
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await stack?.stop();
});

async function mount(tag: string, config: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ tag, config }) => {
      const w = window as unknown as PageWindow;
      const el = document.createElement(tag) as HTMLElement & { setConfig(c: unknown): void; hass: unknown };
      el.setConfig(config);
      el.hass = w.hass;
      el.id = tag;
      document.getElementById('root')!.append(el);
    },
    { tag, config },
  );
}

describe('dashboard cards', () => {
  it('registers both cards in the card picker', async () => {
    const cards = await page.evaluate(() => (window as unknown as PageWindow).customCards.map((c) => c.type));
    expect(cards).toEqual(['autoarr-downloads-card', 'autoarr-health-card']);
  });

  it('the downloads card lists active downloads with progress from the hub sensor', async () => {
    await mount('autoarr-downloads-card', { type: 'custom:autoarr-downloads-card', max_items: 6 });
    const card = page.locator('autoarr-downloads-card');
    const attrs = (states['sensor.autoarr_hub_downloads'] as { attributes: { downloads: Array<{ name: string }> } })
      .attributes.downloads;
    await expect.poll(() => card.locator('li').count()).toBe(Math.min(6, attrs.length));
    await expect.poll(() => card.locator('li').first().textContent()).toContain(attrs[0]!.name.slice(0, 20));
    const bar = card.locator('[role=progressbar]').first();
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(0);
    const size = await page.evaluate(() => {
      const el = document.getElementById('autoarr-downloads-card') as unknown as {
        getCardSize(): number;
        getGridOptions(): { columns: number; rows: number };
      };
      return { size: el.getCardSize(), grid: el.getGridOptions() };
    });
    expect(size.size).toBeGreaterThan(1);
    expect(size.grid.columns).toBe(12);
  });

  it('retry stalled presses the hub button when something is stuck', async () => {
    const card = page.locator('autoarr-downloads-card');
    const stuck = await card
      .locator('li[data-state=stalled], li[data-state=failed], li[data-state=import_blocked]')
      .count();
    const button = card.getByRole('button', { name: /Retry stalled/ });
    if (stuck === 0) {
      expect(await button.count()).toBe(0);
      return;
    }
    await button.click();
    const calls = await page.evaluate(() => (window as unknown as PageWindow).calls);
    expect(calls).toContainEqual(['button', 'press', { entity_id: 'button.autoarr_hub_retry_stalled' }]);
  });

  it("shows each download's speed and retries one stuck download through the integration's action", async () => {
    type Attrs = { retry_topic: string; downloads: Array<Record<string, unknown> & { id: string; state: string }> };
    const real = states['sensor.autoarr_hub_downloads'] as { attributes: Attrs };
    // Real attributes from StackState carry the command topic and a numeric speed per item.
    expect(real.attributes.retry_topic).toBe('autoarr/hub/retry_download/set');
    expect(real.attributes.downloads.every((d) => typeof d.speed === 'number')).toBe(true);
    // A copy with one item stalled and one downloading at a known speed, so the assertions never depend on timing.
    const items = real.attributes.downloads.slice(0, 3).map((d) => ({ ...d }));
    items[0] = { ...items[0]!, state: 'stalled', ignored: false };
    items[1] = { ...items[1]!, state: 'downloading', speed: 2_500_000 };
    const entity = {
      entity_id: 'sensor.autoarr_test_downloads',
      state: String(items.length),
      attributes: { ...real.attributes, total: items.length, downloads: items },
    };
    await page.evaluate((e) => {
      const w = window as unknown as PageWindow;
      w.calls = [];
      const el = document.createElement('autoarr-downloads-card') as HTMLElement & {
        setConfig(c: unknown): void;
        hass: unknown;
      };
      el.setConfig({ type: 'custom:autoarr-downloads-card', entity: e.entity_id });
      // The AutoArr integration registers autoarr.retry_download; the card offers per-item Retry only then.
      el.hass = {
        ...w.hass,
        states: { ...w.hass.states, [e.entity_id]: e },
        services: { autoarr: { retry_download: {} } },
      };
      el.id = 'retry-card';
      document.getElementById('root')!.append(el);
    }, entity);
    const card = page.locator('#retry-card');
    await expect.poll(() => card.locator('li').count()).toBe(3);
    await expect.poll(() => card.locator('li').nth(1).textContent()).toContain(speed(2_500_000));
    // Only the stuck item offers Replace, and it asks first, naming what is thrown away.
    const replace = card.locator('li button.replace');
    expect(await replace.count()).toBe(1);
    // The header button shows too, though the hub button entity reads "unknown" (never pressed yet).
    expect(await card.getByRole('button', { name: /Retry stalled \(1\)/ }).count()).toBe(1);
    const stuck = card.locator('li[data-state=stalled]');
    await stuck.locator('button.replace').click();
    const confirm = stuck.locator('.confirm');
    await expect.poll(() => confirm.textContent()).toMatch(/deletes what was downloaded, blocklists the release/);
    expect(await page.evaluate(() => (window as unknown as PageWindow).calls)).toEqual([]);
    // Keyboard focus moves into the question (Cancel), and back to "Replace…" when cancelled.
    const active = () =>
      page.evaluate(() => document.getElementById('retry-card')!.shadowRoot!.activeElement?.textContent?.trim());
    await expect.poll(active).toBe('Cancel');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    await expect.poll(active).toBe('Replace…');
    expect(await page.evaluate(() => (window as unknown as PageWindow).calls)).toEqual([]);
    await stuck.locator('button.replace').click();
    await confirm.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as PageWindow).calls))
      .toContainEqual(['autoarr', 'retry_download', { download_id: items[0]!.id }]);
  });

  it('the health card shows every app, the audit score and switches automatic recovery', async () => {
    await mount('autoarr-health-card', { type: 'custom:autoarr-health-card' });
    const card = page.locator('autoarr-health-card');
    const names = stack.autoarr.ctx.apps.instances().map((i) => i.name);
    for (const n of names) await expect.poll(() => card.locator('.apps').textContent()).toContain(n);
    await expect.poll(() => card.locator('.apps').textContent()).toContain('connected');
    const recovery = card.getByRole('switch');
    expect(await recovery.isChecked()).toBe(false); // AUTOARR_AUTO_RECOVERY=false, published as switch state "off"
    await recovery.check();
    const calls = await page.evaluate(() => (window as unknown as PageWindow).calls);
    expect(calls).toContainEqual(['switch', 'turn_on', { entity_id: 'switch.autoarr_hub_auto_recovery' }]);
    await page.locator('#root').screenshot({ path: path.join(screenshotDir(), 'cards.png') });
  });

  it('setConfig throws on a bad config so Home Assistant shows an error card', async () => {
    const thrown = await page.evaluate(() => {
      const out: string[] = [];
      for (const [tag, config] of [
        ['autoarr-downloads-card', { entity: 'light.kitchen' }],
        ['autoarr-downloads-card', { max_items: 0 }],
        ['autoarr-health-card', { prefix: 'Bad Prefix' }],
        ['autoarr-health-card', null],
      ] as const) {
        try {
          (document.createElement(tag) as unknown as { setConfig(c: unknown): void }).setConfig(config);
          out.push('accepted');
        } catch (err) {
          out.push((err as Error).message);
        }
      }
      return out;
    });
    expect(thrown[0]).toMatch(/"entity" must be a sensor id/);
    expect(thrown[1]).toMatch(/"max_items" must be a whole number from 1 to 20/);
    expect(thrown[2]).toMatch(/"prefix"/);
    expect(thrown[3]).toMatch(/must be a mapping/);
  });

  it('the editors describe every option, label it and validate it; stub configs are valid', async () => {
    const result = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      const out: Record<string, unknown> = {};
      for (const tag of ['autoarr-downloads-card', 'autoarr-health-card']) {
        const ctor = customElements.get(tag) as unknown as {
          getConfigForm(): {
            schema: Array<{ name: string; selector?: unknown }>;
            computeLabel(s: { name: string }): string | undefined;
            assertConfig(c: unknown): void;
          };
          getStubConfig(h: unknown): Record<string, unknown>;
        };
        const form = ctor.getConfigForm();
        const stub = { type: `custom:${tag}`, ...ctor.getStubConfig(w.hass) };
        let stubOk = true;
        try {
          form.assertConfig(stub);
          (document.createElement(tag) as unknown as { setConfig(c: unknown): void }).setConfig(stub);
        } catch {
          stubOk = false;
        }
        let badRejected = false;
        try {
          form.assertConfig({ type: `custom:${tag}`, title: 42 });
        } catch {
          badRejected = true;
        }
        out[tag] = {
          names: form.schema.map((s) => s.name),
          labelled: form.schema.every((s) => !!form.computeLabel(s) && !!s.selector),
          stub,
          stubOk,
          badRejected,
        };
      }
      return out;
    });
    expect(result['autoarr-downloads-card']).toMatchObject({
      names: expect.arrayContaining(['entity', 'max_items', 'retry_entity']),
      labelled: true,
      stub: { entity: 'sensor.autoarr_hub_downloads' },
      stubOk: true,
      badRejected: true,
    });
    expect(result['autoarr-health-card']).toMatchObject({ labelled: true, stubOk: true, badRejected: true });
  });

  it('a missing entity gives a message that says what to check', async () => {
    await mount('autoarr-downloads-card', { entity: 'sensor.autoarr_nope_downloads' });
    const warning = page.locator('#autoarr-downloads-card').last().locator('.warning');
    await expect.poll(() => warning.textContent()).toContain('sensor.autoarr_nope_downloads was not found');
    expect(errors).toEqual([]);
  });

  /** Mounts a card with `hass` changed by `patch` (run in the page), returns its locator. */
  async function mountWith(
    id: string,
    tag: string,
    config: Record<string, unknown>,
    extra: { states?: Record<string, unknown>; entities?: unknown; devices?: unknown; language?: string },
  ) {
    await page.evaluate(
      ({ id, tag, config, extra }) => {
        const w = window as unknown as PageWindow;
        const el = document.createElement(tag) as HTMLElement & { setConfig(c: unknown): void; hass: unknown };
        el.setConfig(config);
        el.hass = { ...w.hass, ...extra, states: { ...w.hass.states, ...extra.states } };
        el.id = id;
        document.getElementById('root')!.append(el);
      },
      { id, tag, config, extra },
    );
    return page.locator(`#${id}`);
  }

  it('reads the speed sensor in the unit Home Assistant reports (12.6 MB/s stays 12.6 MB/s)', async () => {
    const sensor = (state: string, unit: string) => ({
      entity_id: 'sensor.autoarr_sabnzbd_speed',
      state,
      attributes: { unit_of_measurement: unit, device_class: 'data_rate' },
    });
    const cases: Array<[string, string, string]> = [
      ['12.6', 'MB/s', speed(12_600_000)],
      ['100', 'Mbit/s', speed(12_500_000)],
      ['2048', 'KiB/s', speed(2_097_152)],
      ['12600000', 'B/s', speed(12_600_000)],
    ];
    for (const [i, [state, unit, shown]] of cases.entries()) {
      const card = await mountWith(
        `speed-${i}`,
        'autoarr-downloads-card',
        {},
        {
          states: { 'sensor.autoarr_sabnzbd_speed': sensor(state, unit) },
        },
      );
      await expect.poll(() => card.locator('.head .sub').textContent()).toContain(`· ${shown}`);
    }
    expect(speed(12_600_000)).toBe('12.6 MB/s');
    // A unit that is not a data rate is not guessed at: no speed rather than a wrong one.
    const odd = await mountWith(
      'speed-odd',
      'autoarr-downloads-card',
      {},
      {
        states: { 'sensor.autoarr_sabnzbd_speed': sensor('12.6', 'furlongs') },
      },
    );
    await expect.poll(() => odd.locator('.head .sub').textContent()).not.toContain('·');
  });

  it('sizes itself in the sections grid from its content and max_items', async () => {
    const downloads = Array.from({ length: 10 }, (_, i) => ({
      id: `d${i}`,
      title: `Release.${i}`,
      name: `Show – S01E0${i}`,
      app: 'sonarr',
      state: 'downloading',
      progress: 10 * i,
      speed: 1000,
    }));
    const list = { entity_id: 'sensor.autoarr_hub_downloads', state: '10', attributes: { total: 10, downloads } };
    const sizes: Record<string, unknown> = {};
    for (const max of [1, 3, 8, 12]) {
      await mountWith(
        `grid-${max}`,
        'autoarr-downloads-card',
        { max_items: max },
        {
          states: { 'sensor.autoarr_hub_downloads': list },
        },
      );
      sizes[max] = await page.evaluate((id) => {
        const el = document.getElementById(id) as unknown as {
          getGridOptions(): { rows: number };
          getLayoutOptions(): { grid_rows: number };
          getCardSize(): number;
        };
        return [el.getGridOptions().rows, el.getLayoutOptions().grid_rows, el.getCardSize()];
      }, `grid-${max}`);
    }
    // Header + one row per download shown + the "+ n more" line when some are left out.
    expect(sizes).toEqual({ 1: [3, 3, 3], 3: [5, 5, 5], 8: [10, 10, 10], 12: [11, 11, 11] });
    // The media name is shown, the release name is the tooltip.
    await expect.poll(() => page.locator('#grid-3 li .name').first().textContent()).toBe('Show – S01E00');
    expect(await page.locator('#grid-3 li .name').first().getAttribute('title')).toBe('Release.0');
  });

  it('finds its entities through the device registry when their ids were renamed, not by guessing', async () => {
    const real = states['sensor.autoarr_hub_downloads'] as { attributes: Record<string, unknown> };
    const renamed = {
      'sensor.my_downloads': { entity_id: 'sensor.my_downloads', state: '2', attributes: real.attributes },
      'sensor.nzb_rate': {
        entity_id: 'sensor.nzb_rate',
        state: '3.5',
        attributes: { unit_of_measurement: 'MB/s', device_class: 'data_rate' },
      },
    };
    const extra = {
      states: { ...renamed, 'sensor.autoarr_hub_downloads': undefined, 'sensor.autoarr_sabnzbd_speed': undefined },
      devices: {
        hub1: { id: 'hub1', name: 'AutoArr', manufacturer: 'AutoArr', model: 'AutoArr hub' },
        sab1: { id: 'sab1', name: 'SABnzbd', manufacturer: 'AutoArr', model: 'SABnzbd' },
        other: { id: 'other', name: 'Kitchen', manufacturer: 'IKEA', model: 'Lamp' },
      },
      entities: {
        'sensor.my_downloads': { entity_id: 'sensor.my_downloads', device_id: 'hub1', platform: 'mqtt' },
        'sensor.nzb_rate': { entity_id: 'sensor.nzb_rate', device_id: 'sab1', platform: 'mqtt' },
      },
    };
    const card = await mountWith('registry', 'autoarr-downloads-card', {}, extra);
    await expect.poll(() => card.locator('li').count()).toBeGreaterThan(0);
    expect(await card.locator('.head .sub').textContent()).toContain(speed(3_500_000));
    const stub = await page.evaluate((extra) => {
      const w = window as unknown as PageWindow;
      const ctor = customElements.get('autoarr-downloads-card') as unknown as { getStubConfig(h: unknown): unknown };
      return ctor.getStubConfig({ ...w.hass, ...extra, states: { ...w.hass.states, ...extra.states } });
    }, extra);
    expect(stub).toMatchObject({ entity: 'sensor.my_downloads' });
  });

  it("speaks the person's language, English when there is no translation", async () => {
    const de = await mountWith('lang-de', 'autoarr-downloads-card', {}, { language: 'de' });
    await expect.poll(() => de.locator('.title').textContent()).toBe('Downloads');
    await expect.poll(() => de.locator('.head .sub').textContent()).toMatch(/\d+ aktiv/);
    const h = await mountWith('lang-fr', 'autoarr-health-card', {}, { language: 'fr-CA' });
    await expect.poll(() => h.locator('.tiles').textContent()).toContain("Score d'audit");
    const xx = await mountWith('lang-xx', 'autoarr-downloads-card', {}, { language: 'xx' });
    await expect.poll(() => xx.locator('.head .sub').textContent()).toMatch(/\d+ active/);
  });

  it('has no serious accessibility problem in a light and a dark Home Assistant theme', async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const s = document.documentElement.style;
      for (const [k, v] of Object.entries({
        '--primary-background-color': '#111111',
        '--card-background-color': '#1c1c1c',
        '--primary-text-color': '#e1e1e1',
        '--secondary-text-color': '#9b9b9b',
        '--divider-color': 'rgba(225, 225, 225, 0.12)',
        '--error-color': '#db4437',
        '--primary-color': '#03a9f4',
      }))
        s.setProperty(k, v);
      document.body.style.background = '#111111';
    });
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#root').screenshot({ path: path.join(screenshotDir(), 'cards-dark.png') });
  });

  it('the bundle stays within 40 KB gzipped', async () => {
    const file = path.resolve('web/dist/cards/autoarr-cards.js');
    const { gzipSync } = await import('node:zlib');
    expect(gzipSync(fs.readFileSync(file)).length).toBeLessThan(40 * 1024);
  });
});
