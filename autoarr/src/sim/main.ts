// `npm run sim`: starts the simulated stack and prints where each app listens and its key.
// Options (env): SIM_SPEED (sim-seconds per real second, default 1), SIM_SCENARIO (default healthy),
// SIM_SEED, SIM_PORT_SABNZBD / SIM_PORT_SONARR / SIM_PORT_RADARR / SIM_PORT_PLEX / SIM_PORT_CONTROL.
import { SCENARIOS, startSimStack } from './index.js';
import { SIM_APPS } from './types.js';

function port(name: string): number | undefined {
  const v = process.env[`SIM_PORT_${name.toUpperCase()}`];
  return v ? Number(v) : undefined;
}

async function main(): Promise<void> {
  const stack = await startSimStack({
    speed: Number(process.env.SIM_SPEED ?? 1),
    scenario: process.env.SIM_SCENARIO ?? 'healthy',
    seed: process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined,
    ports: Object.fromEntries([...SIM_APPS, 'control'].map((a) => [a, port(a)])),
  });
  const lines = [
    `Simulated stack running (scenario ${stack.control.scenario()}, speed ${stack.control.speed()}×)`,
    ...SIM_APPS.map((a) => `  ${a.padEnd(8)} ${stack.apps[a].url.padEnd(40)} key ${stack.apps[a].apiKey}`),
    `  control  ${stack.controlUrl}  (POST /scenario {"name"}, /advance {"ms"}, /mode {"app","mode"}, /speed; GET /requests, /writes)`,
    `  scenarios: ${SCENARIOS.join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`Simulated stack could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
