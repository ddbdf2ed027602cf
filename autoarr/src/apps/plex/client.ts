// Plex Media Server client: X-Plex-Token header, Accept: application/json (PMS answers XML otherwise).
// Only spec paths are called: /library/sections/all (not the legacy /library/sections) and /hubs/search.
import type { AppInstance } from '../../settings/settings.js';
import type { AppClient, ProbeResult } from '../common/client.js';
import { badShape } from '../common/classify.js';
import { AppError } from '../common/errors.js';
import { wrongApp } from '../common/identity.js';
import { ShapeError } from '../common/shape.js';
import { Transport, type ClientOptions, type HttpMethod } from '../common/transport.js';
import type { QueryValue } from '../common/url.js';
import { mapIdentity, mapItems, mapSearch, mapSections, mapSessions, mapSettings } from './parse.js';
import type { PlexIdentity, PlexItem, PlexPreferenceValue, PlexSection, PlexSession, PlexSetting } from './types.js';

export interface PlexClient extends AppClient {
  identity(): Promise<PlexIdentity>;
  sections(): Promise<PlexSection[]>;
  /** Starts a scan of one library section (key as in PlexSection.key). */
  scanSection(key: string): Promise<void>;
  recentlyAdded(opts?: { limit?: number }): Promise<PlexItem[]>;
  sessions(): Promise<PlexSession[]>;
  search(query: string): Promise<PlexItem[]>;
  preferences(): Promise<PlexSetting[]>;
  setPreferences(values: Record<string, PlexPreferenceValue>): Promise<void>;
}

export class PlexHttpClient implements PlexClient {
  private readonly http: Transport;

  constructor(
    readonly instance: AppInstance,
    options: ClientOptions = {},
  ) {
    this.http = new Transport(
      instance,
      {
        'X-Plex-Token': instance.apiKey,
        'X-Plex-Client-Identifier': `autoarr-${instance.id}`,
        'X-Plex-Product': 'AutoArr',
      },
      options,
    );
  }

  private async get<T>(
    what: string,
    path: string,
    map: (b: unknown) => T,
    query?: Record<string, QueryValue>,
  ): Promise<T> {
    const body = await this.http.json({ path, query });
    try {
      return map(body);
    } catch (err) {
      if (err instanceof ShapeError) throw badShape(this.instance, what, err.message);
      throw err;
    }
  }

  private async write(method: HttpMethod, path: string, query?: Record<string, QueryValue>): Promise<void> {
    await this.http.json({ method, path, query, idempotent: false });
  }

  identity(): Promise<PlexIdentity> {
    return this.get('identity', '/identity', mapIdentity);
  }

  async probe(): Promise<ProbeResult> {
    // Every Plex Media Server names its machine in /identity; another app does not.
    const { version, machineIdentifier } = await this.get('identity', '/identity', (body) => {
      try {
        return mapIdentity(body);
      } catch {
        throw wrongApp(this.instance, undefined, '/identity is not a Plex MediaContainer');
      }
    }).catch((err: unknown) => {
      // Plex answers /identity without a token: an HTTP 401 here comes from something else.
      if (err instanceof AppError && err.kind === 'auth') {
        throw wrongApp(this.instance, undefined, '/identity, which needs no token, was refused');
      }
      throw err;
    });
    if (!machineIdentifier) throw wrongApp(this.instance, undefined, '/identity names no machine');
    // /identity needs no token; reading the libraries makes a wrong token visible.
    await this.sections();
    return { version };
  }

  sections(): Promise<PlexSection[]> {
    return this.get('library list', '/library/sections/all', mapSections);
  }

  async scanSection(key: string): Promise<void> {
    // The refresh answers 200 with an empty or tiny body; nothing in it is needed.
    await this.write('GET', `/library/sections/${encodeURIComponent(key)}/refresh`);
  }

  recentlyAdded(opts: { limit?: number } = {}): Promise<PlexItem[]> {
    return this.get('recently added list', '/library/recentlyAdded', mapItems, {
      'X-Plex-Container-Start': 0,
      'X-Plex-Container-Size': opts.limit ?? 50,
    });
  }

  sessions(): Promise<PlexSession[]> {
    return this.get('session list', '/status/sessions', mapSessions);
  }

  search(query: string): Promise<PlexItem[]> {
    return this.get('search result', '/hubs/search', mapSearch, { query, limit: 10 });
  }

  preferences(): Promise<PlexSetting[]> {
    return this.get('preferences', '/:/prefs', mapSettings);
  }

  async setPreferences(values: Record<string, PlexPreferenceValue>): Promise<void> {
    const query: Record<string, QueryValue> = {};
    for (const [k, v] of Object.entries(values)) query[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    await this.write('PUT', '/:/prefs', query);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
