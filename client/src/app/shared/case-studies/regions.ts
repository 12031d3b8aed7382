import { UN_REGIONS, isKnownRegion, regionName } from '@doorway/contracts';

export interface RegionOption {
  /** ISO 3166-1 alpha-2 (`KE`) or UN M49 (`002`). */
  code: string;
  name: string;
  kind: 'region' | 'country';
}

/** CLDR knows these two-letter codes, but they are not places a story happens in. */
const NOT_PLACES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

let cached: RegionOption[] | null = null;

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

/** The UN regions, then every current country, by name. Built once, on first use. */
export function regionOptions(): RegionOption[] {
  if (cached) return cached;
  const regions: RegionOption[] = Object.entries(UN_REGIONS).map(([code, name]) => ({ code, name, kind: 'region' }));
  const countries: RegionOption[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_PLACES.has(code) || canonicalCountryCode(code) !== code || !isKnownRegion(code)) continue;
      countries.push({ code, name: regionName(code), kind: 'country' });
    }
  }
  countries.sort((x, y) => x.name.localeCompare(y.name, 'en'));
  cached = [...regions, ...countries];
  return cached;
}

/**
 * The region code a person meant: a two-letter country code (any case), a three-digit UN code,
 * a name exactly as offered ("Kenya", "europe"), or an offered option's text ("Kenya (KE)").
 * Null when nothing matches.
 */
export function resolveRegion(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  const upper = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) {
    const code = canonicalCountryCode(upper);
    return isKnownRegion(code) ? code : null;
  }
  if (/^\d{3}$/.test(value)) return value in UN_REGIONS ? value : null;
  const inParentheses = /\((?:UN region )?([A-Za-z]{2}|\d{3})\)\s*$/i.exec(value);
  if (inParentheses?.[1]) return resolveRegion(inParentheses[1]);
  const wanted = fold(value);
  return regionOptions().find((option) => fold(option.name) === wanted)?.code ?? null;
}

/** Options for the autocomplete: codes that start with, then names that start with, then names that contain the text. */
export function matchRegions(text: string, limit = 40): RegionOption[] {
  const wanted = fold(text);
  const options = regionOptions();
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
export function regionOptionText(option: RegionOption): string {
  return option.kind === 'region' ? `${option.name} (UN region ${option.code})` : `${option.name} (${option.code})`;
}
