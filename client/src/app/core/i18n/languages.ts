/** The interface languages. Each is named in itself in the switcher, as people look for their own. */
export const UI_LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr', locale: 'en-GB' },
  { code: 'es', name: 'Español', dir: 'ltr', locale: 'es-ES' },
  { code: 'fr', name: 'Français', dir: 'ltr', locale: 'fr-FR' },
  { code: 'ar', name: 'العربية', dir: 'rtl', locale: 'ar' },
] as const;

export type UiLanguage = (typeof UI_LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';
/**
 * Translates a key in the active language (LanguageService.t). Plain functions that build sentences
 * take one, so they stay testable without Angular and follow the language the page shows.
 */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export const DEFAULT_LANGUAGE: UiLanguage = 'en';
export const UI_LANGUAGE_CODES: readonly UiLanguage[] = UI_LANGUAGES.map((language) => language.code);
/** Where the choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'doorway.language';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGE_CODES as readonly string[]).includes(value);
}

export function directionOf(language: UiLanguage): TextDirection {
  return UI_LANGUAGES.find((entry) => entry.code === language)?.dir ?? 'ltr';
}

/** The Intl locale used for dates and numbers in each interface language. */
export function localeOf(language: UiLanguage): string {
  return UI_LANGUAGES.find((entry) => entry.code === language)?.locale ?? 'en-GB';
}

/**
 * The language to start in: the one chosen on an earlier visit, else the first browser language we
 * have (matching "fr-CA" to "fr"), else English.
 */
export function initialLanguage(stored: string | null, browserLanguages: readonly string[]): UiLanguage {
  if (isUiLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * A list of counts or numbers as `locale` writes one ("2 government, 1 academia"; in Arabic with
 * its own comma and "و"). LanguageService.shortList is the same in the interface language.
 */
export function formatShortList(items: readonly string[], locale: string): string {
  return listFormat(locale, 'unit').format(items);
}

/** "A, B and C" as `locale` writes one ("A, B et C", "A وB وC"). */
export function formatList(items: readonly string[], locale: string): string {
  return listFormat(locale, 'conjunction').format(items);
}

/**
 * One formatter per locale and kind, made on first use. Building an Intl.ListFormat is far dearer
 * than formatting with one, and the document page formats a list for every paragraph's chips: about
 * 20 ms of its start under a 4× CPU slowdown when each call built its own.
 */
const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(locale: string, type: 'unit' | 'conjunction'): Intl.ListFormat {
  const key = `${locale} ${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(locale, type === 'unit' ? { type, style: 'short' } : { type });
    listFormats.set(key, format);
  }
  return format;
}
