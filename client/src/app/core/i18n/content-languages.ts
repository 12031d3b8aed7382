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

let named: readonly { code: string; name: string }[] | null = null;

/**
 * The choices with their names, built on first use: ten Intl.DisplayNames cost about 180 ms of
 * start-up on a slow phone, and most readers never open a form.
 */
export function contentLanguages(): readonly { code: string; name: string }[] {
  named ??= CONTENT_LANGUAGE_CODES.map((code) => ({ code, name: nativeLanguageName(code) }));
  return named;
}
