import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { MODERATION_LIMITS } from '@doorway/contracts';

/** Sentences already in the active language: the page that opens the dialog translates them. */
export interface ReasonDialogData {
  title: string;
  /** What the reason is for, shown above the field. */
  text: string;
  label: string;
  confirm: string;
}

/** Asks a moderator for the reason of a hide or restore; closes with the trimmed reason, or nothing. */
@Component({
  selector: 'app-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ReactiveFormsModule, MatButton, MatDialogActions, MatDialogContent, MatDialogTitle, MatError, MatFormField, MatHint, MatInput, MatLabel],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form (submit)="$event.preventDefault(); confirm()" novalidate>
      <mat-dialog-content>
        <p id="reason-dialog-text">{{ data.text }}</p>
        <mat-form-field appearance="outline" class="reason">
          <mat-label>{{ data.label }}</mat-label>
          <textarea dir="auto" matInput data-testid="moderation-reason" [formControl]="reason" rows="3" aria-describedby="reason-dialog-text" required></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
          @if (reason.hasError('required') || reason.hasError('blank')) {
            <mat-error>{{ 'moderation.reason.required' | transloco }}</mat-error>
          } @else if (reason.hasError('minlength')) {
            <mat-error>{{ 'moderation.reason.min' | transloco: { min } }}</mat-error>
          } @else if (reason.hasError('maxlength')) {
            <mat-error>{{ 'moderation.reason.max' | transloco: { max } }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" (click)="ref.close()">{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit">{{ data.confirm }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      width: 100%;
    }
  `,
})
export class ReasonDialog {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  protected readonly ref = inject<MatDialogRef<ReasonDialog, string>>(MatDialogRef);
  protected readonly min = MODERATION_LIMITS.reason.min;
  protected readonly max = MODERATION_LIMITS.reason.max;
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      (control) => ((control.value as string).trim() ? null : { blank: true }),
      Validators.minLength(this.min),
      Validators.maxLength(this.max),
    ],
  });

  protected confirm(): void {
    this.reason.markAsTouched();
    if (this.reason.invalid) return;
    this.ref.close(this.reason.value.trim());
  }
}
