import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { diffWords } from 'diff';
import type { DiffWord } from '@doorway/contracts';

/** Word-level changes from `before` to `after`: unchanged runs, and what was removed or added. */
export function wordDiff(before: string, after: string): DiffWord[] {
  return diffWords(before, after).map((change) => {
    const word: DiffWord = { value: change.value };
    if (change.added) word.added = true;
    if (change.removed) word.removed = true;
    return word;
  });
}

/**
 * A word diff as `<del>` and `<ins>`, rendered by interpolation only. Screen readers hear where
 * each change starts and ends; sighted readers see strike-through and underline, not colour only.
 */
@Component({
  selector: 'app-text-diff',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <p class="diff" [attr.data-testid]="testId()">
      @for (word of words(); track $index) {
        @if (word.removed) {
          <del><span class="visually-hidden">[{{ 'diff.removed' | transloco }} </span>{{ word.value }}<span class="visually-hidden">]</span></del>
        } @else if (word.added) {
          <ins><span class="visually-hidden">[{{ 'diff.added' | transloco }} </span>{{ word.value }}<span class="visually-hidden">]</span></ins>
        } @else {
          <span>{{ word.value }}</span>
        }
      }
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .diff {
      margin: 0;
      font-family: var(--dw-reading-font);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    del {
      background: #ffe3e0;
      color: #8c1d18;
      text-decoration: line-through;
    }
    ins {
      background: #d6f2e1;
      color: #0f4d2b;
      text-decoration: underline;
      text-decoration-thickness: 2px;
    }
  `,
})
export class TextDiff {
  readonly before = input.required<string>();
  readonly after = input.required<string>();
  readonly testId = input<string | null>(null);

  protected readonly words = computed(() => wordDiff(this.before(), this.after()));
}
