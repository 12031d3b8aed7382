import { UN_REGIONS, regionName } from '@doorway/contracts';
import type { UnRegionCode } from '@doorway/contracts';
import { localeOf } from './languages';
import type { UiLanguage } from './languages';

/**
 * The UN M49 regions a case study may name, in each interface language other than English (whose
 * names are the contracts' own, as printed by the API and the exports). They are kept here, not
 * asked of Intl: a browser's ICU data may lack them (Debian's Chromium names 419 but answers "150"
 * for 150, Europe), while it names every country.
 */
const UN_REGION_NAMES: Readonly<Record<Exclude<UiLanguage, 'en'>, Readonly<Record<UnRegionCode, string>>>> = {
  es: {
    '001': 'Mundo',
    '002': 'África',
    '019': 'Américas',
    '142': 'Asia',
    '150': 'Europa',
    '009': 'Oceanía',
    '419': 'América Latina y el Caribe',
    '021': 'América septentrional',
    '015': 'África septentrional',
    '202': 'África subsahariana',
    '145': 'Asia occidental',
    '034': 'Asia meridional',
    '035': 'Asia sudoriental',
    '030': 'Asia oriental',
    '143': 'Asia central',
  },
  fr: {
    '001': 'Monde',
    '002': 'Afrique',
    '019': 'Amériques',
    '142': 'Asie',
    '150': 'Europe',
    '009': 'Océanie',
    '419': 'Amérique latine et Caraïbes',
    '021': 'Amérique septentrionale',
    '015': 'Afrique du Nord',
    '202': 'Afrique subsaharienne',
    '145': 'Asie occidentale',
    '034': 'Asie du Sud',
    '035': 'Asie du Sud-Est',
    '030': 'Asie de l’Est',
    '143': 'Asie centrale',
  },
  ar: {
    '001': 'العالم',
    '002': 'أفريقيا',
    '019': 'الأمريكتان',
    '142': 'آسيا',
    '150': 'أوروبا',
    '009': 'أوقيانوسيا',
    '419': 'أمريكا اللاتينية والبحر الكاريبي',
    '021': 'أمريكا الشمالية',
    '015': 'شمال أفريقيا',
    '202': 'أفريقيا جنوب الصحراء الكبرى',
    '145': 'غرب آسيا',
    '034': 'جنوب آسيا',
    '035': 'جنوب شرق آسيا',
    '030': 'شرق آسيا',
    '143': 'آسيا الوسطى',
  },
};

const countryNames = new Map<UiLanguage, Intl.DisplayNames | null>();

function displayNames(language: UiLanguage): Intl.DisplayNames | null {
  if (!countryNames.has(language)) {
    let names: Intl.DisplayNames | null = null;
    try {
      // fallback "none": an unknown code comes back undefined, not as itself.
      names = new Intl.DisplayNames([localeOf(language)], { type: 'region', fallback: 'none' });
    } catch {
      // Without Intl region names, the English ones still name the place.
    }
    countryNames.set(language, names);
  }
  return countryNames.get(language) ?? null;
}

const isUnRegion = (code: string): code is UnRegionCode => code in UN_REGIONS;

/** A country (ISO 3166-1 alpha-2) or UN M49 region by its name in `language`; the code if unknown. */
export function placeName(code: string, language: UiLanguage): string {
  if (!code) return '';
  if (language === 'en') return regionName(code);
  if (isUnRegion(code)) return UN_REGION_NAMES[language][code];
  try {
    return displayNames(language)?.of(code) ?? regionName(code);
  } catch {
    // A malformed code (Intl throws on it) is shown as it was given.
    return code;
  }
}
