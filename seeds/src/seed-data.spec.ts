import { BPF_2016, checkSeedData } from './seed-data';
import { seedId } from './seed';

describe('seed data', () => {
  it('is consistent: keys unique, authors and paragraphs exist, quotes occur, replies point back', () => {
    expect(checkSeedData(BPF_2016)).toEqual([]);
  });

  it('catches a quote that is not in its paragraph and a reply to an unknown comment', () => {
    const [first] = BPF_2016.comments;
    if (!first) throw new Error('no comments');
    const broken = {
      ...BPF_2016,
      comments: [
        { ...first, key: 'x1', quote: { exact: 'not in the text at all', prefix: '', suffix: '' } },
        { ...first, key: 'x2', replyTo: 'nope' },
      ],
    };
    expect(checkSeedData(broken)).toEqual([
      `x1: the quote does not occur in ${first.paragraph}`,
      'x2: replies to nope, which does not come before it',
    ]);
  });

  it('derives stable ids from natural keys', () => {
    expect(seedId('user', 'a@b.c')).toBe(seedId('user', 'a@b.c'));
    expect(seedId('user', 'a@b.c')).not.toBe(seedId('comment', 'a@b.c'));
  });
});
