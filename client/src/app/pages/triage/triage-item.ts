import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { DISPOSITIONS, DISPOSITION_LABELS, STAKEHOLDER_GROUP_ABBREVIATIONS, STAKEHOLDER_GROUP_LABELS } from '@doorway/contracts';
import type { Disposition, DispositionChangeView, SetDispositionRequest, TriageItem } from '@doorway/contracts';
import { isApiError, toApiError } from '../../core/http/api-error';
import { TriageService } from '../../services/triage.service';
import { TextDiff } from '../merge/text-diff';
import { TRIAGE_KIND_LABELS, endorsementText, isDisposition, paragraphNumbersText } from './triage-text';

/** A paragraph of the current version, as the queue needs it. */
export interface ParagraphInfo {
  number: number;
  text: string;
}

/** Another item of the queue that this one could duplicate. */
export interface DuplicateCandidate {
  id: string;
  label: string;
}

export const NOTE_MAX = 2000;

type HistoryState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'loaded'; changes: DispositionChangeView[] }
  | { status: 'error'; message: string };

/** The request for a disposition, or a problem to show instead of sending it. */
export function dispositionRequest(
  disposition: Disposition,
  note: string,
  duplicateOf: string | null,
): { request: SetDispositionRequest } | { problem: string } {
  const text = note.trim();
  if (text.length > NOTE_MAX) return { problem: `The note can be at most ${NOTE_MAX.toLocaleString('en')} characters` };
  if (disposition === 'duplicate' && !duplicateOf) return { problem: 'Choose the original contribution this one duplicates' };
  const request: SetDispositionRequest = { disposition };
  if (text !== '') request.note = text;
  if (disposition === 'duplicate' && duplicateOf) request.duplicateOf = duplicateOf;
  return { request };
}

/** One contribution in the triage queue: what it says, who backs it, and the editor's disposition. */
@Component({
  selector: 'app-triage-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, CdkTextareaAutosize, MatButton, MatCheckbox, MatFormField, MatHint, MatInput, MatLabel, MatOption, MatSelect, TextDiff],
  template: `
    <article class="item" data-testid="triage-item" [attr.aria-labelledby]="'triage-title-' + item().id">
      <div class="top">
        <mat-checkbox
          class="select"
          [checked]="selected()"
          (change)="selectedChange.emit($event.checked)"
          aria-label="Select this contribution"
          >Select</mat-checkbox
        >
        <h3 [id]="'triage-title-' + item().id" tabindex="-1">
          <span class="kind kind--{{ item().kind }}">{{ kindLabel() }}</span>
          <span class="where">{{ paragraphs() }}</span>
        </h3>
      </div>

      <p class="facts">
        <span class="author">{{ item().authorName }}</span>
        @if (item().recordedBy; as rapporteur) {
          <span>recorded by the rapporteur {{ rapporteur }}</span>
        }
        <span class="group">
          <span class="dw-group dw-group--{{ item().stakeholderGroup }}" aria-hidden="true">{{ groupAbbreviation() }}</span>
          <span>{{ groupLabel() }}</span>
        </span>
        <time [attr.datetime]="item().createdAt">{{ item().createdAt | date: 'd MMM y, HH:mm' }}</time>
      </p>

      <p class="excerpt">{{ item().excerpt }}</p>

      @if (item().kind === 'suggestion' && item().proposedText !== null) {
        <div class="proposal">
          <p class="proposal-title">{{ currentText() === null ? 'Proposed text' : 'Proposed change to the current text' }}</p>
          <app-text-diff [before]="currentText() ?? ''" [after]="item().proposedText ?? ''" testId="triage-diff" />
        </div>
      }

      <p class="status">
        <span class="endorsements" data-testid="triage-endorsements">{{ endorsements() }}</span>
        <span class="current" data-testid="triage-current">
          Now: <strong>{{ currentLabel() }}</strong>
          @if (item().answeredInVersion !== null) {
            <span class="answered">Accepted in v{{ item().answeredInVersion }}</span>
          }
        </span>
      </p>
      @if (item().dispositionNote; as note) {
        <p class="note">Note: {{ note }}</p>
      }

      <form class="decide" (submit)="$event.preventDefault(); save()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="disposition">
          <mat-label>Disposition</mat-label>
          <mat-select [value]="disposition()" (selectionChange)="chooseDisposition($event.value)">
            @for (value of dispositions; track value) {
              <mat-option [value]="value">{{ labels[value] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (disposition() === 'duplicate') {
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="original">
            <mat-label>Original contribution</mat-label>
            <mat-select [value]="duplicateOf()" (selectionChange)="duplicateOf.set($event.value)">
              @if (unlistedOriginal(); as id) {
                <mat-option [value]="id">The contribution already named</mat-option>
              }
              @for (candidate of otherCandidates(); track candidate.id) {
                <mat-option [value]="candidate.id">{{ candidate.label }}</mat-option>
              }
            </mat-select>
            <mat-hint>Among the contributions listed on this page</mat-hint>
          </mat-form-field>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="note-field">
          <mat-label>Note to the author</mat-label>
          <textarea
            matInput
            cdkTextareaAutosize
            cdkAutosizeMinRows="2"
            [value]="note()"
            (input)="onNote($event)"
            [attr.maxlength]="noteMax"
          ></textarea>
          <mat-hint>Optional, public: tells the author what became of their contribution</mat-hint>
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [attr.aria-disabled]="saving() || null">Save disposition</button>
          <button
            mat-button
            type="button"
            [attr.aria-expanded]="history().status !== 'closed'"
            [attr.aria-controls]="'triage-history-' + item().id"
            (click)="toggleHistory()"
          >
            History
          </button>
        </div>
      </form>

      <p class="saved" role="status">{{ savedMessage() }}</p>
      @if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }

      <div [id]="'triage-history-' + item().id">
        @switch (history().status) {
          @case ('loading') {
            <p class="muted">Loading the history…</p>
          }
          @case ('error') {
            <p class="form-alert" role="alert">{{ historyError() }}</p>
          }
          @case ('loaded') {
            @if (historyChanges().length === 0) {
              <p class="muted">No decision recorded yet.</p>
            } @else {
              <ol class="history">
                @for (change of historyChanges(); track $index) {
                  <li>
                    <time [attr.datetime]="change.at">{{ change.at | date: 'd MMM y, HH:mm' }}</time>
                    {{ change.by }}: {{ labels[change.from] }} → {{ labels[change.to] }}
                    @if (change.note) {
                      <span class="history-note">“{{ change.note }}”</span>
                    }
                  </li>
                }
              </ol>
            }
          }
        }
      </div>
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .item {
      padding: 0.75rem 1rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
    }
    h3 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      font-size: 1.0625rem;
    }
    .kind {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-size: 0.875rem;
    }
    .kind--suggestion {
      border-style: dashed;
    }
    .kind--case_study {
      border-style: double;
      border-width: 4px;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
      margin: 0.375rem 0;
      font-size: 0.9375rem;
      color: var(--dw-muted);
    }
    .author {
      font-weight: 700;
      color: var(--dw-text);
    }
    .group {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .excerpt,
    .note {
      margin: 0 0 0.5rem;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .note {
      font-style: italic;
    }
    .proposal {
      margin: 0 0 0.5rem;
      padding: 0.5rem 0.75rem;
      border-left: 4px solid var(--dw-border);
      background: var(--dw-surface-alt);
    }
    .proposal-title {
      margin: 0 0 0.25rem;
      font-weight: 600;
    }
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      margin: 0 0 0.5rem;
    }
    .answered {
      margin-left: 0.5rem;
      padding: 0 0.5rem;
      border: 2px solid #1d6b3e;
      border-radius: 4px;
      font-weight: 600;
    }
    .decide {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem 1rem;
    }
    .disposition,
    .original {
      flex: 0 1 16rem;
    }
    .note-field {
      flex: 1 1 20rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      min-height: 3.5rem;
    }
    .saved {
      margin: 0.25rem 0 0;
      font-weight: 600;
    }
    .saved:empty {
      margin: 0;
    }
    .muted {
      color: var(--dw-muted);
    }
    .history {
      margin: 0.5rem 0 0;
      padding-left: 1.25rem;
    }
    .history-note {
      font-style: italic;
    }
  `,
})
export class TriageItemCard {
  readonly item = input.required<TriageItem>();
  readonly paragraphInfo = input.required<ReadonlyMap<string, ParagraphInfo>>();
  readonly selected = input(false);
  /** The contributions on the page, for "Original contribution" (this one is left out). */
  readonly candidates = input<readonly DuplicateCandidate[]>([]);

  readonly selectedChange = output<boolean>();
  /** The disposition was saved; carries the item as the API now has it. */
  readonly saved = output<TriageItem>();

  private readonly triage = inject(TriageService);

  protected readonly dispositions = DISPOSITIONS;
  protected readonly labels = DISPOSITION_LABELS;
  protected readonly noteMax = NOTE_MAX;

  /** What the editor is about to record; starts from what is recorded, again whenever the item changes. */
  protected readonly disposition = linkedSignal<Disposition>(() => this.item().disposition);
  protected readonly note = linkedSignal(() => this.item().dispositionNote ?? '');
  protected readonly duplicateOf = linkedSignal<string | null>(() => this.item().duplicateOfId);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly savedMessage = signal('');
  protected readonly history = signal<HistoryState>({ status: 'closed' });
  protected readonly historyChanges = computed(() => {
    const history = this.history();
    return history.status === 'loaded' ? history.changes : [];
  });
  protected readonly historyError = computed(() => {
    const history = this.history();
    return history.status === 'error' ? history.message : '';
  });

  protected readonly kindLabel = computed(() => TRIAGE_KIND_LABELS[this.item().kind]);
  protected readonly groupLabel = computed(() => STAKEHOLDER_GROUP_LABELS[this.item().stakeholderGroup]);
  protected readonly groupAbbreviation = computed(() => STAKEHOLDER_GROUP_ABBREVIATIONS[this.item().stakeholderGroup]);
  protected readonly endorsements = computed(() => endorsementText(this.item().endorsements));
  protected readonly currentLabel = computed(() => DISPOSITION_LABELS[this.item().disposition]);
  protected readonly paragraphs = computed(() => {
    const numbers = new Map([...this.paragraphInfo()].map(([key, info]) => [key, info.number] as const));
    return paragraphNumbersText(this.item().paragraphKeys, numbers);
  });
  /** The current text of the paragraph a suggestion rewrites (its first paragraph). */
  protected readonly currentText = computed(() => {
    const key = this.item().paragraphKeys[0];
    return key === undefined ? null : (this.paragraphInfo().get(key)?.text ?? null);
  });
  protected readonly otherCandidates = computed(() => this.candidates().filter((candidate) => candidate.id !== this.item().id));
  /** The recorded original, when it is not among the candidates on this page. */
  protected readonly unlistedOriginal = computed(() => {
    const id = this.item().duplicateOfId;
    return id && !this.otherCandidates().some((candidate) => candidate.id === id) ? id : null;
  });

  protected onNote(event: Event): void {
    if (event.target instanceof HTMLTextAreaElement) this.note.set(event.target.value);
  }

  protected chooseDisposition(value: unknown): void {
    if (isDisposition(value)) this.disposition.set(value);
  }

  protected save(): void {
    if (this.saving()) return;
    this.error.set(null);
    this.savedMessage.set('');
    const result = dispositionRequest(this.disposition(), this.note(), this.duplicateOf());
    if ('problem' in result) {
      this.error.set(result.problem);
      return;
    }
    this.saving.set(true);
    this.triage.setDisposition(this.item().id, result.request).subscribe({
      next: (item) => {
        this.saving.set(false);
        this.saved.emit(item);
        this.savedMessage.set('Disposition saved');
        // The history has a new entry: read it again when it is next shown (or now, if it is open).
        if (this.history().status !== 'closed') this.loadHistory();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set(this.describe(error));
      },
    });
  }

  protected toggleHistory(): void {
    if (this.history().status === 'closed') this.loadHistory();
    else this.history.set({ status: 'closed' });
  }

  private loadHistory(): void {
    this.history.set({ status: 'loading' });
    this.triage.history(this.item().id).subscribe({
      next: (changes) => this.history.set({ status: 'loaded', changes }),
      error: (error: unknown) =>
        this.history.set({ status: 'error', message: `The history could not be loaded. ${toApiError(error).message}` }),
    });
  }

  private describe(error: unknown): string {
    if (error instanceof HttpErrorResponse && isApiError(error.error) && error.error.details?.length) {
      return `Not saved: ${error.error.details.map((d) => d.problems.join(', ')).join('; ')}`;
    }
    return `Not saved. ${toApiError(error).message}`;
  }
}
