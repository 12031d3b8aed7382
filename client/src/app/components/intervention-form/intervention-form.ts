import { TranslocoPipe } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { LIMITS, STAKEHOLDER_GROUPS } from '@doorway/contracts';
import type { CommentView, ParagraphView, RecordInterventionRequest, StakeholderGroup } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { CommentsService } from '../../services/comments.service';
import { notBlank } from '../comment-form/comment-form';
import type { ParagraphRef } from '../comment-form/comment-form';

/** Limits of the speaker fields, as the API checks them. */
export const SPEAKER_LIMITS = { name: { min: 2, max: 120 }, organisation: { max: 120 } } as const;

let nextId = 0;

/** Editors: "Record an intervention" made in the room or online, on the speaker's behalf. */
@Component({
  selector: 'app-intervention-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    ReactiveFormsModule,
    CdkTextareaAutosize,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  template: `
    <form class="intervention-form" [formGroup]="form" [attr.aria-labelledby]="ids.title" (ngSubmit)="submit()">
      <h4 [id]="ids.title">{{ 'intervention.heading' | transloco: { number: paragraph().number } }}</h4>
      <p class="hint">{{ 'intervention.hint' | transloco }}</p>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'intervention.name' | transloco }}</mat-label>
        <input dir="auto" #nameInput matInput formControlName="speakerName" autocomplete="off" />
        @if (speakerName.hasError('required') || speakerName.hasError('minlength')) {
          <mat-error>{{ 'intervention.nameRequired' | transloco: { min: limits.name.min } }}</mat-error>
        } @else if (speakerName.hasError('maxlength')) {
          <mat-error>{{ 'intervention.nameTooLong' | transloco: { max: limits.name.max } }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'intervention.organisation' | transloco }}</mat-label>
        <input dir="auto" matInput formControlName="speakerOrganisation" autocomplete="off" />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (speakerOrganisation.hasError('maxlength')) {
          <mat-error>{{ 'intervention.organisationTooLong' | transloco: { max: limits.organisation.max } }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'intervention.group' | transloco }}</mat-label>
        <mat-select formControlName="stakeholderGroup">
          @for (group of groups; track group) {
            <mat-option [value]="group">{{ 'group.' + group | transloco }}</mat-option>
          }
        </mat-select>
        @if (stakeholderGroup.hasError('required')) {
          <mat-error>{{ 'intervention.groupRequired' | transloco }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'intervention.body' | transloco }}</mat-label>
        <textarea dir="auto" matInput formControlName="body" cdkTextareaAutosize cdkAutosizeMinRows="3" cdkAutosizeMaxRows="14"></textarea>
        @if (body.hasError('blank')) {
          <mat-error>{{ 'intervention.bodyBlank' | transloco }}</mat-error>
        } @else if (body.hasError('maxlength')) {
          <mat-error>{{ 'intervention.bodyTooLong' | transloco: { max: max } }}</mat-error>
        }
      </mat-form-field>
      @if (otherParagraphs().length > 0) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'intervention.also' | transloco }}</mat-label>
          <mat-select formControlName="alsoParagraphs" multiple>
            @for (other of otherParagraphs(); track other.key) {
              <mat-option [value]="other.key">¶ {{ other.number }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        </mat-form-field>
      }
      @if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [attr.aria-disabled]="busy() || null">{{ 'intervention.submit' | transloco }}</button>
        <button mat-button type="button" (click)="cancelled.emit()">{{ 'common.cancel' | transloco }}</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .intervention-form {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0.75rem;
      border: 1px dashed var(--dw-muted);
      border-radius: 4px;
    }
    h4 {
      margin: 0;
      font-size: 1rem;
    }
    .hint {
      margin: 0;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    mat-form-field {
      width: 100%;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class InterventionForm {
  readonly slug = input.required<string>();
  readonly paragraph = input.required<ParagraphView>();
  /** The document's other paragraphs, for an intervention about several. */
  readonly otherParagraphs = input<readonly ParagraphRef[]>([]);

  readonly posted = output<CommentView>();
  /** A valid submission is on its way: the thread clears what it last announced ("Comment posted"). */
  readonly sending = output<void>();
  readonly cancelled = output<void>();

  private readonly comments = inject(CommentsService);
  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');

  protected readonly groups = STAKEHOLDER_GROUPS;
  protected readonly limits = SPEAKER_LIMITS;
  protected readonly max = LIMITS.comment.max;
  protected readonly ids = { title: `intervention-title-${nextId++}` };

  protected readonly speakerName = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(SPEAKER_LIMITS.name.min), Validators.maxLength(SPEAKER_LIMITS.name.max)],
  });
  protected readonly speakerOrganisation = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(SPEAKER_LIMITS.organisation.max)],
  });
  protected readonly stakeholderGroup = new FormControl<StakeholderGroup | null>(null, { validators: [Validators.required] });
  protected readonly body = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });
  protected readonly alsoParagraphs = new FormControl<string[]>([], { nonNullable: true });
  protected readonly form = new FormGroup({
    speakerName: this.speakerName,
    speakerOrganisation: this.speakerOrganisation,
    stakeholderGroup: this.stakeholderGroup,
    body: this.body,
    alsoParagraphs: this.alsoParagraphs,
  });

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    afterNextRender(() => this.nameInput().nativeElement.focus());
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    const group = this.stakeholderGroup.value;
    this.speakerName.setValue(this.speakerName.value.trim());
    if (this.form.invalid || group === null) {
      this.form.markAllAsTouched();
      return;
    }
    const organisation = this.speakerOrganisation.value.trim();
    const also = this.alsoParagraphs.value;
    const request: RecordInterventionRequest = {
      body: this.body.value.trim(),
      speakerName: this.speakerName.value,
      stakeholderGroup: group,
      ...(organisation ? { speakerOrganisation: organisation } : {}),
      ...(also.length > 0 ? { alsoParagraphs: also } : {}),
    };
    this.busy.set(true);
    this.sending.emit();
    this.comments.recordIntervention(this.slug(), this.paragraph().key, request).subscribe({
      next: (intervention) => {
        this.busy.set(false);
        this.posted.emit(intervention);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(error).message);
      },
    });
  }
}
