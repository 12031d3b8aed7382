import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { MODERATION_LIMITS } from '@doorway/contracts';
import type { ReportResult } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { toApiError } from '../../core/http/api-error';
import { ModerationService } from '../../services/moderation.service';
import { notBlank } from '../comment-form/comment-form';

export interface ReportDialogData {
  commentId: string;
  /** What is reported, for the title ("Report this reply"). */
  kind: 'comment' | 'reply' | 'suggestion';
}

/**
 * "Report this comment": asks why, sends the report, and closes with the result. A refusal from
 * the API (e.g. already reported) stays in the dialog as an alert, so nothing typed is lost.
 */
@Component({
  selector: 'app-report-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ReactiveFormsModule, MatButton, MatDialogActions, MatDialogContent, MatDialogTitle, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <h2 mat-dialog-title>{{ 'report.title.' + data.kind | transloco }}</h2>
    <form (submit)="$event.preventDefault(); send()" novalidate>
      <mat-dialog-content>
        <p id="report-explainer">{{ 'report.explainer' | transloco }}</p>
        <mat-form-field appearance="outline" class="reason">
          <mat-label>{{ 'report.label' | transloco }}</mat-label>
          <textarea
            dir="auto"
            matInput
            data-testid="report-reason"
            [formControl]="reason"
            rows="3"
            aria-describedby="report-explainer"
            required
            cdkFocusInitial
          ></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
          @if (reason.hasError('blank') || reason.hasError('required')) {
            <mat-error>{{ 'report.required' | transloco }}</mat-error>
          } @else if (reason.hasError('minlength')) {
            <mat-error>{{ 'moderation.reason.min' | transloco: { min } }}</mat-error>
          } @else if (reason.hasError('maxlength')) {
            <mat-error>{{ 'moderation.reason.max' | transloco: { max } }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="cancel()">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">{{ 'report.send' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      width: 100%;
    }
    .form-alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class ReportDialog {
  protected readonly data = inject<ReportDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReportDialog, ReportResult>>(MatDialogRef);
  private readonly moderation = inject(ModerationService);
  private readonly i18n = inject(LanguageService);

  protected readonly min = MODERATION_LIMITS.reason.min;
  protected readonly max = MODERATION_LIMITS.reason.max;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, notBlank, Validators.minLength(this.min), Validators.maxLength(this.max)],
  });

  protected send(): void {
    if (this.busy()) return;
    this.reason.markAsTouched();
    if (this.reason.invalid) return;
    this.busy.set(true);
    this.error.set(null);
    this.moderation.report(this.data.commentId, { reason: this.reason.value.trim() }).subscribe({
      next: (result) => this.ref.close(result),
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(error);
        this.error.set(apiError.error === 'ALREADY_REPORTED' ? this.i18n.t('report.already') : apiError.message);
      },
    });
  }

  protected cancel(): void {
    this.ref.close();
  }
}
