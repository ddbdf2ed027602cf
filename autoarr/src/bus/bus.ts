// A small typed event bus. Every listener is isolated: one that throws or rejects is logged and never breaks
// the emitter or the other listeners (a faulty MQTT publisher must not stop the monitor).
import type { Logger } from '../log/logger.js';
import type { BusEventName, BusEvents } from './events.js';

type Listener<K extends BusEventName> = (payload: BusEvents[K]) => void | Promise<void>;

export class EventBus {
  private readonly listeners = new Map<BusEventName, Set<Listener<BusEventName>>>();

  constructor(private readonly log: Logger) {}

  /** Subscribe; returns the function that unsubscribes (call it in a feature's stop()). */
  on<K extends BusEventName>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<BusEventName>);
    return () => set.delete(listener as Listener<BusEventName>);
  }

  emit<K extends BusEventName>(event: K, payload: BusEvents[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        const result = listener(payload);
        if (result && typeof (result as Promise<void>).catch === 'function') {
          (result as Promise<void>).catch((err: unknown) => this.fail(event, err));
        }
      } catch (err) {
        this.fail(event, err);
      }
    }
  }

  listenerCount(event: BusEventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  private fail(event: string, err: unknown): void {
    this.log.error(`A listener for ${event} failed; the others still ran`, { err });
  }
}
