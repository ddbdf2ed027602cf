// The subset of Plex Media Server's API AutoArr uses, typed by hand from ../shared/contracts/plex.openapi.yaml
// (identity, library sections, recently added, sessions, hub search, preferences). Mapped in parse.ts.

export interface PlexIdentity {
  machineIdentifier: string;
  version: string;
  claimed: boolean;
}

export interface PlexSection {
  /** Section id as a string ("1"), the value scanSection() takes. */
  key: string;
  title: string;
  /** "movie" | "show" | "artist" | "photo" */
  type: string;
  agent: string;
  scanner: string;
  /** True while a scan runs. */
  refreshing: boolean;
  /** Unix seconds. */
  scannedAt?: number;
  updatedAt?: number;
  locations: string[];
}

export type PlexMediaType =
  | 'movie'
  | 'show'
  | 'season'
  | 'episode'
  | 'artist'
  | 'album'
  | 'track'
  | 'photoalbum'
  | 'photo'
  | 'collection'
  | (string & {});

export interface PlexItem {
  ratingKey: string;
  /** "/library/metadata/1" */
  key: string;
  title: string;
  type: PlexMediaType;
  /** Unix seconds. */
  addedAt: number;
  year?: number;
  /** Show title for episodes. */
  grandparentTitle?: string;
  /** Season number for episodes. */
  parentIndex?: number;
  /** Episode number for episodes. */
  index?: number;
  librarySectionId?: string;
  librarySectionTitle?: string;
  guid?: string;
}

export interface PlexSession extends PlexItem {
  user: string;
  player: { title: string; product: string; platform: string; state: string; local: boolean };
  /** "lan" | "wan" */
  location?: string;
  bandwidthKbps?: number;
}

export interface PlexSetting {
  id: string;
  label: string;
  summary: string;
  /** "bool" | "int" | "text" | "double" */
  type: string;
  value: string | number | boolean;
  default: string | number | boolean;
  group: string;
  hidden: boolean;
  advanced: boolean;
}

export type PlexPreferenceValue = string | number | boolean;
