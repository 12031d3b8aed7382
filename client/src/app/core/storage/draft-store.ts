import { Injectable } from '@angular/core';

const PREFIX = 'doorway:draft:';

/**
 * Unsent comments, kept in localStorage per document and paragraph so a reload does not lose them.
 * Storage can be unavailable (private modes, quotas): then drafts are simply not kept.
 */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  private storage(): Storage | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  }

  static key(slug: string, paragraphKey: string): string {
    return `${PREFIX}${slug}:${paragraphKey}`;
  }

  read(slug: string, paragraphKey: string): string {
    try {
      return this.storage()?.getItem(DraftStore.key(slug, paragraphKey)) ?? '';
    } catch {
      return '';
    }
  }

  write(slug: string, paragraphKey: string, text: string): void {
    try {
      const storage = this.storage();
      if (!storage) return;
      if (text.trim() === '') storage.removeItem(DraftStore.key(slug, paragraphKey));
      else storage.setItem(DraftStore.key(slug, paragraphKey), text);
    } catch {
      // Out of quota or blocked: the draft stays only in the form.
    }
  }

  clear(slug: string, paragraphKey: string): void {
    try {
      this.storage()?.removeItem(DraftStore.key(slug, paragraphKey));
    } catch {
      // Nothing to clear.
    }
  }
}
