// The production build carries only production code: no simulator, no demo, no embedded broker, and every package
// the built server imports is a production dependency (so `npm ci --omit=dev` in the image has all of them, and
// nothing in dependencies is left unused). Needs the build (`npm test` runs `npm run build` first).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readText } from './supervisor-rules.js';

const pkg = JSON.parse(readText('package.json')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dist = path.join(ROOT, 'dist/autoarr/src');

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
    );
}

/** The package a bare specifier names ("@scope/name/sub" → "@scope/name"); undefined for relative and node: ones. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return undefined;
  if (builtinModules.includes(spec)) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every package imported by the built files, statically or with import(). */
function importedPackages(files: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const re = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(re)) {
      const name = packageOf(m[1] ?? m[2]!);
      if (name) found.set(name, [...(found.get(name) ?? []), path.relative(dist, file)]);
    }
  }
  return found;
}

describe('production build', () => {
  const files = fs.existsSync(dist) ? jsFiles(dist) : [];

  it('exists', () => {
    expect(files.length, `${dist} is missing: run "npm run build" first (npm test does)`).toBeGreaterThan(50);
  });

  it('holds no simulator, demo or embedded broker', () => {
    const rel = files.map((f) => path.relative(dist, f));
    expect(rel.filter((f) => /^(sim|demo)\//.test(f) || f.endsWith('embedded-broker.js'))).toEqual([]);
  });

  it('imports only production dependencies, and uses every one of them', () => {
    const imported = importedPackages(files);
    const notProd = [...imported].filter(([name]) => !pkg.dependencies[name]).map(([n, f]) => `${n} (${f[0]})`);
    expect(notProd).toEqual([]);
    // The bench's and tests' packages stay out of production.
    for (const dev of ['aedes', 'yaml', 'mcp-arr-server']) expect(pkg.devDependencies[dev], dev).toBeDefined();
    expect(Object.keys(pkg.dependencies).filter((d) => !imported.has(d))).toEqual([]);
  });
});
