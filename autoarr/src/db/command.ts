// `autoarr db copy --from <sqlite file or URL> --to <postgres://… or file>`: the command-line face of copy.ts.
// Prints one line per table (rows, checksum, whether it matches) and a closing sentence; exit code 0 only when
// everything matched and was committed. The password in a URL is never printed.
import { createLogger } from '../log/logger.js';
import { registerSecret, redactText } from '../log/redact.js';
import { copyDatabase, parseLocation } from './copy.js';
import { postgresPassword } from './target.js';

export const DB_USAGE = `  autoarr db copy --from sqlite:///data/autoarr.db --to postgres://user:password@host:5432/autoarr
                                         Copy AutoArr's data into a new, empty database and check it`;

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Runs `autoarr db …`; returns the exit code. */
export async function dbCommand(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'copy') {
    io.err(`Unknown database command "${sub ?? ''}". Usage:\n${DB_USAGE}\n`);
    return 2;
  }
  const fromText = option(rest, '--from');
  const toText = option(rest, '--to');
  for (const t of [fromText, toText]) if (t) registerSecret(postgresPassword(t));
  const from = parseLocation(fromText, '--from');
  const to = parseLocation(toText, '--to');
  const problems = [from, to].flatMap((l) => ('problem' in l ? [l.problem] : []));
  if ('problem' in from || 'problem' in to) {
    for (const p of problems) io.err(`${redactText(p)}\n`);
    return 2;
  }
  // Progress and migrations go to stderr as plain log lines; the report goes to stdout.
  const log = createLogger('info', (r) => io.err(`${redactText(r.msg)}\n`));
  try {
    const result = await copyDatabase(from, to, log);
    for (const t of result.tables) {
      io.out(
        `${t.table.padEnd(16)} ${String(t.rows).padStart(8)} rows  sha256 ${t.checksum}  ${t.ok ? 'ok' : 'DIFFERENT'}\n`,
      );
    }
    (result.ok ? io.out : io.err)(`${result.message}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    io.err(`${redactText((err as Error).message)}\n`);
    return 1;
  }
}
