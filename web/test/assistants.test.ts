// The Assistants page (issue 12.3) in Chromium, per mode, at 1280 px light and 360 px dark with axe-core: the URLs
// shown are the ones that work from where the assistant runs — the add-on (through an ingress prefix, the Supervisor
// stand-in mapping the port, or not) shows the Home Assistant host with the mapped port and the internal URL for
// Home Assistant's own MCP client; the demo and a container show their own address — every per-app endpoint is
// listed, and no ingress URL, `npx autoarr` or SSE. The listed URLs and the demo's stdio command answer MCP through
// the real SDK client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSupervisor, type FakeSupervisor } from '../../autoarr/test/ha/fake-supervisor.js';
import type { Settings } from '../../autoarr/src/settings/settings.js';
import { seriousViolations } from './axe.js';
import { launchBrowser, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

const SCREENS = process.env.AUTOARR_SCREENS_DIR ?? path.resolve('test-artifacts/screenshots');
const GROUPS = ['all', 'autoarr', 'sabnzbd', 'sonarr', 'radarr', 'plex'];
const NEVER = /hassio_ingress|npx autoarr|\/sse\b|Legacy SSE/;
let tb: TestBrowser;
const stacks: Stack[] = [];
const proxies: IngressProxy[] = [];
const supervisors: FakeSupervisor[] = [];

beforeAll(async () => {
  await ensureWebBuilt();
  fs.mkdirSync(SCREENS, { recursive: true });
  tb = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await tb?.close();
  for (const p of proxies) await p.close();
  for (const s of stacks) await s.stop();
  for (const s of supervisors) await s.stop();
});

async function open(url: string, o: { width: number; dark: boolean }): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width: o.width, height: 860 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${url}#/assistants`);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
  await expect.poll(() => page.getByTestId('token').count()).toBe(1);
  return { page, errors };
}

/** The Assistants page's own text (inside its shadow root). */
const pageText = (page: Page) =>
  page.locator('autoarr-assistants').evaluate((el) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');

/** Every endpoint URL the page lists, by group. */
async function endpoints(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('ul.endpoints li');
  const out: Record<string, string> = {};
  for (const li of await rows.all())
    out[(await li.getAttribute('data-group'))!] = (await li.locator('code').textContent())!;
  return out;
}

/** The page at both sizes and themes: nothing serious for axe, no sideways scroll at 360 px, nothing it must not say. */
async function checkLayouts(url: string, name: string): Promise<void> {
  for (const o of [
    { width: 1280, dark: false },
    { width: 360, dark: true },
  ]) {
    const { page, errors } = await open(url, o);
    expect(await pageText(page)).not.toMatch(NEVER);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(o.width);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({
      path: path.join(SCREENS, `assistants-${name}-${o.width}-${o.dark ? 'dark' : 'light'}.png`),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  }
}

async function mcpClient(transport: StreamableHTTPClientTransport | StdioClientTransport): Promise<Client> {
  const client = new Client({ name: 'assistants-page-test', version: '1' });
  await client.connect(transport);
  return client;
}

/** initialize + tools/list through the real SDK client: the URL answers MCP with tools. */
async function toolsAt(url: string, token?: string): Promise<string[]> {
  const client = await mcpClient(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
    }),
  );
  try {
    return (await client.listTools()).tools.map((t) => t.name);
  } finally {
    await client.close();
  }
}

describe('add-on (through the ingress prefix)', () => {
  it('shows the Home Assistant host with the mapped port, the internal URL, and they answer MCP', async () => {
    const supervisor = await startFakeSupervisor();
    supervisors.push(supervisor);
    const stack = await startStack({ patch: (s) => addon(s, supervisor) });
    stacks.push(stack);
    const port = stack.autoarr.port();
    // The Supervisor maps the container port to the same host port (what most people enter).
    supervisor.selfInfo = { hostname: 'local-autoarr', network: { [`${port}/tcp`]: port } };
    const proxy = await startIngressProxy(stack.url);
    proxies.push(proxy);

    const { page, errors } = await open(proxy.url, { width: 1280, dark: false });
    // The browser opens Home Assistant (here the ingress proxy) at 127.0.0.1: that host, with the mapped port.
    const remote = `http://127.0.0.1:${port}/mcp`;
    await expect.poll(() => page.getByTestId('mcp-url').textContent()).toBe(remote);
    expect(await page.getByTestId('mcp-internal').textContent()).toBe(`http://local-autoarr:${port}/mcp`);
    expect(await page.getByTestId('ha-url').textContent()).toBe(`http://local-autoarr:${port}/mcp`);
    const listed = await endpoints(page);
    expect(Object.keys(listed)).toEqual(GROUPS);
    expect(listed.sonarr).toBe(`http://127.0.0.1:${port}/mcp/sonarr`);
    // Claude Desktop relays through a checkout's CLI to the mapped port, with the token once it is revealed.
    const masked = JSON.parse((await page.getByTestId('stdio-config').textContent())!) as ClaudeConfig;
    expect(masked.mcpServers.autoarr.args).toEqual([
      '/path/to/autoarr/dist/autoarr/src/cli.js',
      'mcp',
      '--url',
      remote,
    ]);
    expect(masked.mcpServers.autoarr.env).toEqual({ AUTOARR_API_TOKEN: '<token>' });
    await page.getByRole('button', { name: 'Reveal' }).click();
    const token = (await page.getByTestId('token').textContent())!.trim();
    await expect
      .poll(() => page.getByTestId('stdio-config').textContent())
      .toContain(`"AUTOARR_API_TOKEN": "${token}"`);
    expect(errors).toEqual([]);
    await page.close();

    // What the page lists answers MCP: all tools, and one app's.
    const all = await toolsAt(remote, token);
    expect(all).toContain('autoarr_list_downloads');
    const sonarr = await toolsAt(listed.sonarr!, token);
    expect(sonarr.length).toBeGreaterThan(0);
    expect(sonarr.every((t) => t.startsWith('sonarr_'))).toBe(true);
    expect(proxy.strays).toEqual([]);
    await checkLayouts(proxy.url, 'addon');
  }, 120_000);

  it('a port that is not mapped: says how to map it, and offers no URL that cannot work', async () => {
    const supervisor = await startFakeSupervisor();
    supervisors.push(supervisor);
    supervisor.selfInfo = { hostname: 'a0d7b954-autoarr', network: { '8099/tcp': null } };
    const stack = await startStack({ patch: (s) => addon(s, supervisor) });
    stacks.push(stack);
    const proxy = await startIngressProxy(stack.url);
    proxies.push(proxy);
    const port = stack.autoarr.port();
    const { page, errors } = await open(proxy.url, { width: 360, dark: true });
    const notice = page.getByTestId('map-port');
    await expect.poll(() => notice.textContent()).toContain(`Port ${port}/tcp is not mapped`);
    expect(await notice.textContent()).toMatch(/Configuration → Network/);
    expect(await page.getByTestId('mcp-url').count()).toBe(0);
    expect(await page.getByTestId('stdio-none').textContent()).toContain('mapped first');
    expect(await page.getByTestId('mcp-internal').textContent()).toBe(`http://a0d7b954-autoarr:${port}/mcp`);
    expect(Object.values(await endpoints(page)).every((u) => u.startsWith('http://a0d7b954-autoarr:'))).toBe(true);
    expect(await pageText(page)).not.toMatch(NEVER);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENS, 'assistants-addon-unmapped-360-dark.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('container', () => {
  it('shows its own address and a docker exec relay; the URL answers MCP with the token', async () => {
    const stack = await startStack({ mode: 'container', scenario: 'healthy', host: '0.0.0.0' });
    stacks.push(stack);
    const { page, errors } = await open(stack.url, { width: 1280, dark: false });
    const url = `${stack.url}mcp`;
    await expect.poll(() => page.getByTestId('mcp-url').textContent()).toBe(url);
    expect(await page.getByTestId('mcp-internal').count()).toBe(0);
    const listed = await endpoints(page);
    expect(Object.keys(listed)).toEqual(GROUPS);
    expect(listed.autoarr).toBe(`${stack.url}mcp/autoarr`);
    const config = JSON.parse((await page.getByTestId('stdio-config').textContent())!) as ClaudeConfig;
    const inDocker = fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv');
    expect(config.mcpServers.autoarr.command).toBe(inDocker ? 'docker' : process.execPath);
    expect(config.mcpServers.autoarr.args.slice(-3)).toEqual([
      'mcp',
      '--url',
      `http://127.0.0.1:${stack.autoarr.port()}/mcp`,
    ]);
    expect(await pageText(page)).toMatch(/Model Context Protocol integration[\s\S]*cannot send a token/);
    expect(errors).toEqual([]);
    await page.close();
    expect(await toolsAt(url, stack.autoarr.ctx.apiToken())).toContain('autoarr_diagnose');
    expect(await toolsAt(listed.autoarr!, stack.autoarr.ctx.apiToken())).toContain('autoarr_diagnose');
    await checkLayouts(stack.url, 'container');
  }, 120_000);
});

describe('demo', () => {
  it('shows its loopback address and a stdio command that works as listed', async () => {
    const stack = await startStack({ scenario: 'healthy' });
    stacks.push(stack);
    const { page, errors } = await open(stack.url, { width: 1280, dark: false });
    await expect.poll(() => page.getByTestId('mcp-url').textContent()).toBe(`${stack.url}mcp`);
    expect(await pageText(page)).toContain('only assistants on this computer reach it');
    const config = JSON.parse((await page.getByTestId('stdio-config').textContent())!) as ClaudeConfig;
    const { command, args } = config.mcpServers.autoarr;
    expect(errors).toEqual([]);
    await page.close();
    // Claude Desktop would start exactly this: no token needed from this computer.
    const client = await mcpClient(
      new StdioClientTransport({ command, args, env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' }),
    );
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toContain('autoarr_list_downloads');
    } finally {
      await client.close();
    }
    await checkLayouts(stack.url, 'demo');
  }, 120_000);
});

interface ClaudeConfig {
  mcpServers: { autoarr: { command: string; args: string[]; env?: Record<string, string> } };
}

function addon(s: Settings, supervisor: FakeSupervisor): Settings {
  return {
    ...s,
    mode: 'addon',
    homeAssistant: { ...s.homeAssistant, supervisorToken: supervisor.token, supervisorUrl: supervisor.url },
  };
}
