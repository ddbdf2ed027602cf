// The Dockerfile, build.yaml and .dockerignore: everything the image build copies exists or is produced by
// `npm run build`, the runtime stage is lean, and SIGTERM reaches node.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readText, readYaml } from './supervisor-rules.js';

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  let stage = -1;
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      if (op!.toUpperCase() === 'FROM') stage++;
      return { op: op!.toUpperCase(), args: rest.join(' '), stage };
    });
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
  stage: number;
}

function copies(list: Instruction[]): Copy[] {
  return list
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const parts = i.args.split(/\s+/);
      const flags = parts.filter((p) => p.startsWith('--'));
      const paths = parts.filter((p) => !p.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), dest: paths[paths.length - 1]!, stage: i.stage };
    });
}

const dockerfile = instructions(readText('Dockerfile'));
const stages = dockerfile.filter((i) => i.op === 'FROM');
const runtime = dockerfile.filter((i) => i.stage === stages.length - 1);
const workdir = (stage: number) => dockerfile.filter((i) => i.stage === stage && i.op === 'WORKDIR').pop()?.args ?? '/';

/** tsconfig with its "extends" chain resolved (only the fields the test needs). */
function tsconfig(rel: string): { outDir?: string; rootDir?: string; include?: string[] } {
  const text = readText(rel);
  const json = JSON.parse(text) as {
    extends?: string;
    compilerOptions?: { outDir?: string; rootDir?: string };
    include?: string[];
  };
  const parent = json.extends ? tsconfig(path.join(path.dirname(rel), json.extends)) : {};
  return { ...parent, ...json.compilerOptions, include: json.include ?? parent.include };
}

describe('Dockerfile', () => {
  it('is multi-stage on the Home Assistant base image, pinned', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const text = readText('Dockerfile');
    expect(text).toMatch(/^ARG BUILD_FROM=ghcr\.io\/home-assistant\/base:3\.\d+$/m);
    expect(stages[0]!.args).toMatch(/^\$\{BUILD_FROM\} AS build$/);
    expect(stages[stages.length - 1]!.args).toBe('${BUILD_FROM}');
  });

  it('copies only files that exist in the repository into the build stage', () => {
    const missing = copies(dockerfile)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources)
      .filter((s) => !fs.existsSync(path.join(ROOT, s)));
    expect(missing).toEqual([]);
  });

  it('copies every source the build needs', () => {
    const copied = copies(dockerfile)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'autoarr/src']) {
      expect(copied).toContain(needed);
    }
    // Everything tsconfig.build.json compiles must be in the build context.
    for (const inc of tsconfig('tsconfig.build.json').include ?? []) expect(copied).toContain(inc);
  });

  it('copies from the build stage only what npm ci and npm run build produce', () => {
    const buildDir = workdir(0);
    const fromBuild = copies(dockerfile).filter((c) => c.from === 'build');
    const produced = new Set(
      fromBuild
        .flatMap((c) => c.sources)
        .map((s) => path.posix.relative(buildDir, s.startsWith('/') ? s : `${buildDir}/${s}`)),
    );
    expect([...produced].sort()).toEqual(['dist', 'node_modules', 'package.json', 'web/dist']);

    // dist: the server build's outDir; the entry point lands where CMD expects it.
    const ts = tsconfig('tsconfig.build.json');
    expect(ts.outDir).toBe('dist');
    expect(ts.rootDir).toBe('.');
    expect(fs.existsSync(path.join(ROOT, 'autoarr/src/main.ts'))).toBe(true);
    const cmd = runtime.find((i) => i.op === 'CMD')!.args;
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/autoarr/src/main.js']);

    // web/dist: what the web build writes (its scripts run vite with configs under web/).
    const pkg = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toContain('build:server');
    expect(pkg.scripts.build).toContain('build:web');
    expect(pkg.scripts['build:server']).toBe('tsc -p tsconfig.build.json');
    const webConfigs = [...pkg.scripts['build:web']!.matchAll(/--config\s+(\S+)/g)].map((m) => m[1]!);
    expect(webConfigs.length).toBeGreaterThan(0);
    for (const cfg of webConfigs) expect(cfg.startsWith('web/')).toBe(true);
    const copied = copies(dockerfile)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    expect(copied).toContain('web');
  });

  it('has a web build whose output is web/dist', async () => {
    const file = path.join(ROOT, 'web/vite.config.ts');
    expect(fs.existsSync(file), 'web/vite.config.ts (the UI build) is missing').toBe(true);
    const mod = (await import(file)) as { default: unknown };
    type ViteConfig = { root?: string; build?: { outDir?: string } };
    const raw = mod.default;
    const cfg = (
      typeof raw === 'function'
        ? await (raw as (env: object) => ViteConfig | Promise<ViteConfig>)({ command: 'build', mode: 'production' })
        : raw
    ) as ViteConfig;
    const root = path.resolve(ROOT, cfg.root ?? '.');
    const outDir = path.resolve(root, cfg.build?.outDir ?? 'dist');
    expect(path.relative(ROOT, outDir)).toBe(path.join('web', 'dist'));
  });

  it('runs a lean runtime stage: Node.js and tini only, production dependencies, no compiler', () => {
    const runs = runtime.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.join(' ')).toMatch(/apk add --no-cache nodejs tini$/);
    expect(runs.join(' ')).not.toMatch(/\b(npm|g\+\+|make|python3)\b/);
    const build = dockerfile
      .filter((i) => i.stage === 0 && i.op === 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(build).toContain('npm ci');
    expect(build).toContain('npm run build');
    expect(build).toContain('npm prune --omit=dev');
  });

  it('starts node under tini so SIGTERM reaches it, and checks /api/health', () => {
    expect(JSON.parse(runtime.find((i) => i.op === 'ENTRYPOINT')!.args)).toEqual(['/sbin/tini', '--']);
    const health = runtime.find((i) => i.op === 'HEALTHCHECK')!.args;
    expect(health).toContain('/api/health');
    expect(health).toMatch(/CMD \[/);
    const env = runtime
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('DATA_DIR=/data');
    expect(env).toContain('PORT=8099');
  });

  it('labels the image as a Home Assistant app', () => {
    const labels = runtime
      .filter((i) => i.op === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const l of ['io.hass.type="app"', 'io.hass.arch=', 'io.hass.version=', 'org.opencontainers.image.source=']) {
      expect(labels).toContain(l);
    }
  });
});

describe('package-lock.json for the Alpine (musl) build stage', () => {
  it('holds a musl build of every native build tool that has a glibc one, for both architectures', () => {
    const lock = JSON.parse(readText('package-lock.json')) as { packages: Record<string, unknown> };
    const names = Object.keys(lock.packages);
    const gnu = names.filter((n) => /linux-(x64|arm64)-gnu$/.test(n));
    expect(gnu.length).toBeGreaterThan(0);
    const missing = gnu.map((n) => n.replace(/-gnu$/, '-musl')).filter((n) => !names.includes(n));
    expect(missing).toEqual([]);
  });
});

describe('.dockerignore', () => {
  const ignored = readText('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps local builds, data and secrets out of the context', () => {
    for (const p of ['**/node_modules', 'dist', 'web/dist', '.git', '.env', '.demo-data', '**/*.db']) {
      expect(ignored).toContain(p);
    }
  });

  it('does not ignore anything the Dockerfile copies', () => {
    const sources = copies(dockerfile)
      .filter((c) => !c.from)
      .flatMap((c) => c.sources);
    for (const s of sources) expect(ignored).not.toContain(s);
  });
});

describe('build.yaml (deprecated, kept for older setups)', () => {
  const build = readYaml<{ build_from: Record<string, string>; labels: Record<string, string>; args: object }>(
    'build.yaml',
  );

  it('builds both architectures from the same base as the Dockerfile', () => {
    const dockerBase = /^ARG BUILD_FROM=(\S+)$/m.exec(readText('Dockerfile'))![1];
    expect(Object.keys(build.build_from).sort()).toEqual(['aarch64', 'amd64']);
    for (const base of Object.values(build.build_from)) expect(base).toBe(dockerBase);
    expect(build.labels['io.hass.type']).toBe('app');
    expect(typeof build.args).toBe('object');
  });
});
