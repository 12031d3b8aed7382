import { acceptedLanguages } from '@doorway/contracts';
import { initialLanguage } from './languages';

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
