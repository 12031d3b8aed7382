import { formatDate } from '@angular/common';
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
import { PHASE_CHOICES, PHASE_TITLES, fromLocalInputValue, toLocalInputValue } from '../../shared/consultation/phase';

type LoadState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; summary: DocumentSummary }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** What each phase means, under the select. */
const PHASE_HINTS: Readonly<Record<ConsultationPhase, string>> = {
  draft: 'Only editors can see the document.',
  open: 'Anyone signed in can comment, suggest edits and endorse, until the deadline if there is one.',
  closed: 'Everyone can read; nobody can add comments while the editors prepare the next version.',
  final: 'The consultation is over: the document is read-only.',
};

/** A datetime-local value that reads as a date and time. */
function validDeadline(control: AbstractControl<string>): ValidationErrors | null {
  return fromLocalInputValue(control.value) ? null : { deadline: true };
}

/** "The document is now open for comment until 30 November 2016, 23:59." */
export function savedMessage(summary: Pick<DocumentSummary, 'phase' | 'commentDeadline'>): string {
  const phase = PHASE_TITLES[summary.phase].toLowerCase();
  const until =
    summary.phase === 'open' && summary.commentDeadline
      ? ` until ${formatDate(summary.commentDeadline, 'd MMMM y, HH:mm', 'en-US')}`
      : '';
  return `Settings saved. The document is now ${phase}${until}.`;
}

/** Coordinators: the consultation's phase and comment deadline. */
@Component({
  selector: 'app-document-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
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
      <p class="back"><a [routerLink]="['/documents', slug()]">Back to the document</a></p>
      <h1>Consultation settings</h1>
      @if (!isCoordinator()) {
        <p class="refusal" role="alert" data-testid="settings-refusal">
          Only coordinators can change the consultation settings.
          @if (!signedIn()) {
            Sign in with a coordinator's account to continue.
          }
        </p>
      } @else {
        @switch (state().status) {
          @case ('loading') {
            <mat-progress-bar mode="indeterminate" aria-label="Loading the settings" />
          }
          @case ('not-found') {
            <p role="alert">There is no document at this address.</p>
          }
          @case ('error') {
            <p class="form-alert" role="alert">{{ loadError() }}</p>
          }
        }
        @if (summary(); as s) {
          <p class="doc-title">{{ s.title }}</p>
          <form [formGroup]="form" (ngSubmit)="save()">
            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Phase</mat-label>
              <mat-select formControlName="phase">
                @for (choice of phases; track choice.value) {
                  <mat-option [value]="choice.value">{{ choice.label }}</mat-option>
                }
              </mat-select>
              <mat-hint>{{ phaseHint() }}</mat-hint>
            </mat-form-field>

            <mat-form-field subscriptSizing="dynamic">
              <mat-label>Comment deadline</mat-label>
              <input matInput type="datetime-local" formControlName="deadline" />
              <mat-hint>Optional. In your time zone ({{ timeZone }}). Only applies while the document is open for comment.</mat-hint>
              @if (deadline.hasError('deadline')) {
                <mat-error>Enter a date and time, or tick “No deadline”</mat-error>
              }
            </mat-form-field>
            <mat-checkbox formControlName="noDeadline">No deadline</mat-checkbox>

            @if (error(); as message) {
              <p class="form-alert" role="alert">{{ message }}</p>
            }
            <p class="saved" role="status">{{ saved() }}</p>
            <div class="actions">
              <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">Save settings</button>
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

  constructor() {
    this.phase.valueChanges.pipe(takeUntilDestroyed()).subscribe((phase) => this.phaseValue.set(phase));
    this.noDeadline.valueChanges.pipe(takeUntilDestroyed()).subscribe((none) => {
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
              else this.state.set({ status: 'error', message: `The settings could not be loaded. ${toApiError(error).message}` });
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
        this.saved.set(savedMessage(summary));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(error);
        this.error.set(apiError.statusCode === 403 ? 'Only coordinators can change the consultation settings.' : apiError.message);
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
