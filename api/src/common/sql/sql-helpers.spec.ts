import { decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor';
import { parsePgArray } from './pg-array';
import { statementTexts } from './prepared';

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

  it('builds a statement text once per variant and hands out that same string', () => {
    let builds = 0;
    const text = statementTexts((notify: boolean) => {
      builds += 1;
      return `SELECT ${['a', 'b'].join(', ')} FROM t${notify ? ', pg_notify($1, $2)' : ''}`;
    });
    const first = text(false);
    expect(text(false)).toBe(first);
    expect(text(true)).toBe('SELECT a, b FROM t, pg_notify($1, $2)');
    expect(text(true)).toBe(text(true));
    expect(builds).toBe(2);
  });
});
