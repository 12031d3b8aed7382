import { unnamedSentence } from './wording';

describe('unnamedSentence', () => {
  it('agrees in number', () => {
    expect(unnamedSentence(1, true)).toBe('1 more contributor chose not to be named.');
    expect(unnamedSentence(3, true)).toBe('3 more contributors chose not to be named.');
  });

  it('words the count of unnamed contributors', () => {
    expect(unnamedSentence(0, true)).toBeNull();
    expect(unnamedSentence(1, true)).toBe('1 more contributor chose not to be named.');
    expect(unnamedSentence(3, true)).toBe('3 more contributors chose not to be named.');
    expect(unnamedSentence(2, false)).toBe('2 contributors chose not to be named.');
  });
});
