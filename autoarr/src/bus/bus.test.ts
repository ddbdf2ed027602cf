import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/logger.js';
import { EventBus } from './bus.js';

const payload = { key: 'dry_run', value: true };

describe('EventBus', () => {
  it('delivers an event to every listener, in order', () => {
    const bus = new EventBus(memoryLogger());
    const seen: string[] = [];
    bus.on('settings.changed', (p) => void seen.push(`a:${p.key}`));
    bus.on('settings.changed', (p) => void seen.push(`b:${String(p.value)}`));
    bus.emit('settings.changed', payload);
    expect(seen).toEqual(['a:dry_run', 'b:true']);
  });

  it('keeps going when a listener throws, and logs which event failed', () => {
    const log = memoryLogger();
    const bus = new EventBus(log);
    const seen: string[] = [];
    bus.on('settings.changed', () => void seen.push('first'));
    bus.on('settings.changed', () => {
      throw new Error('publisher broke');
    });
    bus.on('settings.changed', () => void seen.push('third'));
    expect(() => bus.emit('settings.changed', payload)).not.toThrow();
    expect(seen).toEqual(['first', 'third']);
    expect(log.records).toHaveLength(1);
    expect(log.records[0]).toMatchObject({ level: 'error', err: { message: 'publisher broke' } });
    expect(log.records[0]!.msg).toContain('settings.changed');
  });

  it('logs a rejected async listener instead of leaving an unhandled rejection', async () => {
    const log = memoryLogger();
    const bus = new EventBus(log);
    let other = 0;
    bus.on('settings.changed', async () => {
      throw new Error('async failure');
    });
    bus.on('settings.changed', () => void other++);
    bus.emit('settings.changed', payload);
    expect(other).toBe(1);
    for (let i = 0; i < 50 && log.records.length === 0; i++) await Promise.resolve();
    expect(log.records[0]).toMatchObject({ level: 'error', err: { message: 'async failure' } });
  });

  it('unsubscribes with the returned function', () => {
    const bus = new EventBus(memoryLogger());
    let calls = 0;
    const off = bus.on('settings.changed', () => void calls++);
    expect(bus.listenerCount('settings.changed')).toBe(1);
    bus.emit('settings.changed', payload);
    off();
    bus.emit('settings.changed', payload);
    expect(calls).toBe(1);
    expect(bus.listenerCount('settings.changed')).toBe(0);
  });

  it('lets a listener unsubscribe itself during an emit without skipping the next one', () => {
    const bus = new EventBus(memoryLogger());
    const seen: string[] = [];
    const off = bus.on('settings.changed', () => {
      seen.push('once');
      off();
    });
    bus.on('settings.changed', () => void seen.push('always'));
    bus.emit('settings.changed', payload);
    bus.emit('settings.changed', payload);
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});
