import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import type { ShapedBy } from '@doorway/contracts';
import { shapedByText } from '../../shared/contributions/contribution-text';
import { openParagraphHistory } from './paragraph-history-dialog';

/** "Shaped by 1 contribution from Civil society": opens the paragraph's history. */
@Component({
  selector: 'app-shaped-by-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon],
  template: `
    <button mat-button type="button" class="shaped-by" data-testid="shaped-by" aria-haspopup="dialog" (click)="openHistory()">
      <mat-icon aria-hidden="true">history</mat-icon>
      {{ text() }}
    </button>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .shaped-by {
      text-align: left;
      white-space: normal;
      height: auto;
      min-height: 2.25rem;
    }
  `,
})
export class ShapedByButton {
  readonly slug = input.required<string>();
  readonly paragraphKey = input.required<string>();
  readonly number = input.required<number>();
  readonly shapedBy = input.required<ShapedBy>();

  private readonly dialog = inject(MatDialog);

  protected readonly text = computed(() => shapedByText(this.shapedBy()));

  openHistory(): void {
    openParagraphHistory(this.dialog, { slug: this.slug(), paragraphKey: this.paragraphKey(), number: this.number() });
  }
}
