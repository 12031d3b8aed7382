import { UN_REGIONS } from '@doorway/contracts';
import { UI_LANGUAGE_CODES } from './languages';
import { placeName } from './place-names';

/** Intl as in Debian's Chromium: countries are named, UN M49 regions come back unknown. */
function withoutM49Names(): jest.SpyInstance {
  const RealDisplayNames = Intl.DisplayNames;
  return jest.spyOn(Intl, 'DisplayNames').mockImplementation((locales, options) => {
    const real = new RealDisplayNames(locales, options);
    return Object.assign(Object.create(RealDisplayNames.prototype) as Intl.DisplayNames, {
      of: (code: string) => (/^\d{3}$/.test(code) ? (options.fallback === 'none' ? undefined : code) : real.of(code)),
      resolvedOptions: () => real.resolvedOptions(),
    });
  });
}

describe('placeName', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names countries and UN regions in each interface language', () => {
    expect(placeName('150', 'en')).toBe('Europe');
    expect(placeName('KE', 'en')).toBe('Kenya');
    expect(placeName('202', 'fr')).toBe('Afrique subsaharienne');
    expect(placeName('419', 'es')).toBe('América Latina y el Caribe');
    expect(placeName('002', 'ar')).toBe('أفريقيا');
    expect(placeName('KE', 'fr')).toBe('Kenya');
    expect(placeName('MX', 'es')).toBe('México');
  });

  it('names UN regions even where the browser cannot (it answered "150" for Europe)', () => {
    withoutM49Names();
    for (const language of UI_LANGUAGE_CODES) {
      for (const code of Object.keys(UN_REGIONS)) {
        const name = placeName(code, language);
        expect(name).not.toBe(code);
        expect(name).not.toMatch(/\d/);
      }
    }
    expect(placeName('150', 'fr')).toBe('Europe');
    expect(placeName('NG', 'fr')).toBe('Nigeria');
  });

  it('gives an unknown code back as it was, and nothing for nothing', () => {
    expect(placeName('QQ', 'fr')).toBe('QQ');
    expect(placeName('', 'es')).toBe('');
  });
});
