// The cards' words, keyed by Home Assistant's language (hass.language) with English as the fallback. A missing
// key in a language falls back to English too, so a partial translation never shows a key.
import type { HomeAssistant } from './hass.js';

const en = {
  downloads: 'Downloads',
  active: '{n} active',
  offline: 'AutoArr is offline',
  offline_short: 'offline',
  retry_stalled: 'Retry stalled ({n})',
  nothing: 'Nothing downloading.',
  no_data: 'No data while AutoArr is offline.',
  more: '+ {n} more',
  left: '{v} left',
  eta: 'ETA {v}',
  replace: 'Replace…',
  replace_confirm: 'Replace',
  cancel: 'Cancel',
  replace_title: 'Replace {name}?',
  replace_body:
    'AutoArr removes this release{done} from {app} and the download client, deletes what was downloaded, blocklists the release and asks {app} to search for another one.',
  replace_done: ' ({p} % downloaded)',
  replace_sent: 'Asked AutoArr to replace {name}.',
  not_found:
    '{id} was not found. Check that the AutoArr add-on is running and connected to MQTT, or pick the AutoArr "Downloads" sensor in the card editor.',
  needs_attention: 'Needs attention',
  stalled_n: '{n} stalled',
  all_good: 'All good',
  audit_score: 'Audit score',
  connected: 'connected',
  not_connected: 'not connected',
  unknown: 'unknown',
  health_issues: '{n} health issue(s)',
  auto_recovery: 'Automatic recovery',
  no_entities:
    'No AutoArr entities with the prefix "{prefix}". Check that the add-on is running and connected to MQTT, or set the prefix in the card editor.',
};

export type StringKey = keyof typeof en;

const de: Partial<Record<StringKey, string>> = {
  downloads: 'Downloads',
  active: '{n} aktiv',
  offline: 'AutoArr ist offline',
  offline_short: 'offline',
  retry_stalled: 'Hängende neu versuchen ({n})',
  nothing: 'Nichts wird heruntergeladen.',
  no_data: 'Keine Daten, solange AutoArr offline ist.',
  more: '+ {n} weitere',
  left: 'noch {v}',
  eta: 'fertig in {v}',
  replace: 'Ersetzen…',
  replace_confirm: 'Ersetzen',
  cancel: 'Abbrechen',
  replace_title: '{name} ersetzen?',
  replace_body:
    'AutoArr entfernt dieses Release{done} aus {app} und dem Download-Client, löscht das bereits Geladene, setzt das Release auf die Sperrliste und lässt {app} nach einem anderen suchen.',
  replace_done: ' ({p} % geladen)',
  replace_sent: 'AutoArr ersetzt {name}.',
  needs_attention: 'Braucht Aufmerksamkeit',
  stalled_n: '{n} hängen',
  all_good: 'Alles gut',
  audit_score: 'Prüfergebnis',
  connected: 'verbunden',
  not_connected: 'nicht verbunden',
  unknown: 'unbekannt',
  health_issues: '{n} Problem(e)',
  auto_recovery: 'Automatische Wiederherstellung',
};

const fr: Partial<Record<StringKey, string>> = {
  downloads: 'Téléchargements',
  active: '{n} actifs',
  offline: 'AutoArr est hors ligne',
  offline_short: 'hors ligne',
  nothing: 'Aucun téléchargement.',
  more: '+ {n} de plus',
  left: '{v} restants',
  replace: 'Remplacer…',
  replace_confirm: 'Remplacer',
  cancel: 'Annuler',
  replace_title: 'Remplacer {name} ?',
  needs_attention: 'À vérifier',
  all_good: 'Tout va bien',
  audit_score: "Score d'audit",
  connected: 'connecté',
  not_connected: 'non connecté',
  unknown: 'inconnu',
  auto_recovery: 'Récupération automatique',
};

const TABLES: Record<string, Partial<Record<StringKey, string>>> = { en, de, fr };

/** The string for the user's language ("de-CH" falls back to "de", then to English), with {placeholders} filled. */
export function t(
  hass: Pick<HomeAssistant, 'language'> | undefined,
  key: StringKey,
  vars: Record<string, string | number> = {},
): string {
  const lang = (hass?.language ?? 'en').toLowerCase();
  const table = TABLES[lang] ?? TABLES[lang.split('-')[0]!] ?? en;
  const text = table[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
