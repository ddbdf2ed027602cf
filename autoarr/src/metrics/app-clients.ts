// The slice of the app clients (apps/registry.ts, owned by the clients engineer) that metrics and the MQTT commands
// use. Declared here as a port so this code depends on the contract, not on the clients' internals, and tests can
// hand in small fakes.
import type { CoreContext } from '../core/context.js';

/** The queue figures the metrics show (the monitor's poll carries the same ones on app.polled). */
export interface SabQueueFigures {
  paused: boolean;
  status: string;
  speedBps: number;
  speedLimitPercent: number;
  sizeLeftBytes: number;
  timeLeftSeconds: number;
  diskFreeBytes: number;
  noOfSlots: number;
}

export interface SabnzbdPort {
  queue(opts?: { start?: number; limit?: number }): Promise<SabQueueFigures>;
  warnings(): Promise<unknown>;
  pauseAll(): Promise<unknown>;
  resumeAll(): Promise<unknown>;
  setSpeedLimit(percent: number): Promise<unknown>;
}

export interface ArrPort {
  queue(opts?: {
    page?: number;
    pageSize?: number;
    includeUnknown?: boolean;
  }): Promise<{ totalRecords?: number | null }>;
  wantedMissing(opts?: { page?: number; pageSize?: number }): Promise<{ totalRecords?: number | null }>;
  health(): Promise<Array<{ type?: unknown; source?: string | null; message?: string | null }>>;
  diskSpace(): Promise<Array<{ path?: string | null; freeSpace?: number | null }>>;
  rootFolders(): Promise<Array<{ path?: string | null }>>;
  // The body type differs per app (generated from each OpenAPI spec); this port only sends plain objects.
  command(name: never, body: never): Promise<unknown>;
}

export interface PlexPort {
  sessions(): Promise<unknown>;
  sections(): Promise<unknown>;
  scanSection(key: string): Promise<unknown>;
}

export interface AppClientsPort {
  sabnzbd(id?: string): SabnzbdPort;
  sonarr(id?: string): ArrPort;
  radarr(id?: string): ArrPort;
  plex(id?: string): PlexPort;
}

/** Sends an *arr command by name; the port's command() is typed per app by the clients, so widen it here once. */
export function runArrCommand(client: ArrPort, name: string, body: Record<string, unknown> = {}): Promise<unknown> {
  return (client.command as (n: string, b: Record<string, unknown>) => Promise<unknown>)(name, body);
}

/** The registry seen through the port (the registry implements these getters per the team contract). */
export function appClients(ctx: CoreContext): AppClientsPort {
  return ctx.apps;
}
