import { Directionality } from '@angular/cdk/bidi';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { Injectable, PLATFORM_ID, REQUEST, computed, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { TranslocoLocaleService } from '@jsverse/transloco-locale';
import { firstValueFrom } from 'rxjs';
import { acceptedLanguages } from '@doorway/contracts';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  type TextDirection,
  type UiLanguage,
  directionOf,
  formatList,
  formatShortList,
  initialLanguage,
  localeOf,
} from './languages';
import { placeName } from './place-names';

/**
 * The interface language: which translation file is active, the Intl locale for dates and numbers,
 * `<html lang dir>`, and Material's Directionality. One place switches them all together.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly document = inject(DOCUMENT);
  private readonly transloco = inject(TranslocoService);
  private readonly locale = inject(TranslocoLocaleService);
  private readonly directionality = inject(Directionality);
  private readonly active = signal<UiLanguage>(DEFAULT_LANGUAGE);
  private readonly platform = inject(PLATFORM_ID);
  private readonly request = inject(REQUEST, { optional: true });

  readonly language = this.active.asReadonly();
  readonly dir = computed<TextDirection>(() => directionOf(this.active()));

  /**
   * Translates a key in the active language. Reading the language signal first makes any computed()
   * or template that calls this re-run when the language changes.
   */
  t(key: string, params?: Record<string, unknown>): string {
    this.active();
    return this.transloco.translate(key, params);
  }

  /** "A, B and C" in the active language ("A, B et C", "A وB وC"). */
  list(items: readonly string[]): string {
    return formatList(items, localeOf(this.active()));
  }

  /** "2 government, 1 academia" or "¶ 7, ¶ 9" as the active language writes a list (formatShortList). */
  shortList(items: readonly string[]): string {
    return formatShortList(items, localeOf(this.active()));
  }

  /** A country (ISO 3166) or UN M49 region code by its name in the active language; the code if unknown. */
  region(code: string): string {
    return placeName(code, this.active());
  }

  /** The language to start in (stored choice, else the browser's, else English). */
  startLanguage(): UiLanguage {
    return initialLanguage(this.readStored(), this.preferredLanguages());
  }

  /** The reader's languages, most wanted first: the browser's list, or on the server its Accept-Language. */
  private preferredLanguages(): readonly string[] {
    if (!isPlatformBrowser(this.platform)) return acceptedLanguages(this.request?.headers.get('accept-language') ?? null);
    const browser = this.document.defaultView?.navigator;
    if (!browser) return [];
    return (browser.languages?.length ? browser.languages : [browser.language]).filter((tag) => typeof tag === 'string');
  }

  /** Loads the language's translations, then switches everything at once (no half-translated frame). */
  async use(language: UiLanguage, remember = true): Promise<void> {
    await firstValueFrom(this.transloco.load(language));
    this.transloco.setActiveLang(language);
    this.locale.setLocale(localeOf(language));
    this.active.set(language);
    const dir = directionOf(language);
    const html = this.document.documentElement;
    html.lang = language;
    html.dir = dir;
    // The CDK reads the document direction once, when Directionality is created; menus, dialogs and
    // overlays opened after a runtime switch must mirror too, so the service is told of each change.
    if (this.directionality.value !== dir) {
      this.directionality.valueSignal.set(dir);
      this.directionality.change.emit(dir);
    }
    if (remember) this.store(language);
  }

  private readStored(): string | null {
    try {
      return this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    } catch {
      // Storage can be blocked (privacy settings); the browser language still applies.
      return null;
    }
  }

  private store(language: UiLanguage): void {
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Not remembered across visits, but the switch itself still works.
    }
  }
}
