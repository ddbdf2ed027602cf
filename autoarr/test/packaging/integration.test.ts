// The Home Assistant integration in custom_components/autoarr: its config flow, translations and the server
// endpoints it calls agree with each other. (Python is not run here; these are the parts that break silently.)
import { describe, expect, it } from 'vitest';
import { readText } from './supervisor-rules.js';

const dir = 'custom_components/autoarr';
const flow = readText(`${dir}/config_flow.py`);
const api = readText(`${dir}/api.py`);
const constants = readText(`${dir}/const.py`);
const tr = JSON.parse(readText(`${dir}/translations/en.json`)) as {
  config: {
    step: Record<string, { title?: string; description?: string; data?: Record<string, string> }>;
    error: Record<string, string>;
    abort: Record<string, string>;
  };
};

const constant = (name: string) => new RegExp(`^${name}: Final = "([^"]+)"$`, 'm').exec(constants)?.[1];

describe('custom_components/autoarr', () => {
  it('has a translated title for every step the flow shows', () => {
    const steps = [...flow.matchAll(/step_id="(\w+)"/g)].map((m) => m[1]!);
    expect(steps.sort()).toEqual(['hassio_confirm', 'user']);
    for (const s of steps) expect(tr.config.step[s]?.title, s).toBeTruthy();
    expect(flow).toContain('async def async_step_hassio(');
  });

  it('has a message for every error the flow can set', () => {
    const errors = new Set([...flow.matchAll(/return "(\w+)"/g)].map((m) => m[1]!));
    expect([...errors].sort()).toEqual(['cannot_connect', 'invalid_auth']);
    for (const e of errors) expect(tr.config.error[e], e).toBeTruthy();
    expect(tr.config.abort.already_configured).toBeTruthy();
  });

  it('labels every field of the user form', () => {
    const fields = [...flow.matchAll(/vol\.Required\((CONF_\w+)/g)].map((m) => constant(m[1]!));
    expect(fields.sort()).toEqual(['token', 'url']);
    for (const f of fields) expect(tr.config.step.user?.data?.[f!], f).toBeTruthy();
  });

  it('puts the add-on placeholder into the confirmation text', () => {
    expect(flow).toContain('description_placeholders={"addon": self._addon_name}');
    expect(tr.config.step.hassio_confirm?.description).toContain('{addon}');
  });

  it('reads the discovery keys the add-on sends (host, port, token)', () => {
    const sent = readText('autoarr/src/ha/supervisor/discovery-feature.ts');
    expect(sent).toMatch(/discovery\('autoarr', config\)/);
    expect(sent).toMatch(/const config = \{ host, port: [^,]+, token: [^}]+\}/);
    for (const key of ['host', 'port', 'token']) expect(flow).toMatch(new RegExp(`config\\[['"]${key}['"]\\]`));
  });

  it('calls server endpoints that exist: an open health check and a token-protected path', () => {
    expect(constant('HEALTH_PATH')).toBe('/api/health');
    const authPath = constant('AUTH_CHECK_PATH');
    expect(authPath).toBeDefined();
    const mounted = readText('autoarr/src/http/web-feature.ts');
    expect(mounted).toContain(`path: '${authPath}'`);
    expect(api).toContain('f"Bearer {self._token}"');
  });

  it('serves the dashboard cards from the path the web build writes them to', () => {
    const cardsPath = constant('CARDS_PATH');
    expect(cardsPath).toBe('/cards/autoarr-cards.js');
    const cardsBuild = readText('web/vite.cards.config.ts');
    expect(cardsBuild).toMatch(/outDir: 'dist\/cards'/);
    expect(cardsBuild).toContain("fileName: () => 'autoarr-cards.js'");
    expect(constant('CARDS_URL')).toMatch(/^\/autoarr_static\//);
    const manifest = JSON.parse(readText(`${dir}/manifest.json`)) as { dependencies: string[] };
    expect(manifest.dependencies).toEqual(expect.arrayContaining(['frontend', 'http']));
  });
});
