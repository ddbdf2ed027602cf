// What every app client shares: its instance, a connection probe used by the registry, and close().
import type { AppInstance } from '../../settings/settings.js';
import type { AppError } from './errors.js';

export interface ProbeResult {
  /** The version the app reported, e.g. "4.0.19.2979" or "5.0.1". */
  version: string;
  /** The app answers but is not doing its job (SABnzbd paused itself for low disk): what and what to do. */
  degraded?: string;
}

export interface AppClient {
  readonly instance: AppInstance;
  /**
   * Reads the version and makes one authenticated read, so a wrong key shows up as auth, and checks that the URL
   * reaches this kind of app (AppError wrong_app otherwise). Throws AppError.
   */
  probe(): Promise<ProbeResult>;
  /** Closes idle connections (the registry calls it on stop). */
  close(): Promise<void>;
}

export type { AppError };
