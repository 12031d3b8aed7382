/**
 * The language a contribution was written in, as a short BCP 47 tag: a primary language subtag
 * ("en", "fr", "ar", "sw", "fil"), optionally a script ("zh-Hant") and a region ("pt-BR", "es-419").
 * Contributions keep it whatever the reader's interface language, so that `lang` attributes and the
 * exports tell assistive technology and translators what they are reading.
 */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;
export const LANGUAGE_TAG_MAX_LENGTH = 35;
/** What rows written before languages were recorded carry, and what a request without one gets. */
export const DEFAULT_CONTENT_LANGUAGE = 'en';

export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && value.length <= LANGUAGE_TAG_MAX_LENGTH && LANGUAGE_TAG_PATTERN.test(value);
}

/**
 * The language tags of an Accept-Language header, most wanted first ("fr-CH, fr;q=0.9, en;q=0.8").
 * Tags weighted q=0 are refused, so they are left out. Shared: the client's server rendering picks
 * the interface language from it, and the API keys its rendered pages by it.
 */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}
