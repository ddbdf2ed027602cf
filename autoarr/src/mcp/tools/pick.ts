// Resolves which instance a tool talks to: the caller's pick, or the first configured instance of that app.
import { UserError } from '../../core/errors.js';
import type { ToolEnv } from '../define.js';
import { APP_LABEL, type AppKind } from '../../shared/domain.js';

export function instanceFor(env: ToolEnv, app: AppKind): string {
  const of = env.deps.ctx.apps.instances().filter((i) => i.app === app);
  if (env.instance) {
    if (of.some((i) => i.id === env.instance)) return env.instance;
    throw new UserError(
      'not_found',
      `There is no ${APP_LABEL[app]} instance "${env.instance}"; use one of: ${of.map((i) => i.id).join(', ') || 'none'}`,
      404,
    );
  }
  const first = of[0];
  if (!first)
    throw new UserError(
      'not_configured',
      `${APP_LABEL[app]} is not configured in AutoArr; add its URL and API key in the add-on options`,
      404,
    );
  return first.id;
}

export const sab = (env: ToolEnv) => {
  const instance = instanceFor(env, 'sabnzbd');
  return { instance, client: env.deps.ctx.apps.sabnzbd(instance) };
};
export const sonarr = (env: ToolEnv) => {
  const instance = instanceFor(env, 'sonarr');
  return { instance, client: env.deps.ctx.apps.sonarr(instance) };
};
export const radarr = (env: ToolEnv) => {
  const instance = instanceFor(env, 'radarr');
  return { instance, client: env.deps.ctx.apps.radarr(instance) };
};
export const plex = (env: ToolEnv) => {
  const instance = instanceFor(env, 'plex');
  return { instance, client: env.deps.ctx.apps.plex(instance) };
};
