// A CoreContext with fake app clients, for tests of the MCP plumbing that need no simulated stack.
import { EventBus } from '../../src/bus/bus.js';
import type { CoreContext } from '../../src/core/context.js';
import { CommandRegistry } from '../../src/core/commands.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { AppInstance, Settings } from '../../src/settings/settings.js';

export const FAKE_SAB_KEY = 'fake-sab-key-0123456789';

export function fakeCtx(opts: { readOnly?: boolean; sab?: Record<string, unknown>; token?: string } = {}) {
  const log = memoryLogger('warning');
  const instances: AppInstance[] = [
    {
      id: 'sabnzbd',
      app: 'sabnzbd',
      name: 'SABnzbd',
      url: 'http://sab.invalid',
      apiKey: FAKE_SAB_KEY,
      verifySsl: true,
    },
  ];
  const sab = opts.sab ?? {};
  const settings = {
    mode: 'container',
    version: '0.0.0-test',
    host: '0.0.0.0',
    mcp: { readOnly: opts.readOnly ?? false, allowInternalNetwork: false },
  } as unknown as Settings;
  const ctx = {
    settings,
    log,
    bus: new EventBus(log),
    commands: new CommandRegistry(),
    apps: {
      instances: () => instances,
      instance: (id: string) => instances.find((i) => i.id === id),
      ofKind: (k: string) => instances.filter((i) => i.app === k),
      statuses: () => [],
      sabnzbd: () => sab,
    },
    apiToken: () => opts.token ?? 'test-token-abcdef',
    now: () => new Date('2026-01-01T00:00:00Z'),
  } as unknown as CoreContext;
  return { ctx, log };
}
