// Structured JSON-lines logger. Injected everywhere (never imported as a singleton) so tests can capture it.
import { redactText, redactValue } from './redact.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  trace(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(bindings: LogFields): Logger;
  isLevelEnabled(level: LogLevel): boolean;
}

export interface LogRecord extends LogFields {
  time: string;
  level: LogLevel;
  msg: string;
}

export type LogSink = (record: LogRecord) => void;

const stdoutSink: LogSink = (record) => {
  process.stdout.write(JSON.stringify(record) + '\n');
};

export function createLogger(level: LogLevel = 'info', sink: LogSink = stdoutSink, bindings: LogFields = {}): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const enabled = (l: LogLevel) => LOG_LEVELS.indexOf(l) >= min;
  const write = (l: LogLevel, msg: string, fields?: LogFields) => {
    if (!enabled(l)) return;
    const extra = fields ? redactValue(normaliseErrors(fields)) : {};
    sink({ time: new Date().toISOString(), level: l, msg: redactText(msg), ...bindings, ...extra });
  };
  return {
    trace: (m, f) => write('trace', m, f),
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warning', m, f),
    error: (m, f) => write('error', m, f),
    child: (b) => createLogger(level, sink, { ...bindings, ...b }),
    isLevelEnabled: enabled,
  };
}

// Errors serialise to {} by default; keep the message (never the stack at info level: it is noise for users).
function normaliseErrors(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, ...('kind' in v ? { kind: v.kind } : {}) } : v;
  }
  return out;
}

/** A logger that keeps records in memory, for tests. */
export function memoryLogger(level: LogLevel = 'trace'): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const logger = createLogger(level, (r) => records.push(r));
  return Object.assign(logger, { records });
}
