import { Injectable } from '@angular/core';
import type { TranslocoMissingHandler } from '@jsverse/transloco';

/**
 * Reached only when a key is missing from English too (other languages fall back to English first).
 * The i18n spec fails the build long before that; if it still happens, show a readable phrase made
 * from the key's last part rather than "comments.form.submit".
 */
@Injectable()
export class ReadableMissingHandler implements TranslocoMissingHandler {
  handle(key: string): string {
    const last = key.split('.').pop() ?? key;
    const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
}
