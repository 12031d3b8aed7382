/** An opaque keyset cursor: the (created_at, id) of the last comment on a page. */
export interface CommentCursor {
  createdAt: string;
  id: string;
}

/** PostgreSQL's text form of a timestamptz, kept to the microsecond. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: CommentCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null when the string is not a cursor this API could have produced. */
export function decodeCursor(raw: string): CommentCursor | null {
  const decoded = Buffer.from(raw, 'base64url').toString('utf8');
  const [createdAt, id, extra] = decoded.split('|');
  if (extra !== undefined || !createdAt || !id || !UUID.test(id)) return null;
  if (!TIMESTAMP.test(createdAt)) return null;
  return { createdAt, id };
}
