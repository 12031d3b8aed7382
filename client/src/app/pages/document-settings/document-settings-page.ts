import { TranslocoPipe } from '@jsverse/transloco';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatProgressBar } from '@angular/material/progress-bar';
import { EMPTY, catchError, of, switchMap } from 'rxjs';
import { hasRole } from '@doorway/contracts';
import type { ConsultationPhase, DocumentSummary, SetPhaseRequest } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { DocumentsService } from '../../services/documents.service';
import { PHASE_CHOICES, fromLocalInputValue, toLocalInputValue } from '../../shared/consultation/phase';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; summary: DocumentSummary }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** What each phase means, under the select. */
const PHASE_HINTS: Readonly<Record<ConsultationPhase, string>> = {
  draft: 'settings.hint.draft',
  open: 'settings.hint.open',
  closed: 'settings.hint.closed',
  final: 'settings.hint.final',
};

/** A datetime-local value that reads as a date and time. */
function validDeadline(control: AbstractControl<string>): ValidationErrors | null {
  return fromLocalInputValue(control.value) ? null : { deadline: true };
}

/**
 * "The document is now open for comment until 30 November 2026, 23:59." An open document whose
 * deadline has passed is closed for comment (the API refuses contributions), and is said to be.
 */
export function savedMessage(
  summary: Pick<DocumentSummary, 'phase' | 'commentDeadline'>,
  t: (key: string, params?: Record<string, unknown>) => string,
  locale: string,
  now: number = Date.now(),
): string {
  const phase = t(`settings.phase.${summary.phase}`);
  if (summary.phase === 'open' && summary.commentDeadline) {
    const deadline = new Date(summary.commentDeadline);
    const until = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(deadline);
    return deadline.getTime() <= now ? t('settings.savedPast', { until }) : t('settings.savedUntil', { phase, until });
  }
  return t('settings.saved', { phase });
}

/** Coordinators: the consultation's phase and comment deadline. */
@Component({
  selector: 'app-document-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, 
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCheckbox,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
  ],
  template: `
    <div class="form-page settings">
      <p class="back"><a [routerLink]="['/documents', slug()]">{{ 'compare.back' | transloco }}</a></p>
      <h1>{{ 'title.settings' | transloco }}</h1>
      @if (!isCoordinator()) {
        <p class="refusal" role="alert" data-testid="settings-refusal">
          {{ 'settings.coordinatorsOnly' | transloco }}
          @if (!signedIn()) {
            {{ 'settings.signIn' | transloco }}
          }
        </p>
      } @else {
        @switch (state().status) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'settings.loading' | transloco" />
          }
          @case ('not-found') {
            <p role="alert">{{ 'versions.noDocument' | transloco }}</p>
          }
          @case ('error') {
            <p class="form-alert" role="alert">{{ loadError() }}</p>
          }
        }
        @if (summary(); as s) {
          <p class="doc-title">{{ s.title }}</p>
          <form [formGroup]="form" (ngSubmit)="save()">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'settings.phaseLabel' | transloco }}</mat-label>
              <mat-select formControlName="phase">
                @for (choice of phases; track choice.value) {
                  <mat-option [value]="choice.value">{{ 'settings.choice.' + choice.value | transloco }}</mat-option>
                }
              </mat-select>
              <mat-hint>{{ phaseHint() | transloco }}</mat-hint>
            </mat-form-field>

            <mat-form-field subscriptSizing="dynamic">
              <mat-label>{{ 'settings.deadline' | transloco }}</mat-label>
              <input matInput type="datetime-local" formControlName="deadline" />
              <mat-hint>{{ (deadlinePassed() ? 'settings.deadlinePast' : 'settings.deadlineHint') | transloco: { zone: timeZone } }}</mat-hint>
              @if (deadline.hasError('deadline')) {
                <mat-error>{{ 'settings.deadlineInvalid' | transloco }}</mat-error>
              }
            </mat-form-field>
            <mat-checkbox formControlName="noDeadline">{{ 'settings.noDeadline' | transloco }}</mat-checkbox>

            @if (error(); as message) {
              <p class="form-alert" role="alert">{{ message }}</p>
            }
            <p class="saved" role="status">{{ saved() }}</p>
            <div class="actions">
              <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">{{ 'settings.save' | transloco }}</button>
            </div>
          </form>
        }
      }
    </div>
  `,
  styles: `
    .settings {
      max-width: 36rem;
    }
    h1 {
      margin: 0.5rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.25rem);
    }
    .back {
      margin: 0;
    }
    .doc-title {
      margin: 0 0 1rem;
      font-weight: 600;
      color: var(--dw-muted);
    }
    .refusal {
      padding: 0.75rem 1rem;
      border: 2px dashed var(--dw-muted);
      border-radius: 4px;
    }
    mat-form-field + mat-form-field {
      margin-top: 1rem;
    }
    mat-checkbox {
      margin: 0.25rem 0 0.5rem;
    }
    .saved {
      min-height: 1.5em;
      margin: 0;
      font-weight: 600;
      color: #1d6b3e;
    }
  `,
})
export class DocumentSettingsPage {
  /** The `:slug` route parameter. */
  readonly slug = input.required<string>();

  private readonly documents = inject(DocumentsService);
  private readonly i18n = inject(LanguageService);
  private readonly auth = inject(AuthService);

  protected readonly phases = PHASE_CHOICES;
  protected readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  protected readonly signedIn = this.auth.signedIn;
  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });

  protected readonly phase = new FormControl<ConsultationPhase>('open', { nonNullable: true });
  protected readonly deadline = new FormControl('', { nonNullable: true, validators: [validDeadline] });
  protected readonly noDeadline = new FormControl(true, { nonNullable: true });
  protected readonly form = new FormGroup({ phase: this.phase, deadline: this.deadline, noDeadline: this.noDeadline });

  protected readonly state = signal<LoadState>({ status: 'idle' });
  protected readonly summary = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.summary : null;
  });
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });
  private readonly phaseValue = signal<ConsultationPhase>('open');
  protected readonly phaseHint = computed(() => PHASE_HINTS[this.phaseValue()]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal('');
  private readonly deadlineValue = signal('');
  private readonly noDeadlineValue = signal(true);
  /** Said before saving: a deadline in the past closes the document for comment at once. */
  protected readonly deadlinePassed = computed(() => {
    if (this.noDeadlineValue()) return false;
    const instant = fromLocalInputValue(this.deadlineValue());
    return instant !== null && new Date(instant).getTime() <= Date.now();
  });

  constructor() {
    this.phase.valueChanges.pipe(takeUntilDestroyed()).subscribe((phase) => this.phaseValue.set(phase));
    this.deadline.valueChanges.pipe(takeUntilDestroyed()).subscribe((value) => this.deadlineValue.set(value));
    this.noDeadline.valueChanges.pipe(takeUntilDestroyed()).subscribe((none) => {
      this.noDeadlineValue.set(none);
      if (none) this.deadline.disable({ emitEvent: false });
      else this.deadline.enable({ emitEvent: false });
    });
    this.deadline.disable({ emitEvent: false });

    toObservable(computed(() => (this.isCoordinator() ? this.slug() : null)))
      .pipe(
        switchMap((slug) => {
          if (slug === null) {
            this.state.set({ status: 'idle' });
            return EMPTY;
          }
          this.state.set({ status: 'loading' });
          return this.documents.get(slug).pipe(
            catchError((error: unknown) => {
              if (error instanceof HttpErrorResponse && error.status === 404) this.state.set({ status: 'not-found' });
              else this.state.set({ status: 'error', message: `${this.i18n.t('settings.loadFailed')} ${toApiError(error).message}` });
              return of(null);
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => {
        if (!doc) return;
        this.fill(doc.document);
        this.state.set({ status: 'loaded', summary: doc.document });
      });
  }

  protected save(): void {
    if (this.busy()) return;
    this.error.set(null);
    this.saved.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const request: SetPhaseRequest = {
      phase: this.phase.value,
      commentDeadline: this.noDeadline.value ? null : fromLocalInputValue(this.deadline.value),
    };
    this.busy.set(true);
    this.documents.setPhase(this.slug(), request).subscribe({
      next: (summary) => {
        this.busy.set(false);
        this.fill(summary);
        this.state.set({ status: 'loaded', summary });
        this.saved.set(savedMessage(summary, (key, params) => this.i18n.t(key, params), localeOf(this.i18n.language())));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(error);
        this.error.set(apiError.statusCode === 403 ? this.i18n.t('settings.coordinatorsOnly') : apiError.message);
      },
    });
  }

  private fill(summary: DocumentSummary): void {
    this.phase.setValue(summary.phase);
    this.noDeadline.setValue(summary.commentDeadline === null);
    this.deadline.setValue(toLocalInputValue(summary.commentDeadline));
    this.form.markAsPristine();
  }
}
