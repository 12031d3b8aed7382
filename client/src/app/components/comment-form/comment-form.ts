import { TranslocoDecimalPipe } from '@jsverse/transloco-locale';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  afterRenderEffect,
  computed,
  inject,
  input,
  model,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { LIMITS } from '@doorway/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { contentLanguages } from '../../core/i18n/content-languages';
import { LanguageService } from '../../core/i18n/language.service';
import type { Attribution, CommentView, ParagraphView, TextQuote } from '@doorway/contracts';
import { DraftStore } from '../../core/storage/draft-store';
import { toApiError } from '../../core/http/api-error';
import { CommentsService } from '../../services/comments.service';
import { quoteFromExact } from '../../shared/quote/quote-selector';

/** Required after trimming: a comment of only spaces is empty. */
export const notBlank: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null =>
  control.value.trim().length >= LIMITS.comment.min ? null : { blank: true };

/** A passage must occur, as typed, in the paragraph text. */
export function passageIn(text: () => string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const passage = control.value.trim();
    if (passage === '') return null;
    return text().includes(passage) ? null : { notInParagraph: true };
  };
}

/** A paragraph as another paragraph's form lists it: "¶ 7". */
export interface ParagraphRef {
  key: string;
  number: number;
}

let nextId = 0;

/** The "Your comment" form at the top of a thread, with quoting and a saved draft. */
@Component({
  selector: 'app-comment-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDecimalPipe, ReactiveFormsModule, CdkTextareaAutosize, MatButton, MatError, MatFormField, MatHint, MatIcon, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <div class="quote-passage">
      <button
        mat-button
        type="button"
        [attr.aria-expanded]="quoting()"
        [attr.aria-controls]="ids.passage"
        (click)="toggleQuoting()"
      >
        <mat-icon aria-hidden="true" [svgIcon]="quoting() ? 'expand_less' : 'format_quote'" />
        {{ 'commentForm.quotePassage' | transloco }}
      </button>
      @if (quoting()) {
        <div class="passage" [id]="ids.passage">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'commentForm.passage' | transloco }}</mat-label>
            <input dir="auto" matInput [formControl]="passage" (keydown.enter)="usePassage($event)" />
            <mat-hint>{{ 'commentForm.passageHint' | transloco: { number: paragraph().number } }}</mat-hint>
            @if (passage.hasError('notInParagraph')) {
              <mat-error>{{ 'commentForm.passageNotFound' | transloco: { number: paragraph().number } }}</mat-error>
            } @else if (passage.hasError('required')) {
              <mat-error>{{ 'commentForm.passageRequired' | transloco: { number: paragraph().number } }}</mat-error>
            }
          </mat-form-field>
          <button mat-stroked-button type="button" (click)="usePassage()">{{ 'commentForm.usePassage' | transloco }}</button>
        </div>
      }
    </div>

    <form class="comment-form" [formGroup]="form" (ngSubmit)="submit()">
      @if (quote(); as q) {
        <figure class="quote-preview">
          <figcaption>{{ 'commentForm.quoting' | transloco: { number: paragraph().number } }}</figcaption>
          <blockquote data-testid="quote-preview">{{ q.exact }}</blockquote>
          <button mat-button type="button" (click)="removeQuote()">
            <mat-icon aria-hidden="true" svgIcon="close" />
            {{ 'commentForm.removeQuote' | transloco }}
          </button>
        </figure>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'commentForm.yourComment' | transloco }}</mat-label>
        <textarea
          dir="auto"
          #bodyInput
          matInput
          formControlName="body"
          cdkTextareaAutosize
          cdkAutosizeMinRows="3"
          cdkAutosizeMaxRows="14"
        ></textarea>
        <mat-hint align="end" [class.over]="length() > max">{{ 'commentForm.count' | transloco: { length: (length() | translocoDecimal), max: (max | translocoDecimal) } }}</mat-hint>
        @if (body.hasError('blank')) {
          <mat-error>{{ 'commentForm.blank' | transloco }}</mat-error>
        } @else if (body.hasError('maxlength')) {
          <mat-error>{{ 'commentForm.tooLong' | transloco: { max: (max | translocoDecimal) } }}</mat-error>
        }
      </mat-form-field>
      @if (otherParagraphs().length > 0) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="also">
          <mat-label>{{ 'commentForm.alsoAbout' | transloco }}</mat-label>
          <mat-select formControlName="alsoParagraphs" multiple>
            @for (other of otherParagraphs(); track other.key) {
              <mat-option [value]="other.key">¶ {{ other.number }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'commentForm.alsoAboutHint' | transloco }}</mat-hint>
        </mat-form-field>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="language">
        <mat-label>{{ 'commentForm.language' | transloco }}</mat-label>
        <mat-select formControlName="language" data-testid="comment-language">
          @for (choice of contentLanguages; track choice.code) {
            <mat-option [value]="choice.code"><span [attr.lang]="choice.code">{{ choice.name }}</span></mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'commentForm.languageHint' | transloco }}</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="attribution">
        <mat-label>{{ 'attribution.showMeAs' | transloco }}</mat-label>
        <mat-select formControlName="attribution">
          @for (choice of attributions; track choice.value) {
            <mat-option [value]="choice.value">{{ choice.label | transloco }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'commentForm.attributionHint' | transloco }}</mat-hint>
      </mat-form-field>
      @if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">{{ 'commentForm.post' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
    .quote-passage {
      margin-bottom: 0.5rem;
    }
    .passage {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
      padding: 0.5rem 0 0.75rem;
    }
    .quote-preview {
      margin: 0 0 0.75rem;
      padding: 0;
    }
    .quote-preview figcaption {
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .quote-preview blockquote {
      margin: 0.25rem 0;
      padding: 0.25rem 0 0.25rem 0.75rem;
      border-inline-start: 4px solid var(--dw-accent);
      font-family: var(--dw-reading-font);
      font-style: italic;
      white-space: pre-line;
    }
    .over {
      color: var(--dw-danger);
      font-weight: 600;
    }
    /* Room for the outlined label, which rises above the field into the hint above it. */
    /* Room for the outline's floating label above each field, clear of the hint before it. */
    .also,
    .language,
    .attribution {
      margin-top: 0.75rem;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
  `,
})
export class CommentForm implements OnInit {
  readonly slug = input.required<string>();
  readonly paragraph = input.required<ParagraphView>();
  /** The passage being quoted, shared with the page ("Comment on selection"). */
  readonly quote = model<TextQuote | null>(null);
  /** The document's other paragraphs, offered under "Also about paragraphs". */
  readonly otherParagraphs = input<readonly ParagraphRef[]>([]);

  /** The API accepted a new comment. */
  readonly posted = output<CommentView>();
  /** A valid submission is on its way: the thread clears what it last announced ("Comment posted"). */
  readonly sending = output<void>();

  private readonly comments = inject(CommentsService);
  private readonly languages = inject(LanguageService);
  private readonly drafts = inject(DraftStore);
  private readonly destroyRef = inject(DestroyRef);
  private readonly bodyInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('bodyInput');
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected readonly max = LIMITS.comment.max;
  protected readonly ids = { passage: `passage-${nextId++}` };

  protected readonly body = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });
  protected readonly alsoParagraphs = new FormControl<string[]>([], { nonNullable: true });
  protected readonly attribution = new FormControl<Attribution>('named', { nonNullable: true });
  protected readonly attributions: { value: Attribution; label: string }[] = [
    { value: 'named', label: 'attribution.named' },
    { value: 'organisation', label: 'attribution.organisation' },
    { value: 'anonymous', label: 'attribution.anonymous' },
  ];
  /** Written in the interface language unless the author says otherwise. */
  protected readonly language = new FormControl<string>(this.languages.language(), { nonNullable: true });
  protected readonly contentLanguages = contentLanguages();
  protected readonly form = new FormGroup({
    body: this.body,
    alsoParagraphs: this.alsoParagraphs,
    attribution: this.attribution,
    language: this.language,
  });
  protected readonly passage = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, passageIn(() => this.paragraph().text)],
  });

  private readonly bodyValue = toSignal(this.body.valueChanges, { initialValue: '' });
  protected readonly length = computed(() => this.bodyValue().length);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly quoting = signal(false);

  constructor() {
    // A newly chosen quote means "I want to comment on this": take the reader to the textarea.
    afterRenderEffect(() => {
      if (this.quote()) this.bodyInput().nativeElement.focus();
    });
  }

  ngOnInit(): void {
    this.body.setValue(this.drafts.read(this.slug(), this.paragraph().key));
    this.body.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((text) => this.drafts.write(this.slug(), this.paragraph().key, text));
  }

  focus(): void {
    this.bodyInput().nativeElement.focus();
  }

  protected toggleQuoting(): void {
    this.quoting.update((open) => !open);
  }

  protected usePassage(event?: Event): void {
    event?.preventDefault();
    this.passage.markAsTouched();
    this.passage.updateValueAndValidity();
    if (this.passage.invalid) return;
    const quote = quoteFromExact(this.paragraph().text, this.passage.value);
    if (!quote) {
      this.passage.setErrors({ notInParagraph: true });
      return;
    }
    this.quote.set(quote);
    this.passage.reset('');
    this.quoting.set(false);
  }

  protected removeQuote(): void {
    this.quote.set(null);
    this.focus();
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focus();
      return;
    }
    const quote = this.quote();
    const also = this.alsoParagraphs.value.filter((key) => key !== this.paragraph().key);
    this.busy.set(true);
    this.sending.emit();
    this.comments
      .create(this.slug(), this.paragraph().key, {
        body: this.body.value.trim(),
        ...(quote ? { quote } : {}),
        ...(also.length > 0 ? { alsoParagraphs: also } : {}),
        attribution: this.attribution.value,
        language: this.language.value,
      })
      .subscribe({
        next: (comment) => {
          this.busy.set(false);
          // The choice of how to be shown carries over to the next comment.
          this.formDirective().resetForm({
            body: '',
            alsoParagraphs: [],
            attribution: this.attribution.value,
            language: this.language.value,
          });
          this.drafts.clear(this.slug(), this.paragraph().key);
          this.quote.set(null);
          this.posted.emit(comment);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const apiError = toApiError(error);
          this.error.set(
            apiError.statusCode === 401 ? this.languages.t('commentForm.signedOut') : apiError.message,
          );
        },
      });
  }
}
