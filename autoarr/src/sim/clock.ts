// The sim clock: sim time moves only through advance(), either called by tests or by a real-time driver
// that advances `speed` sim-seconds per real second.
export type AdvanceListener = (stepMs: number) => void;

/** Longest single step: keeps ordering of events (completion, import, scan) right on big jumps. */
const MAX_STEP_MS = 1_000;
const DRIVER_INTERVAL_MS = 100;

export class SimClock {
  private current: number;
  private listeners: AdvanceListener[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastReal = 0;
  private carry = 0;
  private speedValue = 0;

  constructor(startTime: number) {
    this.current = startTime;
  }

  now(): number {
    return this.current;
  }

  onAdvance(listener: AdvanceListener): void {
    this.listeners.push(listener);
  }

  advance(ms: number): void {
    if (!(ms > 0)) return;
    let left = ms;
    while (left > 0) {
      const step = Math.min(left, MAX_STEP_MS);
      this.current += step;
      left -= step;
      for (const l of this.listeners) l(step);
    }
  }

  speed(): number {
    return this.speedValue;
  }

  setSpeed(speed: number): void {
    this.speedValue = Math.max(0, speed);
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.speedValue === 0) return;
    this.lastReal = performance.now();
    this.carry = 0;
    this.timer = setInterval(() => {
      const real = performance.now();
      const simMs = (real - this.lastReal) * this.speedValue + this.carry;
      this.lastReal = real;
      const whole = Math.floor(simMs);
      this.carry = simMs - whole;
      this.advance(whole);
    }, DRIVER_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
