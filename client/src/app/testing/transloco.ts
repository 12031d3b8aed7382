import { NgModule } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type Translation, TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { provideTranslocoLocale } from '@jsverse/transloco-locale';
import { UI_LANGUAGES, UI_LANGUAGE_CODES } from '../core/i18n/languages';
import type { Translate, UiLanguage } from '../core/i18n/languages';
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

/**
 * A Translate for plain functions under test, in English unless told. For another language, pass
 * its file (import es from '../../../public/i18n/es.json'): it is added to the spec's Transloco.
 */
export function testTranslate(language: UiLanguage = 'en', translation?: Translation): Translate {
  const transloco = TestBed.inject(TranslocoService);
  if (translation) transloco.setTranslation(translation, language);
  return (key, params) => transloco.translate(key, params, language);
}
