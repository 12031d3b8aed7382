import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Translation, TranslocoLoader } from '@jsverse/transloco';
import type { Observable } from 'rxjs';

/**
 * Translations are plain JSON files under /i18n/ (client/public/i18n), fetched when a language is
 * first used: the main bundle carries none of them, and a fix to a translation needs no rebuild of code.
 */
@Injectable({ providedIn: 'root' })
export class HttpTranslocoLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  getTranslation(language: string): Observable<Translation> {
    return this.http.get<Translation>(`/i18n/${language}.json`);
  }
}
