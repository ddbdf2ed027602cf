// Web UI and cards: bundle sizes (raw and gzip, budgets 100 KB and 40 KB gzipped) and first contentful paint of the
// ingress UI served by AutoArr on loopback, measured in Chromium with the cache off (budget 500 ms).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, type TestBrowser } from '../web/test/browser.js';
import { ensureWebBuilt, startStack } from '../web/test/stack.js';

const DIST = path.resolve(import.meta.dirname, '..', 'web', 'dist');

function sizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { raw, gzip };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** FCP of each load (cache off), skipping the first two, which warm up Chromium itself. */
async function measureFcp(tb: TestBrowser, url: string, loads = 12): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < loads; i++) {
    const page = await tb.browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url, { waitUntil: 'load' });
    const t = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const e = list.getEntries().find((x) => x.name === 'first-contentful-paint');
            if (e) resolve(e.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    if (i > 1) out.push(t);
    await page.close();
  }
  return out;
}

export async function run(): Promise<Record<string, number | string>> {
  await ensureWebBuilt();
  const assets = fs
    .readdirSync(path.join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(DIST, 'assets', f));
  const ui = sizes(assets);
  const cards = sizes([path.join(DIST, 'cards', 'autoarr-cards.js')]);

  const stack = await startStack();
  const tb = await launchBrowser();
  // A one-line page on the same loopback: what this machine's Chromium needs to paint anything at all.
  const blank = http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>AutoArr</p>'));
  await new Promise<void>((resolve) => blank.listen(0, '127.0.0.1', resolve));
  let fcp: number[];
  let baseline: number[];
  try {
    baseline = await measureFcp(tb, `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`);
    fcp = await measureFcp(tb, stack.url);
  } finally {
    blank.close();
    await tb.close();
    await stack.stop();
  }
  return {
    ui_js_raw_kb: ui.raw / 1024,
    ui_js_gzip_kb: ui.gzip / 1024,
    ui_js_gzip_budget_kb: 100,
    cards_js_raw_kb: cards.raw / 1024,
    cards_js_gzip_kb: cards.gzip / 1024,
    cards_js_gzip_budget_kb: 40,
    fcp_loopback_ms_p50: percentile(fcp, 50),
    fcp_loopback_ms_p95: percentile(fcp, 95),
    fcp_budget_ms: 500,
    fcp_blank_page_ms_p50: percentile(baseline, 50),
  };
}
