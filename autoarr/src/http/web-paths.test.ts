import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../app.js';
import { webDistDir } from '../core/paths.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';

describe('static web paths', () => {
  let autoarr: AutoArr;
  const sibling = `${webDistDir()}-secret-test`;
  beforeAll(async () => {
    fs.mkdirSync(sibling, { recursive: true });
    fs.writeFileSync(path.join(sibling, 'x.txt'), 'must not be served');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-web-'));
    const r = loadSettings({ env: { DATA_DIR: dataDir }, version: '0.0.0', mode: 'demo' });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    autoarr = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
  });
  afterAll(async () => {
    await autoarr.stop();
    fs.rmSync(sibling, { recursive: true, force: true });
  });

  it('never serves a file outside web/dist, even from a sibling folder with the same prefix', async () => {
    const name = path.basename(sibling);
    const res = await autoarr.http.request(`http://x/..%2F${name}%2Fx.txt`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('must not be served');
  });

  it('answers 404, not 500, to a malformed escape', async () => {
    const res = await autoarr.http.request('http://x/assets/%E0%A4%A.js');
    expect(res.status).toBe(404);
  });
});
