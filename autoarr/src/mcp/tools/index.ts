// Every tool, in the order assistants see them: apps first, then AutoArr's own.
import type { AnyTool } from '../define.js';
import { auditTools } from './audit.js';
import { autoarrTools } from './autoarr.js';
import { diagnose } from './diagnose.js';
import { explainTool } from './explain.js';
import { plexTools } from './plex.js';
import { radarrTools } from './radarr.js';
import { requestTool } from './request.js';
import { sabnzbdReadTools } from './sabnzbd-read.js';
import { sabnzbdWriteTools } from './sabnzbd-write.js';
import { sonarrTools } from './sonarr.js';

export const allTools: readonly AnyTool[] = [
  ...sabnzbdReadTools,
  ...sabnzbdWriteTools,
  ...sonarrTools,
  ...radarrTools,
  ...plexTools,
  ...autoarrTools.slice(0, 2),
  diagnose,
  explainTool,
  ...autoarrTools.slice(2),
  ...auditTools,
  requestTool,
];
