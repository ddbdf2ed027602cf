// The Supervisor's rules for an app's config.yaml, written down from its validator
// (supervisor/apps/validate.py and supervisor/apps/options.py) so the tests can apply them without Python.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const readText = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
export const readBytes = (rel: string) => fs.readFileSync(path.join(ROOT, rel));
export const readYaml = <T = Record<string, unknown>>(rel: string) => parse(readText(rel)) as T;

/** One schema element: a type, optional bounds, optional trailing "?" (options.py RE_SCHEMA_ELEMENT). */
export const SCHEMA_ELEMENT = new RegExp(
  '^(?:' +
    [
      'bool',
      'email',
      'url',
      'port',
      'device(?:\\((?<filter>subsystem=[a-z]+)\\))?',
      'str(?:\\((?<sMin>\\d+)?,(?<sMax>\\d+)?\\))?',
      'password(?:\\((?<pMin>\\d+)?,(?<pMax>\\d+)?\\))?',
      'int(?:\\((?<iMin>-?\\d+)?,(?<iMax>-?\\d+)?\\))?',
      'float(?:\\((?<fMin>-?\\d*\\.?\\d+)?,(?<fMax>-?\\d*\\.?\\d+)?\\))?',
      'match\\((?<match>.*)\\)',
      'list\\((?<list>.+)\\)',
    ].join('|') +
    ')\\??$',
);

export const ARCH_ALLOWED = ['aarch64', 'amd64'];
/** Still accepted by the validator, but deprecated; AutoArr must not use them. */
export const ARCH_DEPRECATED = ['armhf', 'armv7', 'i386'];
export const REQUIRED_KEYS = ['name', 'version', 'slug', 'description', 'arch'];
export const SLUG = /^[-_.A-Za-z0-9]+$/;
export const SERVICE = /^(mqtt|mysql):(provide|want|need)$/;
export const WATCHDOG = /^(?:https?|\[PROTO:\w+\]|tcp):\/\/\[HOST\]:(\[PORT:\d+\]|\d+).*$/;
export const PORT_KEY = /^\d+\/(tcp|udp)$/;
export const STARTUP = ['initialize', 'system', 'services', 'application', 'once'];

export type SchemaNode = string | SchemaNode[] | { [key: string]: SchemaNode };

/**
 * Problems with one schema node: an element string, a list holding one node, or a dict of nodes (nesting depth
 * at most 2, as the Supervisor allows).
 */
export function schemaProblems(node: SchemaNode, at: string, depth = 0): string[] {
  if (typeof node === 'string') return SCHEMA_ELEMENT.test(node) ? [] : [`${at}: "${node}" is not a schema type`];
  if (Array.isArray(node)) {
    if (node.length !== 1) return [`${at}: a list schema holds exactly one element`];
    return schemaProblems(node[0]!, `${at}[]`, depth + 1);
  }
  if (node && typeof node === 'object') {
    if (depth > 2) return [`${at}: nested deeper than the Supervisor allows`];
    return Object.entries(node).flatMap(([k, v]) => schemaProblems(v, `${at}.${k}`, depth + 1));
  }
  return [`${at}: unsupported schema node`];
}

/** Whether a value satisfies a schema element (the subset of types AutoArr uses, checked like the Supervisor). */
export function valueProblems(element: string, value: unknown, at: string): string[] {
  const m = SCHEMA_ELEMENT.exec(element);
  if (!m) return [`${at}: bad element ${element}`];
  const g = m.groups ?? {};
  const base = element.replace(/\?$/, '');
  const fail = (why: string) => [`${at}: ${JSON.stringify(value)} ${why} (${element})`];
  if (base === 'bool') return typeof value === 'boolean' ? [] : fail('is not a bool');
  if (base.startsWith('int')) {
    if (typeof value !== 'number' || !Number.isInteger(value)) return fail('is not an int');
    if (g.iMin !== undefined && value < Number(g.iMin)) return fail('is below the minimum');
    if (g.iMax !== undefined && value > Number(g.iMax)) return fail('is above the maximum');
    return [];
  }
  if (base.startsWith('str') || base.startsWith('password')) {
    if (typeof value !== 'string') return fail('is not a string');
    const min = g.sMin ?? g.pMin;
    const max = g.sMax ?? g.pMax;
    if (min !== undefined && value.length < Number(min)) return fail('is too short');
    if (max !== undefined && value.length > Number(max)) return fail('is too long');
    return [];
  }
  if (base === 'url') return typeof value === 'string' && /^https?:\/\/\S+$/.test(value) ? [] : fail('is not a URL');
  if (g.match !== undefined) return new RegExp(g.match).test(String(value)) ? [] : fail('does not match');
  if (g.list !== undefined) return g.list.split('|').includes(String(value)) ? [] : fail('is not in the list');
  return [];
}
