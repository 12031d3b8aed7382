import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';

/** What the dialog asks (translation keys); without data it asks about deleting a comment. */
export interface ConfirmDeleteData {
  title: string;
  text: string;
  confirm: string;
}

export const DELETE_COMMENT: ConfirmDeleteData = {
  title: 'confirmDelete.comment.title',
  text: 'confirmDelete.comment.text',
  confirm: 'common.delete',
};

export const WITHDRAW_SUGGESTION: ConfirmDeleteData = {
  title: 'confirmDelete.suggestion.title',
  text: 'confirmDelete.suggestion.text',
  confirm: 'comment.withdraw',
};

/** "Delete this comment?" (or "Withdraw this suggestion?"). Closes with true when confirmed. */
@Component({
  selector: 'app-confirm-delete-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>{{ data.title | transloco }}</h2>
    <mat-dialog-content>
      <p>{{ data.text | transloco }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" class="danger" [mat-dialog-close]="true">{{ data.confirm | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: #b3261e;
      --mat-button-filled-label-text-color: #ffffff;
    }
  `,
})
export class ConfirmDeleteDialog {
  protected readonly data = inject<ConfirmDeleteData | null>(MAT_DIALOG_DATA, { optional: true }) ?? DELETE_COMMENT;
}
