// The committed Sonarr/Radarr types must match what the generator makes from the current contracts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_APPS, outputPath, render } from '../../../scripts/gen-types.js';

describe('generated *arr types', () => {
  it.each(GENERATED_APPS)('%s: the committed schema.d.ts is up to date (else run `npm run gen:types`)', async (app) => {
    const committed = readFileSync(outputPath(app), 'utf8');
    const fresh = await render(app);
    expect(committed === fresh, `autoarr/src/apps/${app}/generated/schema.d.ts is stale`).toBe(true);
    expect(committed).toContain('"/api/v3/queue"');
  });
});
