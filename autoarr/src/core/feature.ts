// A feature has a symmetric lifecycle: the constructor does nothing, start() subscribes and starts timers,
// stop() clears them and removes its listeners. One failing feature is logged, never fatal to the others.
import type { RouteMount } from '../http/app.js';

export interface Feature {
  readonly name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  /** HTTP routers this feature serves, mounted by the composition root. */
  routes?(): RouteMount[];
}
