import type { DateFormatOptions, TranslocoDateTransformer } from '@jsverse/transloco-locale';

/** Locales × option sets in use stay few (four languages, a handful of date styles); past this, start over. */
const MAX_FORMATTERS = 64;

/**
 * transloco-locale's date pipe is impure: it formats on every change detection pass, and its
 * default transformer builds a new Intl.DateTimeFormat each time. On the document page that was a
 * quarter of a second of main-thread time while the draft loaded (4× CPU slowdown). The library's
 * transformer hook is kept; the formatters are made once per locale and options and reused.
 */
export class CachedDateTransformer implements TranslocoDateTransformer {
  private readonly formatters = new Map<string, Intl.DateTimeFormat>();

  transform(date: Date, locale: string, options: DateFormatOptions): string {
    if (Number.isNaN(date.getTime())) return '';
    return this.formatter(locale, options).format(date);
  }

  private formatter(locale: string, options: DateFormatOptions): Intl.DateTimeFormat {
    const key = `${locale} ${JSON.stringify(options)}`;
    let formatter = this.formatters.get(key);
    if (!formatter) {
      if (this.formatters.size >= MAX_FORMATTERS) this.formatters.clear();
      // The library's own options type is a subset of Intl's.
      formatter = new Intl.DateTimeFormat(locale, options as Intl.DateTimeFormatOptions);
      this.formatters.set(key, formatter);
    }
    return formatter;
  }
}
