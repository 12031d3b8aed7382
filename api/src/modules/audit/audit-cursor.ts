/** An opaque keyset cursor over the audit log: the (at, id) of the last row of a page. */
export interface AuditCursor {
  at: string;
  id: string;
}

/** PostgreSQL's text form of a timestamptz, kept to the microsecond. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** Null when the string is not a cursor this API could have produced. */
export function decodeAuditCursor(raw: string): AuditCursor | null {
  const [at, id, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !at || !id || !/^\d{1,18}$/.test(id) || !TIMESTAMP.test(at)) return null;
  return { at, id };
}
