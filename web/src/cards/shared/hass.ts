// The small part of Home Assistant's frontend API the cards use (HA does not publish these types as a package).

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed?: string;
  last_updated?: string;
}

export interface HomeAssistant {
  states: Record<string, HassEntity | undefined>;
  callService(domain: string, service: string, data?: Record<string, unknown>): Promise<unknown>;
  /** Registered actions by domain (the AutoArr integration's autoarr.* among them). */
  services?: Record<string, Record<string, unknown> | undefined>;
  themes?: { darkMode?: boolean };
  language?: string;
  /** Entity registry (display entries): which device an entity belongs to. */
  entities?: Record<string, HassEntityEntry | undefined>;
  /** Device registry. */
  devices?: Record<string, HassDevice | undefined>;
}

export interface HassEntityEntry {
  entity_id: string;
  device_id?: string | null;
  platform?: string;
}

export interface HassDevice {
  id: string;
  name?: string | null;
  name_by_user?: string | null;
  manufacturer?: string | null;
  model?: string | null;
}

export interface LovelaceCardConfig {
  type: string;
  [key: string]: unknown;
}

/** The schema HA's built-in form renders for getConfigForm(). */
export interface HaFormSchema {
  name: string;
  selector?: Record<string, unknown>;
  required?: boolean;
  default?: unknown;
}

export interface ConfigForm {
  schema: HaFormSchema[];
  computeLabel?: (s: HaFormSchema) => string | undefined;
  computeHelper?: (s: HaFormSchema) => string | undefined;
  assertConfig?: (config: LovelaceCardConfig) => void;
}

export const isUnavailable = (e: HassEntity | undefined) => !e || e.state === 'unavailable' || e.state === 'unknown';
