import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

describe('audit cursor', () => {
  it('round-trips the position of the last row', () => {
    const cursor = { at: '2026-11-25 21:00:00.123456+00', id: '42' };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it('refuses anything it did not produce', () => {
    for (const raw of ['', 'abc', Buffer.from('x|1').toString('base64url'), Buffer.from("2026-11-25 21:00:00+00|1' OR 1=1").toString('base64url')]) {
      expect(decodeAuditCursor(raw)).toBeNull();
    }
  });
});
