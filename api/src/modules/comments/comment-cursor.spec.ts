import { decodeCursor, encodeCursor } from './comment-cursor';

describe('comment cursor', () => {
  const cursor = { createdAt: '2016-11-02 10:15:00.123456+00', id: '2f1c5a0e-5d5b-4a0b-9b7e-0a1d2c3b4a59' };

  it('round-trips the keyset position', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('rejects strings it did not produce', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('yesterday|abc').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(`${cursor.createdAt}|${cursor.id}|x`).toString('base64url'))).toBeNull();
  });
});
