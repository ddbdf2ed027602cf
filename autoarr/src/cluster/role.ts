// AUTOARR_ROLE: which parts one process of the same image runs, so the parts can be scaled apart.
//   all    – everything (the default, and always in the add-on)
//   api    – the REST API and the web UI (reads; actions run on the leader)
//   worker – the monitor, the audit schedule and MQTT, when this replica is the leader
//   mcp    – the MCP server for AI assistants
// Every role answers /api/health, /api/health/live and /api/health/ready.
export const ROLES = ['all', 'api', 'worker', 'mcp'] as const;
export type Role = (typeof ROLES)[number];

export interface RolePlan {
  /** Runs the monitor, the audit schedule, MQTT and the other background work (when it leads). */
  worker: boolean;
  /** Serves the REST API and the web UI. */
  api: boolean;
  /** Serves MCP. */
  mcp: boolean;
}

export function rolePlan(role: Role): RolePlan {
  return {
    worker: role === 'all' || role === 'worker',
    api: role === 'all' || role === 'api',
    mcp: role === 'all' || role === 'mcp',
  };
}

/** AUTOARR_ROLE's text → a role, or the line that says what to set. */
export function parseRole(text: string | undefined): { role: Role } | { problem: string } {
  const v = (text ?? '').trim().toLowerCase();
  if (v === '') return { role: 'all' };
  if ((ROLES as readonly string[]).includes(v)) return { role: v as Role };
  return {
    problem: `AUTOARR_ROLE: "${text!.trim().slice(0, 40)}" is not a role; expected ${ROLES.join(', ')} (all runs everything)`,
  };
}
