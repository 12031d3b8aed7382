import { UN_REGIONS, isKnownRegion } from '@doorway/contracts';
import { placeName } from '../core/i18n/place-names';
import { DEFAULT_LANGUAGE, UI_LANGUAGE_CODES, localeOf } from '../core/i18n/languages';
import type { Translate, UiLanguage } from '../core/i18n/languages';

export interface RegionOption {
  /** ISO 3166-1 alpha-2 (`KE`) or UN M49 (`002`). */
  code: string;
  /** In the interface language the options were built for. */
  name: string;
  kind: 'region' | 'country';
}

/** CLDR knows these two-letter codes, but they are not places a story happens in. */
const NOT_PLACES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

const cached = new Map<UiLanguage, RegionOption[]>();

/** A deprecated code (UK, ZR, BU…) in its current form (GB, CD, MM…); unknown codes unchanged. */
export function canonicalCountryCode(code: string): string {
  try {
    return new Intl.Locale(`und-${code}`).region ?? code;
  } catch {
    return code;
  }
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** The UN regions, then every current country, by name in `language`. Built once per language, on first use. */
export function regionOptions(language: UiLanguage = DEFAULT_LANGUAGE): RegionOption[] {
  const known = cached.get(language);
  if (known) return known;
  const regions: RegionOption[] = Object.keys(UN_REGIONS).map((code) => ({ code, name: placeName(code, language), kind: 'region' }));
  const countries: RegionOption[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_PLACES.has(code) || canonicalCountryCode(code) !== code || !isKnownRegion(code)) continue;
      countries.push({ code, name: placeName(code, language), kind: 'country' });
    }
  }
  countries.sort((x, y) => x.name.localeCompare(y.name, localeOf(language)));
  const options = [...regions, ...countries];
  cached.set(language, options);
  return options;
}

/**
 * The region code a person meant: a two-letter country code (any case), a three-digit UN code,
 * a name exactly as offered ("Kenya", "europe"), or an offered option's text ("Kenya (KE)").
 * Names are looked up in `language` first, then in the other interface languages, so what was
 * typed before a language switch still counts. Null when nothing matches.
 */
export function resolveRegion(text: string, language: UiLanguage = DEFAULT_LANGUAGE): string | null {
  const value = text.trim();
  if (value === '') return null;
  const upper = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) {
    const code = canonicalCountryCode(upper);
    return isKnownRegion(code) ? code : null;
  }
  if (/^\d{3}$/.test(value)) return value in UN_REGIONS ? value : null;
  // "Kenya (KE)", or a UN region's option text in any language ("Afrique (région ONU 002)").
  const inParentheses = /\((?:[^()]*\s)?([A-Za-z]{2}|\d{3})\)\s*$/i.exec(value);
  if (inParentheses?.[1]) return resolveRegion(inParentheses[1]);
  const wanted = fold(value);
  for (const code of [language, ...UI_LANGUAGE_CODES.filter((other) => other !== language)]) {
    const found = regionOptions(code).find((option) => fold(option.name) === wanted);
    if (found) return found.code;
  }
  return null;
}

/** Options for the autocomplete: codes that start with, then names that start with, then names that contain the text. */
export function matchRegions(text: string, limit = 40, language: UiLanguage = DEFAULT_LANGUAGE): RegionOption[] {
  const wanted = fold(text);
  const options = regionOptions(language);
  if (wanted === '') return options.slice(0, limit);
  const upper = text.trim().toUpperCase();
  const byCode: RegionOption[] = [];
  const byStart: RegionOption[] = [];
  const byWord: RegionOption[] = [];
  for (const option of options) {
    const name = fold(option.name);
    if (option.code === upper) byCode.push(option);
    else if (name.startsWith(wanted)) byStart.push(option);
    else if (name.includes(wanted)) byWord.push(option);
  }
  return [...byCode, ...byStart, ...byWord].slice(0, limit);
}

/** "Kenya (KE)", "Africa (UN region 002)". */
export function regionOptionText(option: RegionOption, t: Translate): string {
  return t(option.kind === 'region' ? 'caseStudyForm.unRegionOption' : 'caseStudyForm.countryOption', { name: option.name, code: option.code });
}

/** Every current country (no UN regions), by name in `language`: a person's country when they register. */
export function countryOptions(language: UiLanguage = DEFAULT_LANGUAGE): RegionOption[] {
  return regionOptions(language).filter((option) => option.kind === 'country');
}

/** The country code a person meant ("Mexico", "méxico", "mx", "Mexico (MX)"), or null; never a UN region. */
export function resolveCountry(text: string, language: UiLanguage = DEFAULT_LANGUAGE): string | null {
  const code = resolveRegion(text, language);
  return code !== null && /^[A-Z]{2}$/.test(code) ? code : null;
}

/** Autocomplete options for a country field: as matchRegions, without the UN regions. */
export function matchCountries(text: string, limit = 40, language: UiLanguage = DEFAULT_LANGUAGE): RegionOption[] {
  return matchRegions(text, Number.MAX_SAFE_INTEGER, language)
    .filter((option) => option.kind === 'country')
    .slice(0, limit);
}
