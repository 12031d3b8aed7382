import { TranslocoPipe } from '@jsverse/transloco';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import type { ParagraphView, TextQuote } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { quoteFromSelection } from '../../shared/quote/quote-selector';
import { GroupChips } from '../group-chips/group-chips';
import { ShapedByButton } from '../paragraph-history/shaped-by-button';

export const paragraphId = (key: string): string => `p-${key}`;
export const threadId = (key: string): string => `thread-${key}`;
export const toggleId = (key: string): string => `toggle-${key}`;

/** One numbered paragraph of the draft, with its comment count, group chips and quoting. */
@Component({
  selector: 'app-paragraph',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, RouterLink, MatButton, MatIcon, GroupChips, ShapedByButton],
  template: `
    <article
      class="paragraph"
      [class.is-open]="open()"
      [id]="ids().article"
      [attr.data-testid]="'paragraph-' + paragraph().number"
      [attr.aria-labelledby]="ids().label"
    >
      <span class="number" [id]="ids().label">¶ {{ paragraph().number }}</span>
      <div class="content">
        <p #text class="text" [attr.lang]="lang()" dir="auto" (mouseup)="captureSelection()" (keyup)="captureSelection()">{{ paragraph().text }}</p>
        @if (canQuote() && !readOnly() && selectionQuote(); as quote) {
          <button
            mat-stroked-button
            type="button"
            class="quote-button"
            (mousedown)="$event.preventDefault()"
            (click)="commentOnSelection(quote)"
          >
            <mat-icon aria-hidden="true" svgIcon="format_quote" />
            {{ 'paragraph.commentOnSelection' | transloco }}
          </button>
        }
        <div class="meta">
          @if (!readOnly()) {
            <button
              mat-stroked-button
              type="button"
              class="comments-toggle"
              [id]="ids().toggle"
              [attr.aria-expanded]="open()"
              [attr.aria-controls]="ids().thread"
              [attr.aria-label]="toggleLabel()"
              (click)="toggle.emit()"
            >
              <mat-icon aria-hidden="true" [svgIcon]="open() ? 'chat_bubble' : 'chat_bubble_outline'" />
              <!-- Shown as "(N)", as in the accessible name "Comments on paragraph 5 (N)" (WCAG 2.5.3 Label in Name). -->
              ({{ paragraph().commentCount }})
            </button>
            <app-group-chips [counts]="paragraph().commentsByGroup" />
          }
          @if (slug() && paragraph().shapedBy; as shapedBy) {
            <app-shaped-by-button
              [slug]="slug() ?? ''"
              [paragraphKey]="paragraph().key"
              [number]="paragraph().number"
              [shapedBy]="shapedBy"
            />
          }
        </div>
        @if (paragraph().caseStudies.length > 0) {
          <p class="case-studies" data-testid="paragraph-case-studies">
            {{ 'paragraph.caseStudies' | transloco }}
            @for (study of paragraph().caseStudies; track study.id; let last = $last) {
              <a [routerLink]="['/case-studies', study.id]">{{ study.title }}</a>{{ last ? '' : ', ' }}
            }
          </p>
        }
      </div>
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .paragraph {
      display: grid;
      grid-template-columns: 3.25rem minmax(0, 1fr);
      gap: 0 0.5rem;
      padding: 0.5rem 0.75rem 0.75rem 0.25rem;
      border-inline-start: 4px solid transparent;
      border-radius: 2px;
    }
    .paragraph.is-open {
      border-inline-start-color: var(--dw-accent);
      background: var(--dw-surface-alt);
    }
    .number {
      padding-top: 0.3rem;
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--dw-muted);
      text-align: end;
      white-space: nowrap;
    }
    .text {
      margin: 0 0 0.5rem;
      max-width: 70ch;
      font-family: var(--dw-reading-font);
      font-size: 1.125rem;
      line-height: 1.7;
      overflow-wrap: anywhere;
    }
    .quote-button {
      margin: 0 0 0.5rem;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .comments-toggle {
      min-width: 4.5rem;
    }
    .case-studies {
      margin: 0.5rem 0 0;
      max-width: 70ch;
      font-size: 0.875rem;
      color: var(--dw-muted);
      line-height: 1.8;
    }
    @media (max-width: 599.98px) {
      .paragraph {
        grid-template-columns: minmax(0, 1fr);
        padding-inline-start: 0.5rem;
      }
      .number {
        padding-top: 0;
        text-align: start;
      }
    }
  `,
})
export class Paragraph {
  readonly paragraph = input.required<ParagraphView>();
  readonly open = input(false);
  /** Offer "Comment on selection" (only people who can comment). */
  readonly canQuote = input(false);
  /** The document's slug: needed to show "Shaped by …" and open the paragraph's history. */
  readonly slug = input<string | null>(null);
  /** Reading an older version: no comment button, counts or quoting. */
  readonly readOnly = input(false);
  /** The document's language (BCP 47): the text is read in it whatever the interface language. */
  readonly lang = input<string | null>(null);

  /** The comments button was pressed. */
  readonly toggle = output<void>();
  /** "Comment on selection" was pressed with this quote. */
  readonly quote = output<TextQuote>();

  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(LanguageService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly textElement = viewChild.required<ElementRef<HTMLParagraphElement>>('text');

  protected readonly selectionQuote = signal<TextQuote | null>(null);

  protected readonly ids = computed(() => {
    const key = this.paragraph().key;
    return {
      article: paragraphId(key),
      label: `${paragraphId(key)}-label`,
      toggle: toggleId(key),
      thread: threadId(key),
    };
  });

  protected readonly toggleLabel = computed(
    () => this.i18n.t('paragraph.toggle', { number: this.paragraph().number, count: this.paragraph().commentCount }),
  );

  constructor() {
    const onSelectionChange = (): void => this.captureSelection();
    this.document.addEventListener('selectionchange', onSelectionChange);
    inject(DestroyRef).onDestroy(() => this.document.removeEventListener('selectionchange', onSelectionChange));
  }

  /** Shows "Comment on selection" while a passage of this paragraph's text is selected. */
  protected captureSelection(): void {
    if (!this.canQuote()) return;
    const quote = quoteFromSelection(
      this.textElement().nativeElement,
      this.paragraph().text,
      this.document.getSelection(),
    );
    if (quote) {
      const current = this.selectionQuote();
      if (!current || current.exact !== quote.exact || current.prefix !== quote.prefix) this.selectionQuote.set(quote);
      return;
    }
    // Keep the button while it has focus (keyboard users tab to it after selecting).
    const active = this.document.activeElement;
    if (active instanceof Node && this.host.nativeElement.querySelector('.quote-button')?.contains(active)) return;
    if (this.selectionQuote() !== null) this.selectionQuote.set(null);
  }

  protected commentOnSelection(quote: TextQuote): void {
    this.selectionQuote.set(null);
    this.document.getSelection()?.removeAllRanges();
    this.quote.emit(quote);
  }
}
