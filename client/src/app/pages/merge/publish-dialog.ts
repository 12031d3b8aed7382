import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';

export interface PublishDialogData {
  number: number;
  label: string;
  /** "3 paragraphs edited, 1 added, 0 deleted, 2 moved" */
  summary: string;
}

/** "Publish version N?" Closes with true when confirmed. */
@Component({
  selector: 'app-publish-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Publish version {{ data.number }}?</h2>
    <mat-dialog-content>
      <p data-testid="publish-summary">{{ data.summary }}.</p>
      @if (data.label) {
        <p>It will be labelled “{{ data.label }}”.</p>
      }
      <p>
        Readers will see it at once, each change with the contributions it answers. Accepted contributions cited in it
        are marked as answered in version {{ data.number }}. This cannot be undone.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">Cancel</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">Publish</button>
    </mat-dialog-actions>
  `,
})
export class PublishDialog {
  protected readonly data = inject<PublishDialogData>(MAT_DIALOG_DATA);
}
