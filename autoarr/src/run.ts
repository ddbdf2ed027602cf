// Runs AutoArr as a server: settings from /data/options.json (add-on) or the environment, then run
// until SIGTERM/SIGINT, and exit within 5 s (the Supervisor kills after 10 s).
import { startAutoArr, type AutoArr } from './app.js';
import { packageVersion } from './core/paths.js';
import { createLogger } from './log/logger.js';
import { dataDirProblem, firstRunNotes } from './settings/first-run.js';
import { loadSettings } from './settings/load.js';
import type { RunMode } from './settings/settings.js';

export async function main(mode?: RunMode): Promise<AutoArr | undefined> {
  const result = loadSettings({ env: process.env, version: packageVersion(), mode });
  if (!result.ok) {
    const log = createLogger('info');
    log.error(`AutoArr cannot start: ${result.problems.length} setting(s) need fixing`);
    for (const p of result.problems) process.stderr.write(`  - ${p}\n`);
    process.exitCode = 2;
    return undefined;
  }
  const { settings } = result;
  const log = createLogger(settings.logLevel);
  for (const w of result.warnings) log.warn(w);
  const dirProblem = dataDirProblem(settings);
  if (dirProblem) {
    log.error(`AutoArr cannot start: ${dirProblem}`);
    process.exitCode = 2;
    return undefined;
  }
  let autoarr: AutoArr;
  try {
    autoarr = await startAutoArr(settings, log);
  } catch (err) {
    log.error(`AutoArr cannot start: ${(err as Error).message}`);
    process.exitCode = 1;
    return undefined;
  }
  for (const n of firstRunNotes(settings)) log[n.level](n.message);
  installSignalHandlers(autoarr, log);
  return autoarr;
}

export function installSignalHandlers(
  autoarr: Pick<AutoArr, 'stop'>,
  log: { info(m: string): void; error(m: string): void },
): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log.info(`${signal} received; stopping`);
    const hard = setTimeout(() => {
      log.error('Stopping took longer than 5 s; exiting now');
      process.exit(1);
    }, 4_500);
    hard.unref();
    autoarr.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
