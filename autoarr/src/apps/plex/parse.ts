// Plex JSON (Accept: application/json) → AutoArr types. Every body is {"MediaContainer": {...}}; PMS leaves out
// empty child arrays, and some flags arrive as booleans or "0"/"1", so everything is read leniently here.
import { bool, num, obj, optArr, optStr, str, type Json } from '../common/shape.js';
import type { PlexIdentity, PlexItem, PlexSection, PlexSession, PlexSetting } from './types.js';

export function container(body: unknown): Json {
  return obj(obj(body, 'body').MediaContainer, 'MediaContainer');
}

export function mapIdentity(body: unknown): PlexIdentity {
  const c = container(body);
  return {
    machineIdentifier: optStr(c.machineIdentifier),
    version: str(c.version, 'MediaContainer.version'),
    claimed: bool(c.claimed),
  };
}

export function mapSections(body: unknown): PlexSection[] {
  return optArr(container(body).Directory, 'MediaContainer.Directory').map((d, i) => {
    const s = obj(d, `Directory[${i}]`);
    const section: PlexSection = {
      key: str(s.key, `Directory[${i}].key`),
      title: optStr(s.title),
      type: optStr(s.type),
      agent: optStr(s.agent),
      scanner: optStr(s.scanner),
      refreshing: bool(s.refreshing),
      locations: optArr(s.Location, `Directory[${i}].Location`)
        .map((l) => (l && typeof l === 'object' ? optStr((l as Json).path) : ''))
        .filter(Boolean),
    };
    if (typeof s.scannedAt === 'number') section.scannedAt = s.scannedAt;
    if (typeof s.updatedAt === 'number') section.updatedAt = s.updatedAt;
    return section;
  });
}

export function mapItem(v: unknown, where: string): PlexItem {
  const m = obj(v, where);
  const item: PlexItem = {
    ratingKey: optStr(m.ratingKey),
    key: optStr(m.key),
    title: optStr(m.title),
    type: optStr(m.type),
    addedAt: num(m.addedAt),
  };
  if (typeof m.year === 'number') item.year = m.year;
  if (typeof m.grandparentTitle === 'string') item.grandparentTitle = m.grandparentTitle;
  if (typeof m.parentIndex === 'number') item.parentIndex = m.parentIndex;
  if (typeof m.index === 'number') item.index = m.index;
  if (m.librarySectionID !== undefined && m.librarySectionID !== null)
    item.librarySectionId = optStr(m.librarySectionID);
  if (typeof m.librarySectionTitle === 'string') item.librarySectionTitle = m.librarySectionTitle;
  if (typeof m.guid === 'string') item.guid = m.guid;
  return item;
}

export function mapItems(body: unknown): PlexItem[] {
  return optArr(container(body).Metadata, 'MediaContainer.Metadata').map((m, i) => mapItem(m, `Metadata[${i}]`));
}

export function mapSessions(body: unknown): PlexSession[] {
  return optArr(container(body).Metadata, 'MediaContainer.Metadata').map((v, i) => {
    const m = obj(v, `Metadata[${i}]`);
    const user = m.User && typeof m.User === 'object' ? (m.User as Json) : {};
    const player = m.Player && typeof m.Player === 'object' ? (m.Player as Json) : {};
    const session = m.Session && typeof m.Session === 'object' ? (m.Session as Json) : {};
    const out: PlexSession = {
      ...mapItem(m, `Metadata[${i}]`),
      user: optStr(user.title),
      player: {
        title: optStr(player.title),
        product: optStr(player.product),
        platform: optStr(player.platform),
        state: optStr(player.state),
        local: bool(player.local),
      },
    };
    if (typeof session.location === 'string') out.location = session.location;
    if (typeof session.bandwidth === 'number') out.bandwidthKbps = session.bandwidth;
    return out;
  });
}

/** /hubs/search answers hubs per type; AutoArr wants one flat list of matches. */
export function mapSearch(body: unknown): PlexItem[] {
  const out: PlexItem[] = [];
  optArr(container(body).Hub, 'MediaContainer.Hub').forEach((h, i) => {
    const hub = obj(h, `Hub[${i}]`);
    optArr(hub.Metadata, `Hub[${i}].Metadata`).forEach((m, j) => out.push(mapItem(m, `Hub[${i}].Metadata[${j}]`)));
  });
  return out;
}

const settingValue = (v: unknown): string | number | boolean =>
  typeof v === 'boolean' || typeof v === 'number' ? v : optStr(v);

export function mapSettings(body: unknown): PlexSetting[] {
  return optArr(container(body).Setting, 'MediaContainer.Setting').map((v, i) => {
    const s = obj(v, `Setting[${i}]`);
    return {
      id: str(s.id, `Setting[${i}].id`),
      label: optStr(s.label),
      summary: optStr(s.summary),
      type: optStr(s.type),
      value: settingValue(s.value),
      default: settingValue(s.default),
      group: optStr(s.group),
      hidden: bool(s.hidden),
      advanced: bool(s.advanced),
    };
  });
}
