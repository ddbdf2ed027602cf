// The whole catalogue: every rule as data, grouped by app.
import type { Rule } from '../types.js';
import { arrProfileRules } from './arr-profiles.js';
import { arrSettingRules } from './arr-settings.js';
import { arrStackRules } from './arr-stack.js';
import { plexRules } from './plex.js';
import { sabMiscRules } from './sabnzbd-misc.js';
import { sabStackRules } from './sabnzbd-stack.js';

export function catalogue(): Rule[] {
  const rules = [
    ...(['sonarr', 'radarr'] as const).flatMap((app) => [
      ...arrSettingRules(app),
      ...arrStackRules(app),
      ...arrProfileRules(app),
    ]),
    ...sabMiscRules(),
    ...sabStackRules(),
    ...plexRules(),
  ];
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`Duplicate audit rule id ${r.id}`);
    ids.add(r.id);
  }
  return rules;
}
