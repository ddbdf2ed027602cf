// `npm run demo`: the simulated stack and AutoArr pointed at it, on 127.0.0.1 (PORT, default 8099; DATA_DIR,
// default ./.demo-data). Prints the URL when ready; Ctrl-C / SIGTERM stops everything it started. The npm script
// runs it with `exec node --import tsx` so a process manager's SIGTERM to npm reaches this process directly (no
// shell, and no tsx CLI that SIGKILLs a child slow to confirm the signal).
import { createLogger } from '../log/logger.js';
import { installSignalHandlers } from '../run.js';
import { DEMO_SPEED, startDemo } from './demo.js';

async function main(): Promise<void> {
  const log = createLogger(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const demo = await startDemo({ log });
  installSignalHandlers({ stop: () => demo.stop() }, log);
  process.stdout.write(
    [
      '',
      `AutoArr demo is ready: ${demo.url}`,
      `  simulated SABnzbd, Sonarr, Radarr and Plex run ${DEMO_SPEED}× faster than real time (control: ${demo.sim.controlUrl})`,
      `  apps and keys: ${demo.infoFile}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`The demo could not start: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
