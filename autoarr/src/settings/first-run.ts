// What a person starting AutoArr for the first time needs to read in the log: where the data goes (and a clear
// error when that folder cannot be written), that no app is configured yet, and how to get the API token for
// browsers on other computers. The token itself is never logged; `autoarr token` prints it on request.
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from './settings.js';

/** The command that prints the token where this AutoArr runs. */
export const TOKEN_COMMAND = 'node dist/autoarr/src/cli.js token';

/** A problem line when the database's folder cannot be created or written, else undefined. */
export function dataDirProblem(s: Pick<Settings, 'dataDir' | 'databasePath'>): string | undefined {
  if (s.databasePath === ':memory:') return undefined;
  const dir = path.dirname(path.resolve(s.databasePath));
  const setting = path.resolve(s.dataDir) === dir ? 'DATA_DIR' : 'DATABASE_URL';
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : code === 'ENOTDIR'
            ? 'part of the path is a file, not a folder'
            : (code ?? 'unknown error');
    return (
      `${setting}: AutoArr cannot write its database folder "${dir}" (${why}). Set ${setting} to a folder this ` +
      `user can write, e.g. DATA_DIR=./data, or give this user write access to "${dir}"`
    );
  }
}

/** Docker and Podman leave these files in every container; outside one, loopback is the person's own computer. */
export const inContainer = (): boolean => fs.existsSync('/.dockerenv') || fs.existsSync('/run/.containerenv');

/** Who needs the token and how to get it, true for where AutoArr runs; never the token itself. */
export function tokenNote(s: Pick<Settings, 'apiToken' | 'port'>, container: boolean): string {
  const how = s.apiToken
    ? 'the AUTOARR_API_TOKEN you set'
    : container
      ? `the API token: print it with "docker exec <container> ${TOKEN_COMMAND}", or set your own with AUTOARR_API_TOKEN`
      : `the API token: print it with "${TOKEN_COMMAND}", or set your own with AUTOARR_API_TOKEN`;
  return container
    ? `In a container only programs inside it count as this computer, so browsers and assistants (on the Docker ` +
        `host too, unless the container uses the host's network) need ${how}`
    : `A browser on this computer opens http://localhost:${s.port} without a token; other computers, and ` +
        `anything relayed by a reverse proxy or tunnel, need ${how}`;
}

export interface Note {
  level: 'info' | 'warn';
  message: string;
}

export function firstRunNotes(s: Settings): Note[] {
  const notes: Note[] = [];
  if (s.mode === 'demo') return notes;
  if (s.instances.length === 0) {
    notes.push({
      level: 'warn',
      message:
        s.mode === 'addon'
          ? "No app is configured, so AutoArr has nothing to watch: open the add-on's Configuration tab and fill in the URL and API key of SABnzbd, Sonarr, Radarr and/or Plex (sabnzbd_url + sabnzbd_api_key, …), then restart it"
          : 'No app is configured, so AutoArr has nothing to watch: set SABNZBD_URL + SABNZBD_API_KEY, SONARR_URL + SONARR_API_KEY, RADARR_URL + RADARR_API_KEY and/or PLEX_URL + PLEX_TOKEN, then restart it',
    });
  }
  if (s.mode === 'container') notes.push({ level: 'info', message: tokenNote(s, inContainer()) });
  notes.push({ level: 'info', message: `Data is kept in ${path.resolve(s.databasePath)}` });
  return notes;
}
