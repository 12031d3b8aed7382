import { parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    ['  "12" ', 12],
  ])('reads %s as lockVersion %s', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });

  it('tells a missing header from a malformed one', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    for (const bad of ['*', '"3', '3"', 'abc', '0', '-1', '"1", "2"', 'W/3x', '1.5']) expect(parseIfMatch(bad)).toBeNull();
  });
});
