// `npm run bench`: runs every bench/<topic>.ts (each exports run() → figures) and prints them, one table per topic.
// Figures also go to test-artifacts/bench.json so a closing note can quote them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Figures = Record<string, number | string>;

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.ts')))
  .sort();

const results: Record<string, Figures | { error: string }> = {};
let failed = 0;
for (const file of files) {
  const topic = path.basename(file, '.ts');
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<Figures> };
  if (typeof mod.run !== 'function') continue;
  process.stdout.write(`\n== ${topic} ==\n`);
  try {
    const figures = await mod.run();
    results[topic] = figures;
    for (const [k, v] of Object.entries(figures)) {
      process.stdout.write(`  ${k.padEnd(56)} ${typeof v === 'number' ? Number(v.toFixed(3)) : v}\n`);
    }
  } catch (err) {
    failed++;
    results[topic] = { error: (err as Error).message };
    process.stdout.write(`  failed: ${(err as Error).stack ?? String(err)}\n`);
  }
}
fs.mkdirSync('test-artifacts', { recursive: true });
fs.writeFileSync('test-artifacts/bench.json', JSON.stringify(results, null, 2));
process.exitCode = failed ? 1 : 0;
// Benchmarks may leave sockets or timers behind; the figures are written, so end here.
process.exit();
