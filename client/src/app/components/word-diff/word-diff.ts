import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { diffWords } from 'diff';
import type { DiffWord } from '@doorway/contracts';

/** The word-level difference between two texts, shaped like the API's (VersionDiff.words). */
export function wordDiff(before: string, after: string): DiffWord[] {
  return diffWords(before, after).map((change) => ({
    value: change.value,
    ...(change.added ? { added: true } : {}),
    ...(change.removed ? { removed: true } : {}),
  }));
}

/** True when the diff changes nothing. */
export function isUnchanged(words: readonly DiffWord[]): boolean {
  return words.every((word) => !word.added && !word.removed);
}

/**
 * A word diff as text: added words in <ins> (underlined), removed ones in <del> (struck through),
 * each announced as "added:" / "removed:" to screen readers, so colour is never the only cue.
 * Text is only ever interpolated.
 */
@Component({
  selector: 'app-word-diff',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `<span class="diff">@for (word of words(); track $index) {@if (word.added) {<ins><span class="visually-hidden">{{ 'diff.added' | transloco }} </span>{{ word.value }}</ins>} @else if (word.removed) {<del><span class="visually-hidden">{{ 'diff.removed' | transloco }} </span>{{ word.value }}</del>} @else {<span>{{ word.value }}</span>}}</span>`,
  styles: `
    :host {
      display: block;
    }
    .diff {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    ins {
      padding: 0 0.0625em;
      border-radius: 2px;
      background: #d6f2e1;
      color: #0b3d1f;
      text-decoration: underline;
      text-decoration-thickness: 2px;
      text-underline-offset: 0.15em;
    }
    del {
      padding: 0 0.0625em;
      border-radius: 2px;
      background: #ffe2e0;
      color: #6b1410;
      text-decoration: line-through;
      text-decoration-thickness: 2px;
    }
  `,
})
export class WordDiff {
  readonly words = input.required<readonly DiffWord[]>();
}
