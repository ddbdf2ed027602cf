#!/usr/bin/env node
// The `autoarr` command (package.json "bin"):
//   autoarr [serve]                       run the server (same as `npm start`)
//   autoarr mcp [--app <app>]             MCP over stdio for desktop assistants, with the server's settings
//   autoarr mcp --url <url> [--token <t>] relay stdio to a running AutoArr's /mcp (token also from AUTOARR_API_TOKEN)
//   autoarr token                         print the API token (asked for on purpose, so it never sits in a shared log)
//   autoarr db copy --from <db> --to <db> copy AutoArr's data to another database (SQLite → PostgreSQL), checked
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { packageVersion } from './core/paths.js';
import { DB_USAGE, dbCommand } from './db/command.js';
import { createLogger } from './log/logger.js';
import { TOOL_GROUPS, type ToolGroup } from './mcp/define.js';
import { bridgeStdio, serveStdio } from './mcp/stdio.js';
import { main as serve } from './run.js';
import { loadSettings } from './settings/load.js';

const USAGE = `Usage:
  autoarr [serve]                        Run AutoArr (settings from the environment or /data/options.json)
  autoarr mcp [--app <${TOOL_GROUPS.join('|')}>]
                                         MCP server on stdin/stdout for desktop assistants
  autoarr mcp --url http://host:8099/mcp [--token <token>]
                                         Relay stdin/stdout to a running AutoArr (all tools, monitor included)
  autoarr token                          Print the API token that browsers on other computers and assistants need
${DB_USAGE}
`;

// Logs go to stderr: in MCP mode stdout carries the protocol.
const stderrLog = (level: Parameters<typeof createLogger>[0]) =>
  createLogger(level, (r) => process.stderr.write(JSON.stringify(r) + '\n'));

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function mcp(args: string[]): Promise<void> {
  const app = option(args, '--app');
  if (app !== undefined && !(TOOL_GROUPS as readonly string[]).includes(app)) {
    process.stderr.write(`--app must be one of ${TOOL_GROUPS.join(', ')}; got "${app}"\n`);
    process.exitCode = 2;
    return;
  }
  const url = option(args, '--url');
  if (url) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      process.stderr.write(`--url "${url}" is not a URL; expected e.g. http://homeassistant.local:8099/mcp\n`);
      process.exitCode = 2;
      return;
    }
    await bridgeStdio(target, option(args, '--token') ?? process.env.AUTOARR_API_TOKEN, stderrLog('info'));
    return;
  }
  const result = loadSettings({ env: process.env, version: packageVersion() });
  if (!result.ok) {
    process.stderr.write(`AutoArr cannot start: ${result.problems.length} setting(s) need fixing\n`);
    for (const p of result.problems) process.stderr.write(`  - ${p}\n`);
    process.exitCode = 2;
    return;
  }
  const log = stderrLog(result.settings.logLevel);
  for (const w of result.warnings) log.warn(w);
  await serveStdio(result.settings, log, app ? { group: app as ToolGroup } : {});
}

/** The token AUTOARR_API_TOKEN sets, or the one AutoArr generated and stored in its database. */
function token(): void {
  const result = loadSettings({ env: process.env, version: packageVersion() });
  if (!result.ok) {
    process.stderr.write(`AutoArr's settings need fixing first:\n${result.problems.map((p) => `  - ${p}\n`).join('')}`);
    process.exitCode = 2;
    return;
  }
  const { apiToken, databasePath } = result.settings;
  if (apiToken) {
    process.stdout.write(`${apiToken}\n`);
    return;
  }
  if (!fs.existsSync(databasePath)) {
    process.stderr.write(
      `No AutoArr database at ${databasePath} yet: start AutoArr once (it creates the token), or set DATA_DIR to where it keeps its data\n`,
    );
    process.exitCode = 1;
    return;
  }
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM kv WHERE key = 'api_token'").get() as { value: string } | undefined;
    if (!row) throw new Error('no token stored yet; start AutoArr once');
    process.stdout.write(`${JSON.parse(row.value) as string}\n`);
  } catch (err) {
    process.stderr.write(`Could not read the token from ${databasePath}: ${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    db.close();
  }
}

const [command = 'serve', ...rest] = process.argv.slice(2);
if (command === 'serve') void serve();
else if (command === 'mcp') void mcp(rest);
else if (command === 'token') token();
else if (command === 'db')
  void dbCommand(rest, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => (process.exitCode = code),
  );
else if (command === '--help' || command === '-h' || command === 'help') process.stdout.write(USAGE);
else {
  process.stderr.write(`Unknown command "${command}".\n${USAGE}`);
  process.exitCode = 2;
}
