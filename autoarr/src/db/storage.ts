// What a failed SQLite call means for the person running AutoArr, and whether the database works right now.
// Damaged pages, a full or read-only data folder and another program's lock each get their own message that names
// the file or DATA_DIR and the fix; health is degraded while writes fail and recovers at the first write that works.
import path from 'node:path';
import type { HealthProblem } from '../shared/types.js';

/** unreachable: PostgreSQL only (server down, refused login); a SQLite file is never out of reach. */
export type StorageKind = 'corrupt' | 'unwritable' | 'locked' | 'unreachable';

export interface StorageFailure {
  kind: StorageKind;
  message: string;
}

const WRITE_ERRNOS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'ENOTDIR', 'EISDIR', 'EEXIST']);

/** Classifies an error from better-sqlite3 or the file system; undefined when it is not a storage problem. */
export function storageKind(err: unknown): StorageKind | undefined {
  const code = String((err as { code?: unknown })?.code ?? '');
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return 'corrupt';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'locked';
  if (/^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM)/.test(code) || WRITE_ERRNOS.has(code)) return 'unwritable';
  return undefined;
}

function detail(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.slice(0, 200);
}

/** The message for a storage failure of `file`; DATA_DIR is the file's folder. */
export function describeStorage(kind: StorageKind, file: string, err: unknown, lockWaitMs = 0): string {
  const dir = path.dirname(file);
  switch (kind) {
    case 'corrupt':
      return (
        `The database ${file} is damaged (${detail(err)}). AutoArr left it untouched. To fix it, stop AutoArr and ` +
        `put back a backup of that file, or move it (with ${path.basename(file)}-wal and -shm) out of ${dir}; ` +
        `AutoArr then starts with a new database (the watched downloads and the activity history start afresh)`
      );
    case 'unwritable':
      return (
        `AutoArr cannot write to its data folder ${dir} (DATA_DIR): ${full(err) ? 'the disk is full' : detail(err)}. ` +
        `Free space on that disk and check that the folder and ${path.basename(file)} are writable; ` +
        `AutoArr carries on by itself once writing works again`
      );
    case 'unreachable':
      return `AutoArr cannot open its database ${file} (${detail(err)}); check DATABASE_URL`;
    case 'locked':
      return (
        `Another program is holding the database ${file} locked, so AutoArr could not save for ` +
        `${Math.round(lockWaitMs / 1000)} s. Close the program that has it open (a database browser, a backup tool, ` +
        `or a second AutoArr using the same DATA_DIR); AutoArr carries on by itself once the lock is released`
      );
  }
}

function full(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}

/**
 * Whether the database works: fed by the driver after every statement. A damaged file stays reported until
 * restart (a later write that works says nothing about the damaged pages); a write problem or a lock clears at
 * the next write that succeeds.
 */
export class StorageHealth {
  private corrupt: StorageFailure | undefined;
  private write: StorageFailure | undefined;
  private readonly listeners = new Set<(problem: StorageFailure | undefined) => void>();

  failed(f: StorageFailure): void {
    const before = this.current();
    if (f.kind === 'corrupt') this.corrupt ??= f;
    else this.write = f;
    if (this.current()?.kind !== before?.kind) this.emit();
  }

  wrote(): void {
    if (!this.write) return;
    this.write = undefined;
    this.emit();
  }

  /** The problem that matters most now: damage first, then a write problem. */
  current(): StorageFailure | undefined {
    return this.corrupt ?? this.write;
  }

  /** Whether writes are failing now (the storage feature probes until they work again). */
  get writeFailing(): boolean {
    return !!this.write;
  }

  problems(): HealthProblem[] {
    return [this.corrupt, this.write].filter((f) => !!f).map((f) => ({ source: 'database', message: f.message }));
  }

  /** Called with the new problem (or undefined) whenever it changes. */
  onChange(cb: (problem: StorageFailure | undefined) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private emit(): void {
    const now = this.current();
    for (const cb of this.listeners) cb(now);
  }
}
