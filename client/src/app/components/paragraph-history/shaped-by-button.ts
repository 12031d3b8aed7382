import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import type { ShapedBy } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { groupsByCount } from '../../shared/contributions/contribution-text';
import { openParagraphHistory } from './paragraph-history-dialog';

/** "Shaped by 1 contribution from Civil society": opens the paragraph's history. */
@Component({
  selector: 'app-shaped-by-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon],
  template: `
    <button mat-button type="button" class="shaped-by" data-testid="shaped-by" aria-haspopup="dialog" (click)="openHistory()">
      <mat-icon aria-hidden="true" svgIcon="history" />
      {{ text() }}
    </button>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .shaped-by {
      text-align: start;
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
  private readonly i18n = inject(LanguageService);

  /** "Shaped by 3 contributions from Civil society (2) and Government (1)", in the interface language. */
  protected readonly text = computed(() => {
    const { count, byGroup } = this.shapedBy();
    const groups = groupsByCount(byGroup);
    const head = this.i18n.t(count === 1 ? 'shapedBy.one' : 'shapedBy.many', { count });
    if (groups.length === 0) return head;
    const [only] = groups;
    const from =
      groups.length === 1 && only && only.count === count
        ? this.i18n.t(`group.${only.group}`)
        : this.i18n.list(groups.map((g) => `${this.i18n.t(`group.${g.group}`)} (${g.count})`));
    return this.i18n.t('shapedBy.from', { head, groups: from });
  });

  openHistory(): void {
    openParagraphHistory(this.dialog, { slug: this.slug(), paragraphKey: this.paragraphKey(), number: this.number() });
  }
}
