import { describe, expect, it } from 'vitest';
import { LOG_LEVELS, createLogger, memoryLogger, type LogRecord } from './logger.js';
import { registerSecret } from './redact.js';

function capture(level: (typeof LOG_LEVELS)[number]) {
  const records: LogRecord[] = [];
  return { records, log: createLogger(level, (r) => records.push(r)) };
}

describe('logger', () => {
  it.each([
    ['trace', ['trace', 'debug', 'info', 'warning', 'error']],
    ['debug', ['debug', 'info', 'warning', 'error']],
    ['info', ['info', 'warning', 'error']],
    ['warning', ['warning', 'error']],
    ['error', ['error']],
  ] as const)('at %s writes %j', (level, expected) => {
    const { records, log } = capture(level);
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records.map((r) => r.level)).toEqual(expected);
    expect(log.isLevelEnabled('debug')).toBe(expected.includes('debug' as never));
  });

  it('writes one structured record with time, level, message, bindings and fields', () => {
    const { records, log } = capture('info');
    log.child({ component: 'monitor' }).info('Download stalled', { downloadId: 'SABnzbd_nzo_1', strikes: 2 });
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({
      level: 'info',
      msg: 'Download stalled',
      component: 'monitor',
      downloadId: 'SABnzbd_nzo_1',
      strikes: 2,
    });
    expect(new Date(r.time).toString()).not.toBe('Invalid Date');
  });

  it('prints JSON lines to stdout by default', () => {
    const chunks: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      chunks.push(chunk);
      return true;
    }) as typeof process.stdout.write;
    try {
      createLogger('info').info('hello', { n: 1 });
    } finally {
      process.stdout.write = original;
    }
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(chunks[0]!)).toMatchObject({ level: 'info', msg: 'hello', n: 1 });
  });

  it('keeps an error as name and message (and kind), not as {}', () => {
    const log = memoryLogger();
    const err = Object.assign(new Error('Sonarr did not answer'), { kind: 'timeout' });
    log.error('Poll failed', { err });
    expect(log.records[0]!.err).toEqual({ name: 'Error', message: 'Sonarr did not answer', kind: 'timeout' });
  });

  it('never writes a secret: registered values, secret-named fields, URLs and headers', () => {
    registerSecret('registered-secret-4711');
    const log = memoryLogger();
    log.info('Calling http://sab:8080/api?mode=queue&apikey=abcdef123456&output=json with registered-secret-4711', {
      headers: { 'X-Api-Key': 'sonarr-key-000111', Authorization: 'Bearer tok-999888' },
      apiKey: 'plain-field-key-222',
      nested: { deeper: [{ password: 'pw-333444' }] },
      url: 'mqtt://user:brokerpass55@broker:1883',
      err: new Error('failed: X-Plex-Token=plex-token-666'),
    });
    const text = JSON.stringify(log.records);
    for (const secret of [
      'registered-secret-4711',
      'abcdef123456',
      'sonarr-key-000111',
      'tok-999888',
      'plain-field-key-222',
      'pw-333444',
      'brokerpass55',
      'plex-token-666',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('mode=queue');
    expect(text).toContain('broker:1883');
  });
});
