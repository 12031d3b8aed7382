import { TranslocoPipe } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { LIMITS } from '@doorway/contracts';
import type { CommentView, ParagraphView } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { CommentsService } from '../../services/comments.service';
import { notBlank } from '../comment-form/comment-form';
import { WordDiff, isUnchanged, wordDiff } from '../word-diff/word-diff';

/** The proposal must differ from the paragraph as it stands (ignoring surrounding spaces). */
export function differsFrom(current: () => string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null =>
    control.value.trim() === current().trim() ? { unchanged: true } : null;
}

let nextId = 0;

/** "Suggest an edit": the paragraph's text to rework, a live word diff, and why. */
@Component({
  selector: 'app-suggestion-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ReactiveFormsModule, CdkTextareaAutosize, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel, WordDiff],
  template: `
    <form class="suggestion-form" [formGroup]="form" [attr.aria-labelledby]="ids.title" (ngSubmit)="submit()">
      <h4 [id]="ids.title">{{ 'suggestion.heading' | transloco: { number: paragraph().number } }}</h4>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suggestion.proposed' | transloco }}</mat-label>
        <textarea
          dir="auto"
          #proposedInput
          matInput
          formControlName="proposedText"
          cdkTextareaAutosize
          cdkAutosizeMinRows="4"
          cdkAutosizeMaxRows="16"
        ></textarea>
        <mat-hint>{{ 'suggestion.proposedHint' | transloco }}</mat-hint>
        @if (proposedText.hasError('blank')) {
          <mat-error>{{ 'suggestion.proposedBlank' | transloco }}</mat-error>
        } @else if (proposedText.hasError('unchanged')) {
          <mat-error>{{ 'suggestion.unchanged' | transloco }}</mat-error>
        } @else if (proposedText.hasError('maxlength')) {
          <mat-error>{{ 'suggestion.proposedTooLong' | transloco: { max: max } }}</mat-error>
        }
      </mat-form-field>

      <div class="preview" data-testid="suggestion-preview">
        <p class="preview-title">{{ 'suggestion.preview' | transloco }}</p>
        <p class="legend">{{ 'suggestion.legend' | transloco }}</p>
        @if (unchanged()) {
          <p class="no-change">{{ 'suggestion.noChange' | transloco }}</p>
        } @else {
          <app-word-diff class="preview-text" [words]="words()" />
        }
      </div>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suggestion.why' | transloco }}</mat-label>
        <textarea dir="auto" matInput formControlName="body" cdkTextareaAutosize cdkAutosizeMinRows="2" cdkAutosizeMaxRows="10"></textarea>
        @if (body.hasError('blank')) {
          <mat-error>{{ 'suggestion.whyBlank' | transloco }}</mat-error>
        } @else if (body.hasError('maxlength')) {
          <mat-error>{{ 'suggestion.whyTooLong' | transloco: { max: max } }}</mat-error>
        }
      </mat-form-field>

      @if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">{{ 'suggestion.submit' | transloco }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">{{ 'common.cancel' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .suggestion-form {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0.75rem;
      border: 1px solid var(--dw-border);
      border-inline-start: 4px solid var(--dw-accent);
      border-radius: 4px;
    }
    h4 {
      margin: 0;
      font-size: 1rem;
    }
    mat-form-field {
      width: 100%;
    }
    .preview {
      padding: 0.5rem 0.75rem;
      background: var(--dw-surface-alt);
      border-radius: 4px;
    }
    .preview-title {
      margin: 0;
      font-weight: 600;
    }
    .legend,
    .no-change {
      margin: 0 0 0.25rem;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .preview-text {
      font-family: var(--dw-reading-font);
      line-height: 1.6;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class SuggestionForm implements OnInit {
  readonly slug = input.required<string>();
  readonly paragraph = input.required<ParagraphView>();

  /** The API accepted the suggestion. */
  readonly posted = output<CommentView>();
  /** A valid submission is on its way: the thread clears what it last announced ("Comment posted"). */
  readonly sending = output<void>();
  readonly cancelled = output<void>();

  private readonly comments = inject(CommentsService);
  private readonly i18n = inject(LanguageService);
  private readonly proposedInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('proposedInput');

  protected readonly max = LIMITS.comment.max;
  protected readonly ids = { title: `suggest-title-${nextId++}` };

  protected readonly proposedText = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });
  protected readonly body = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });
  protected readonly form = new FormGroup({ proposedText: this.proposedText, body: this.body });

  private readonly proposedValue = toSignal(this.proposedText.valueChanges, { initialValue: '' });
  /** Live: the paragraph as it stands against the proposal. */
  protected readonly words = computed(() => wordDiff(this.paragraph().text, this.proposedValue()));
  protected readonly unchanged = computed(() => isUnchanged(this.words()));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    afterNextRender(() => this.focus());
  }

  ngOnInit(): void {
    // Start from the paragraph as it reads today (inputs are only readable from here on).
    this.proposedText.addValidators(differsFrom(() => this.paragraph().text));
    this.proposedText.setValue(this.paragraph().text);
  }

  focus(): void {
    this.proposedInput().nativeElement.focus();
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      if (this.proposedText.invalid) this.focus();
      return;
    }
    this.busy.set(true);
    this.sending.emit();
    this.comments
      .suggest(this.slug(), this.paragraph().key, {
        proposedText: this.proposedText.value.trim(),
        body: this.body.value.trim(),
      })
      .subscribe({
        next: (suggestion) => {
          this.busy.set(false);
          this.posted.emit(suggestion);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const apiError = toApiError(error);
          this.error.set(
            apiError.statusCode === 401 ? this.i18n.t('suggestion.signedOut') : apiError.message,
          );
        },
      });
  }
}
