/**
 * Reads the draft's lockVersion from an If-Match header: `"3"`, `3` or the weak `W/"3"`.
 * Undefined when there is no header; null when there is one but it is not a single lockVersion.
 */
export function parseIfMatch(header: string | string[] | undefined): number | null | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '') return undefined;
  const match = /^(?:W\/)?("?)([1-9]\d{0,8})\1$/.exec(value);
  return match ? Number(match[2]) : null;
}
