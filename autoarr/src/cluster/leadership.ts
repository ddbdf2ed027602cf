// Who runs the monitor, the audit schedule and the MQTT publisher. With SQLite there is one process, so it always
// leads; with PostgreSQL several replicas share one database and exactly one of them leads (pg-election.ts).
import os from 'node:os';

export interface LeaderStatus {
  /** single: SQLite, one process. postgres: replicas elect a leader through the database. */
  mode: 'single' | 'postgres';
  /** This replica (host name and process id), as it appears in logs and in the lease. */
  replica: string;
  leader: boolean;
  /** The replica holding the lease, as last read from the database (postgres mode). */
  leaderReplica?: string;
  /** When this replica became the leader. */
  since?: string;
  /** Whether this replica's own connection for the election works (postgres mode, worker roles). */
  electionConnected?: boolean;
  /** Why this replica is not the leader or cannot tell, in words (postgres mode). */
  note?: string;
}

/** The leader's lease row in kv (written by pg-election.ts at every poll, server clock). */
export const LEASE_KEY = 'cluster.leader';
export interface Lease {
  replica: string;
  /** The leader's database session (its advisory lock). */
  pid: number;
  since: string;
  heartbeatMs: number;
  /** AUTOARR_ADVERTISE_URL: where the other replicas send it actions. */
  url?: string | null;
}

export interface Leadership {
  isLeader(): boolean;
  /** Called with the new state each time it changes; returns the function that removes the listener. */
  onChange(fn: (leader: boolean) => void): () => void;
  status(): LeaderStatus;
  /** Starts taking part (postgres: the first attempt is awaited, so a lone replica leads from its first poll). */
  start(): Promise<void>;
  /** Steps down and leaves (postgres: the lock is released at once, so a follower takes over at its next try). */
  stop(): Promise<void>;
}

export function replicaId(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** SQLite: one process, always the leader. */
export function singleLeader(): Leadership {
  const replica = replicaId();
  const since = new Date().toISOString();
  return {
    isLeader: () => true,
    onChange: () => () => undefined,
    status: () => ({ mode: 'single', replica, leader: true, leaderReplica: replica, since }),
    start: async () => undefined,
    stop: async () => undefined,
  };
}
