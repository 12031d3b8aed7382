import { effect, signal, untracked } from '@angular/core';
import type { Signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { toApiError } from '../../core/http/api-error';

/** One page of a cursor-paged list, as the moderation, users and audit endpoints answer. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedListOptions<T> {
  /** Whether the reader may see the list; nothing is asked of the API until this is true. */
  allowed: Signal<boolean>;
  /** Fetches the page after the cursor (the first page for null), with the filters of the moment. */
  fetch: (cursor: string | null) => Observable<CursorPage<T>>;
  /** The sentence put before the API's own message when a page cannot be loaded, in the active language. */
  failure: () => string;
}

/**
 * The state of a list that loads page by page with "Show more": the items so far, the next cursor,
 * loading/loaded flags and the load error. The first page loads by itself once `allowed` turns true
 * (the session may arrive after the page). Call it in an injection context, e.g. a field initialiser.
 */
export class PagedList<T extends { id: string }> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  /** Why the last load or action failed, for an alert; null when all went well. */
  readonly error = signal<string | null>(null);

  private started = false;

  constructor(private readonly options: PagedListOptions<T>) {
    effect(() => {
      if (options.allowed() && !this.started) untracked(() => this.load());
    });
  }

  /** The first page again (after a filter changed), or the page after `cursor`, appended. */
  load(cursor: string | null = null): void {
    if (!this.options.allowed()) return;
    this.started = true;
    this.loading.set(true);
    this.error.set(null);
    this.options.fetch(cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(`${this.options.failure()} ${toApiError(error).message}`);
      },
    });
  }

  loadMore(): void {
    this.load(this.nextCursor());
  }

  /** Puts the API's updated copy of an item in its place. */
  replace(updated: T): void {
    this.items.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
  }

  remove(id: string): void {
    this.items.update((items) => items.filter((item) => item.id !== id));
  }
}
