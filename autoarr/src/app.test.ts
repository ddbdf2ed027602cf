import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startAutoArr } from './app.js';
import { memoryLogger } from './log/logger.js';
import { loadSettings } from './settings/load.js';

it('a port in use stops start-up with what to do, and leaves nothing running', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-port-'));
  const r = loadSettings({ env: { DATA_DIR: dataDir, PORT: String(port) }, version: '0.0.0', mode: 'demo' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  try {
    await expect(startAutoArr(r.settings, memoryLogger('error'))).rejects.toThrow(
      `port ${port} is already in use; stop the other program or set PORT to a free port`,
    );
    // The database was closed again: a second start on a free port opens it without a lock error.
    const again = await startAutoArr({ ...r.settings, port: 0 }, memoryLogger('error'));
    expect(again.port()).toBeGreaterThan(0);
    await again.stop();
  } finally {
    blocker.close();
  }
});
