// Forward-only migrations, in order. Never edit or remove a shipped one: add the next number.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_monitor.js';
import * as m0003 from './0003_audit.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_monitor': m0002,
  '0003_audit': m0003,
};
