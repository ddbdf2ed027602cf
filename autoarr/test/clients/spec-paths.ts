// Which (method, path) pairs the upstream contracts declare: ../shared/contracts/{sonarr,radarr}.openapi.json and
// plex.openapi.yaml, matched the way the contracts README says ({param} → one segment; "/" and "/{path}" skipped).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CONTRACTS_DIR = resolve(repoRoot, '../shared/contracts');

type Spec = { paths: Record<string, Record<string, unknown>> };

const cache = new Map<string, Array<{ template: string; rx: RegExp; methods: Set<string> }>>();

function load(app: 'sonarr' | 'radarr' | 'plex') {
  let entries = cache.get(app);
  if (entries) return entries;
  const file = resolve(CONTRACTS_DIR, app === 'plex' ? 'plex.openapi.yaml' : `${app}.openapi.json`);
  const text = readFileSync(file, 'utf8');
  const spec = app === 'plex' ? yamlPaths(text) : (JSON.parse(text) as Spec);
  entries = Object.entries(spec.paths)
    .filter(([t]) => t !== '/' && t !== '/{path}')
    .map(([template, ops]) => ({
      template,
      rx: new RegExp(
        '^' +
          template
            .split(/\{[^/]+?\}/)
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]+') +
          '$',
      ),
      methods: new Set(Object.keys(ops).map((m) => m.toUpperCase())),
    }));
  cache.set(app, entries);
  return entries;
}

/** The spec template that declares this method and path, or undefined. */
export function specTemplate(app: 'sonarr' | 'radarr' | 'plex', method: string, path: string): string | undefined {
  return load(app).find((e) => e.rx.test(path) && e.methods.has(method.toUpperCase()))?.template;
}

/**
 * The paths block of the 2.5 MB Plex YAML, read line by line: a full YAML parse takes seconds and only the
 * path keys (2-space indent) and their methods (4-space indent) are needed here.
 */
function yamlPaths(text: string): Spec {
  const paths: Spec['paths'] = {};
  let inPaths = false;
  let current: Record<string, unknown> | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inPaths = line.startsWith('paths:');
      continue;
    }
    if (!inPaths) continue;
    const path = /^ {2}['"]?(\/[^'"]*?)['"]?:\s*$/.exec(line);
    if (path) paths[path[1]!] = current = {};
    const method = /^ {4}(get|put|post|delete|patch|head|options):\s*$/.exec(line);
    if (method && current) current[method[1]!] = {};
  }
  return { paths };
}
