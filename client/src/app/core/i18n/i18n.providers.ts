import { type EnvironmentProviders, type Provider, inject, isDevMode, provideAppInitializer } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideTransloco, provideTranslocoMissingHandler } from '@jsverse/transloco';
import { provideTranslocoDateTransformer, provideTranslocoLocale } from '@jsverse/transloco-locale';
import { CachedDateTransformer } from './cached-date-transformer';
import { DEFAULT_LANGUAGE, UI_LANGUAGES, UI_LANGUAGE_CODES } from './languages';
import { LanguageService } from './language.service';
import { ReadableMissingHandler } from './missing-handler';
import { TranslatedTitleStrategy } from './translated-title-strategy';
import { HttpTranslocoLoader } from './transloco-loader';

/**
 * Transloco rather than Angular's built-in i18n: the built-in one compiles one bundle per locale, so
 * changing language means a reload into another build and one deployment per locale. Transloco swaps
 * JSON translations at runtime, which lets a participant switch language mid-consultation and keep
 * their place (and an unsent comment).
 */
export function provideI18n(): (Provider | EnvironmentProviders)[] {
  return [
    provideTransloco({
      config: {
        availableLangs: [...UI_LANGUAGE_CODES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
        // A key missing in Spanish, French or Arabic shows the English text, never the raw key.
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode(), allowEmpty: false },
      },
      loader: HttpTranslocoLoader,
    }),
    provideTranslocoMissingHandler(ReadableMissingHandler),
    provideTranslocoLocale({
      langToLocaleMapping: Object.fromEntries(UI_LANGUAGES.map((language) => [language.code, language.locale])),
    }),
    provideTranslocoDateTransformer(CachedDateTransformer),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideAppInitializer(() => {
      const languages = inject(LanguageService);
      // The first paint is already in the right language and direction.
      // If even the translations cannot be fetched, start anyway: the missing-key handler keeps text readable.
      return languages.use(languages.startLanguage(), false).catch(() => undefined);
    }),
  ];
}
