import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import type { Signal } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';

/** What the status block reads of a PagedList, whatever its items. */
export interface PagedListState {
  loading: Signal<boolean>;
  error: Signal<string | null>;
}

/**
 * Above a paged list: the count (a status line screen readers hear), a progress bar while a page
 * loads, and the load or action error as an alert.
 */
@Component({
  selector: 'app-paged-list-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressBar],
  template: `
    <p #line class="count" role="status" tabindex="-1">{{ text() }}</p>
    @if (list().loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
    }
    @if (list().error(); as message) {
      <p class="form-alert" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .count {
      font-weight: 600;
    }
  `,
})
export class PagedListStatus {
  readonly list = input.required<PagedListState>();
  readonly text = input.required<string>();
  /** Names the progress bar, in the active language. */
  readonly loadingLabel = input.required<string>();
  private readonly line = viewChild.required<string, ElementRef<HTMLElement>>('line', { read: ElementRef });

  /** After an action removed the button that had focus, the status line says what happened. */
  focus(): void {
    this.line().nativeElement.focus();
  }
}
