// repository.yaml (the app store), hacs.json and the integration's manifest.json.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readBytes, readText, readYaml } from './supervisor-rules.js';

const pkg = JSON.parse(readText('package.json')) as { version: string };
const addon = readYaml<{ url: string }>('autoarr/config.yaml');

describe('repository.yaml', () => {
  it('names the repository and points at the same URL as the add-on', () => {
    const repo = readYaml<{ name: string; url: string; maintainer: string }>('repository.yaml');
    expect(repo.name).toBeTruthy();
    expect(repo.url).toBe(addon.url);
    expect(repo.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });
});

describe('hacs.json', () => {
  it('has a name and a minimum Home Assistant version, and only known keys', () => {
    const hacs = JSON.parse(readText('hacs.json')) as Record<string, unknown>;
    expect(hacs.name).toBe('AutoArr');
    expect(hacs.homeassistant).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    const known = [
      'name',
      'content_in_root',
      'zip_release',
      'filename',
      'hide_default_branch',
      'country',
      'homeassistant',
      'hacs',
      'persistent_directory',
    ];
    expect(Object.keys(hacs).filter((k) => !known.includes(k))).toEqual([]);
  });

  it('states the oldest Home Assistant the real-HA tests run, the same as the add-on', () => {
    const hacs = JSON.parse(readText('hacs.json')) as { homeassistant: string };
    // autoarr/test/ha-core runs Home Assistant Core 2024.8.1 (../shared/ha-core); nothing older is proven.
    expect(hacs.homeassistant).toBe('2024.8.0');
    expect(readYaml<{ homeassistant: string }>('autoarr/config.yaml').homeassistant).toBe(hacs.homeassistant);
  });

  it('finds exactly one integration folder', () => {
    const dirs = fs
      .readdirSync(path.join(ROOT, 'custom_components'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== '__pycache__');
    expect(dirs.map((d) => d.name)).toEqual(['autoarr']);
  });
});

describe('custom_components/autoarr/manifest.json', () => {
  const manifest = JSON.parse(readText('custom_components/autoarr/manifest.json')) as Record<string, unknown>;

  it('has what Home Assistant and HACS require', () => {
    for (const key of ['domain', 'name', 'version', 'documentation', 'issue_tracker', 'codeowners']) {
      expect(manifest[key], key).toBeTruthy();
    }
    expect(manifest.domain).toBe('autoarr');
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.config_flow).toBe(true);
    expect(['device', 'entity', 'hardware', 'helper', 'hub', 'service', 'system', 'virtual']).toContain(
      manifest.integration_type,
    );
    expect(['assumed_state', 'cloud_polling', 'cloud_push', 'local_polling', 'local_push', 'calculated']).toContain(
      manifest.iot_class,
    );
    expect(Array.isArray(manifest.requirements)).toBe(true);
    for (const owner of manifest.codeowners as string[]) expect(owner).toMatch(/^@/);
  });

  it('orders keys as hassfest wants: domain, name, then alphabetical', () => {
    const keys = Object.keys(manifest);
    expect(keys.slice(0, 2)).toEqual(['domain', 'name']);
    expect(keys.slice(2)).toEqual([...keys.slice(2)].sort());
  });

  it('ships brand images', () => {
    for (const f of ['brand/icon.png', 'brand/logo.png']) {
      expect(readBytes(`custom_components/autoarr/${f}`).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
