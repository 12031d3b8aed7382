/**
 * node-postgres parses arrays of built-in types, but arrays of our enums (and some aggregates)
 * arrive as PostgreSQL's text form `{a,b}`. Our values never contain commas, quotes or braces.
 */
export function parsePgArray<T extends string = string>(raw: readonly T[] | string | null | undefined): T[] {
  if (Array.isArray(raw)) return [...raw] as T[];
  if (typeof raw !== 'string') return [];
  const inner = raw.replace(/^\{|\}$/g, '');
  return (inner ? inner.split(',') : []) as T[];
}
