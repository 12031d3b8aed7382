/**
 * An opaque cursor for lists that page by offset (small, filtered lists such as the gallery and
 * the triage queue; the large comment threads page by keyset instead).
 */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** 0 for no cursor or one this API did not produce. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : 0;
}
