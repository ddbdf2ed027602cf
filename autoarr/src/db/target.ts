// Where AutoArr keeps its data: a SQLite file (the default, one box) or a PostgreSQL server (DATABASE_URL=postgres://…,
// for several replicas). Parsed once from the environment; the password never appears in any message built here.
import { shownUrl } from '../log/redact.js';

export interface PostgresTarget {
  kind: 'postgres';
  /** The URL as given, with the password (only ever handed to the pg driver). */
  url: string;
  /** The same URL with the password masked, for messages and logs. */
  shown: string;
  /** Most connections the pool opens (DATABASE_POOL_SIZE, default 10). */
  poolSize: number;
}

export const DEFAULT_POOL_SIZE = 10;

// libpq's modes; pg (node-postgres) treats require/prefer/verify-ca as verify-full and warns, so they are mapped here
// to what actually happens (verify-full), and `no-verify` is pg's own "encrypt without checking the certificate".
const SSL_MODES = new Set(['disable', 'no-verify', 'prefer', 'require', 'verify-ca', 'verify-full']);

export function isPostgresUrl(url: string | undefined): boolean {
  return /^postgres(ql)?:\/\//i.test(url?.trim() ?? '');
}

/** DATABASE_URL=postgres://… (+ DATABASE_POOL_SIZE) → a target, or one readable problem per line. */
export function postgresTargetFrom(
  databaseUrl: string,
  poolSizeText: string | undefined,
): { target: PostgresTarget } | { problems: string[] } {
  const raw = databaseUrl.trim();
  const shown = shownUrl(raw);
  const problems: string[] = [];
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    problems.push(
      `DATABASE_URL: "${shown}" is not a valid URL; expected postgres://host:5432/autoarr with user:password@ before the host ` +
        '(write special characters in the password as %XX)',
    );
  }
  if (u && !u.hostname)
    problems.push(
      `DATABASE_URL: "${shown}" names no server; expected postgres://host:5432/autoarr with user:password@ before the host`,
    );
  const mode = u?.searchParams.get('sslmode');
  if (u && mode !== null && mode !== undefined && !SSL_MODES.has(mode)) {
    problems.push(
      `DATABASE_URL: sslmode "${mode}" is not known; use disable, no-verify (encrypted, certificate not checked), ` +
        'require or verify-full (the certificate is checked; add sslrootcert=/path/ca.pem for your own CA)',
    );
  }
  const poolSize = poolSizeText?.trim() ? Number(poolSizeText.trim()) : DEFAULT_POOL_SIZE;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100) {
    problems.push(`DATABASE_POOL_SIZE: "${poolSizeText}" is not a pool size; expected a whole number from 1 to 100`);
  }
  if (problems.length || !u) return { problems };
  if (mode === 'require' || mode === 'prefer' || mode === 'verify-ca') u.searchParams.set('sslmode', 'verify-full');
  return { target: { kind: 'postgres', url: u.toString(), shown, poolSize } };
}

/** The password of a postgres URL (to register as a secret), if any. */
export function postgresPassword(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
