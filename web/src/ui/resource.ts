// Loads data for a page and tracks loading / error / ready, so every page shows the same three states.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiRequestError } from '../shared/api.js';

export class Resource<T> implements ReactiveController {
  data?: T;
  error?: ApiRequestError | Error;
  loading = false;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetcher: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.reload();
  }

  /** Refetches; a newer call wins over an older one still in flight. Keeps showing old data while refreshing. */
  async reload(): Promise<void> {
    const n = ++this.seq;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const data = await this.fetcher();
      if (n !== this.seq) return;
      this.data = data;
      this.error = undefined;
    } catch (err) {
      if (n !== this.seq) return;
      this.error = err as Error;
    } finally {
      if (n === this.seq) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  set(data: T): void {
    this.data = data;
    this.host.requestUpdate();
  }
}

/** Runs fn after the last of a burst of calls (live events can arrive several per second). */
export function debounce(fn: () => void, ms = 400): () => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}
