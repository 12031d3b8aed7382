/**
 * Languages offered for a contribution: the interface languages first, then the other official UN
 * languages and a few widely used at the IGF. Any valid tag is accepted by the API; these are the
 * choices of the form.
 */
export const CONTENT_LANGUAGE_CODES = ['en', 'es', 'fr', 'ar', 'zh', 'ru', 'pt', 'sw', 'hi', 'de'] as const;

/** A language named in itself ("Français", "العربية"), as speakers look for it. */
export function nativeLanguageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    return code;
  }
}

export const CONTENT_LANGUAGES: readonly { code: string; name: string }[] = CONTENT_LANGUAGE_CODES.map((code) => ({
  code,
  name: nativeLanguageName(code),
}));
