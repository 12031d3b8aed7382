import { acceptedLanguages } from '@doorway/contracts';
import { formatList, formatShortList, initialLanguage, localeOf } from './languages';

describe('acceptedLanguages', () => {
  it('lists the tags of an Accept-Language header by weight, ties in the order given', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(acceptedLanguages('en;q=0.5, ar-EG')).toEqual(['ar-EG', 'en']);
    expect(acceptedLanguages('es;q=0.8,fr;q=0.8')).toEqual(['es', 'fr']);
  });

  it('leaves out refused tags and reads a missing or empty header as no preference', () => {
    expect(acceptedLanguages('fr;q=0, es')).toEqual(['es']);
    expect(acceptedLanguages(null)).toEqual([]);
    expect(acceptedLanguages('')).toEqual([]);
  });

  it('gives the server the same start language the browser would choose', () => {
    expect(initialLanguage(null, acceptedLanguages('de-DE, ar;q=0.9, en;q=0.8'))).toBe('ar');
    expect(initialLanguage(null, acceptedLanguages('de-DE'))).toBe('en');
  });
});

describe('formatShortList', () => {
  const counts = ['2 government', '1 academia', '4 civil society'];

  it('keeps English as it was, commas only', () => {
    expect(formatShortList(counts, localeOf('en'))).toBe('2 government, 1 academia, 4 civil society');
    expect(formatShortList(['¶ 7'], localeOf('en'))).toBe('¶ 7');
  });

  it('writes each language its own way: the Arabic comma and "و", never a Latin comma between Arabic words', () => {
    const arabic = formatShortList(['٢ حكومة', '١ أوساط أكاديمية', '٤ مجتمع مدني'], localeOf('ar'));
    expect(arabic).toContain('،');
    expect(arabic).toContain('و');
    expect(arabic).not.toContain(', ');
    expect(formatShortList(['2 gouvernement', '1 milieu universitaire'], localeOf('fr'))).toBe('2 gouvernement et 1 milieu universitaire');
  });

  it('keeps the short list and the sentence list apart though both formatters are kept per locale', () => {
    expect(formatList(['4', '12', '30'], localeOf('en'))).toBe('4, 12 and 30');
    expect(formatShortList(['4', '12', '30'], localeOf('en'))).toBe('4, 12, 30');
    expect(formatList(['4', '12', '30'], localeOf('en'))).toBe('4, 12 and 30');
    expect(formatList(['4', '12'], localeOf('fr'))).toBe('4 et 12');
  });
});
