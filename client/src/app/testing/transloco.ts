import { NgModule } from '@angular/core';
import { type Translation, TranslocoTestingModule } from '@jsverse/transloco';
import { provideTranslocoLocale } from '@jsverse/transloco-locale';
import { UI_LANGUAGES, UI_LANGUAGE_CODES } from '../core/i18n/languages';
import en from '../../../public/i18n/en.json';

/** The real English file: specs that look for "Sign in" read what people read. */
export const EN_TRANSLATIONS: Translation = en;

/**
 * Transloco with English loaded synchronously, for TestBed. test-setup.ts adds it to every spec's
 * environment; a spec that needs another language can import TranslocoTestingModule itself.
 */
@NgModule({
  imports: [
    TranslocoTestingModule.forRoot({
      langs: { en: EN_TRANSLATIONS },
      translocoConfig: { availableLangs: [...UI_LANGUAGE_CODES], defaultLang: 'en', fallbackLang: 'en' },
      preloadLangs: true,
    }),
  ],
  providers: [
    provideTranslocoLocale({
      langToLocaleMapping: Object.fromEntries(UI_LANGUAGES.map((language) => [language.code, language.locale])),
    }),
  ],
})
export class TranslocoEnglishTestingModule {}
