import { decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor';
import { parsePgArray } from './pg-array';

describe('SQL helpers', () => {
  it('reads PostgreSQL array text and arrays alike', () => {
    expect(parsePgArray('{government,academia}')).toEqual(['government', 'academia']);
    expect(parsePgArray('{}')).toEqual([]);
    expect(parsePgArray(['a', 'b'])).toEqual(['a', 'b']);
    expect(parsePgArray(null)).toEqual([]);
  });

  it('round-trips offsets and ignores foreign cursors', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(48))).toBe(48);
    expect(decodeOffsetCursor('garbage')).toBe(0);
    expect(decodeOffsetCursor(undefined)).toBe(0);
  });
});
