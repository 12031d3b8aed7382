import { testTranslate } from '../testing/transloco';
import fr from '../../../public/i18n/fr.json';
import { countryOptions, matchCountries, matchRegions, regionOptionText, regionOptions, resolveCountry, resolveRegion } from './regions';

describe('regions', () => {
  it('accepts a typed two-letter country code in any case', () => {
    expect(resolveRegion('KE')).toBe('KE');
    expect(resolveRegion(' ke ')).toBe('KE');
  });

  it('accepts a three-digit UN region code, and only the offered ones', () => {
    expect(resolveRegion('002')).toBe('002');
    expect(resolveRegion('999')).toBeNull();
  });

  it('accepts names as offered, without minding case or accents', () => {
    expect(resolveRegion('Kenya')).toBe('KE');
    expect(resolveRegion('europe')).toBe('150');
    expect(resolveRegion('Kenya (KE)')).toBe('KE');
  });

  it('turns deprecated codes into current ones and refuses unknown ones', () => {
    expect(resolveRegion('UK')).toBe('GB');
    expect(resolveRegion('QQ')).toBeNull();
    expect(resolveRegion('Atlantis')).toBeNull();
    expect(resolveRegion('')).toBeNull();
  });

  it('offers UN regions and current countries only (no EU, no pseudo-locales, no duplicates)', () => {
    const codes = regionOptions().map((option) => option.code);
    expect(codes).toEqual(expect.arrayContaining(['002', '150', 'KE', 'GB', 'CD']));
    for (const code of ['EU', 'UN', 'XA', 'UK', 'ZR']) expect(codes).not.toContain(code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('suggests the exact code first, then names that start with the text', () => {
    const matches = matchRegions('ke');
    expect(matches[0]?.code).toBe('KE');
    expect(matchRegions('ken').map((m) => m.code)).toContain('KE');
  });

  it('names places in the interface language, and understands a name typed in any of them', () => {
    const french = regionOptions('fr');
    expect(french.find((option) => option.code === '002')?.name).toBe('Afrique');
    expect(regionOptions('ar').find((option) => option.code === 'KE')?.name).toBe('كينيا');
    expect(matchRegions('alle', 40, 'fr').map((m) => m.code)).toContain('DE');
    expect(resolveRegion('Allemagne', 'fr')).toBe('DE');
    expect(resolveRegion('Allemagne')).toBe('DE');
    expect(resolveRegion('Kenia', 'es')).toBe('KE');
    const africa = french.find((option) => option.code === '002');
    const text = africa ? regionOptionText(africa, testTranslate('fr', fr)) : '';
    expect(text).toBe('Afrique (région de l’ONU 002)');
    expect(resolveRegion(text, 'fr')).toBe('002');
    expect(regionOptionText({ code: 'KE', name: 'Kenya', kind: 'country' }, testTranslate())).toBe('Kenya (KE)');
  });

  describe('countries (registration)', () => {
    it('reads a name typed in any interface language, or a code, as the country it names', () => {
      expect(resolveCountry('Mexico')).toBe('MX');
      expect(resolveCountry('méxico')).toBe('MX');
      expect(resolveCountry('Mexique', 'fr')).toBe('MX');
      expect(resolveCountry('mx')).toBe('MX');
      expect(resolveCountry('Mexico (MX)')).toBe('MX');
    });

    it('never reads a name as the code its first letters make (Mexico is not ME, Montenegro)', () => {
      expect(resolveCountry('Mexico')).not.toBe('ME');
      expect(resolveCountry('Me')).toBe('ME');
    });

    it('refuses UN regions, unknown places and empty text', () => {
      expect(resolveCountry('Africa')).toBeNull();
      expect(resolveCountry('002')).toBeNull();
      expect(resolveCountry('Narnia')).toBeNull();
      expect(resolveCountry('QQ')).toBeNull();
      expect(resolveCountry('  ')).toBeNull();
    });

    it('offers countries only', () => {
      expect(countryOptions().every((option) => option.kind === 'country')).toBe(true);
      expect(matchCountries('a').some((option) => option.kind === 'region')).toBe(false);
      expect(matchCountries('mexi').map((option) => option.code)).toEqual(['MX']);
    });
  });
});
