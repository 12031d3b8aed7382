import { TranslocoPipe } from '@jsverse/transloco';
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
  imports: [TranslocoPipe, MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>{{ 'publish.title' | transloco: { number: data.number } }}</h2>
    <mat-dialog-content>
      <p data-testid="publish-summary">{{ data.summary }}.</p>
      @if (data.label) {
        <p>{{ 'publish.label' | transloco: { label: data.label } }}</p>
      }
      <p>
        {{ 'publish.text' | transloco: { number: data.number } }}
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ 'publish.confirm' | transloco }}</button>
    </mat-dialog-actions>
  `,
})
export class PublishDialog {
  protected readonly data = inject<PublishDialogData>(MAT_DIALOG_DATA);
}
