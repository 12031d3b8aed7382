import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { DISPOSITIONS, STAKEHOLDER_GROUP_ABBREVIATIONS } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';
import { groupsByCount } from '../../shared/contributions/contribution-text';
import type { Disposition, DispositionChangeView, SetDispositionRequest, TriageItem } from '@doorway/contracts';
import { isApiError, toApiError } from '../../core/http/api-error';
import { TriageService } from '../../services/triage.service';
import { TextDiff } from '../merge/text-diff';
import { isDisposition, paragraphNumbersText } from './triage-text';

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
  // Problems are translation keys (with their parameters), shown by the component in the interface language.
  if (text.length > NOTE_MAX) return { problem: 'triageItem.noteTooLong' };
  if (disposition === 'duplicate' && !duplicateOf) return { problem: 'triageItem.chooseOriginal' };
  const request: SetDispositionRequest = { disposition };
  if (text !== '') request.note = text;
  if (disposition === 'duplicate' && duplicateOf) request.duplicateOf = duplicateOf;
  return { request };
}

/** One contribution in the triage queue: what it says, who backs it, and the editor's disposition. */
@Component({
  selector: 'app-triage-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, CdkTextareaAutosize, MatButton, MatCheckbox, MatFormField, MatHint, MatInput, MatLabel, MatOption, MatSelect, TextDiff],
  template: `
    <article class="item" data-testid="triage-item" [attr.aria-labelledby]="'triage-title-' + item().id">
      <div class="top">
        <mat-checkbox
          class="select"
          [checked]="selected()"
          (change)="selectedChange.emit($event.checked)"
          [aria-label]="'triageItem.selectThis' | transloco"
          >{{ 'triageItem.select' | transloco }}</mat-checkbox
        >
        <h3 [id]="'triage-title-' + item().id" tabindex="-1">
          <span class="kind kind--{{ item().kind }}">{{ kindLabel() }}</span>
          <span class="where">{{ paragraphs() }}</span>
        </h3>
      </div>

      <p class="facts">
        <span class="author">{{ item().authorName }}</span>
        @if (item().recordedBy; as rapporteur) {
          <span>{{ 'triageItem.recordedBy' | transloco: { name: rapporteur } }}</span>
        }
        <span class="group">
          <span class="dw-group dw-group--{{ item().stakeholderGroup }}" aria-hidden="true">{{ groupAbbreviation() }}</span>
          <span>{{ groupLabel() }}</span>
        </span>
        <time [attr.datetime]="item().createdAt">{{ item().createdAt | translocoDate: { dateStyle: 'medium', timeStyle: 'short' } }}</time>
      </p>

      <p class="excerpt">{{ item().excerpt }}</p>

      @if (item().kind === 'suggestion' && item().proposedText !== null) {
        <div class="proposal">
          <p class="proposal-title">{{ (currentText() === null ? 'suggestion.proposed' : 'triageItem.proposedChange') | transloco }}</p>
          <app-text-diff [before]="currentText() ?? ''" [after]="item().proposedText ?? ''" testId="triage-diff" />
        </div>
      }

      <p class="status">
        <span class="endorsements" data-testid="triage-endorsements">{{ endorsements() }}</span>
        <span class="current" data-testid="triage-current">
          {{ 'triageItem.now' | transloco }} <strong>{{ currentLabel() }}</strong>
          @if (item().answeredInVersion !== null) {
            <span class="answered">{{ 'comment.acceptedIn' | transloco: { version: item().answeredInVersion } }}</span>
          }
        </span>
      </p>
      @if (item().dispositionNote; as note) {
        <p class="note">{{ 'triageItem.note' | transloco: { note: note } }}</p>
      }

      <form class="decide" (submit)="$event.preventDefault(); save()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="disposition">
          <mat-label>{{ 'triage.disposition' | transloco }}</mat-label>
          <mat-select [value]="disposition()" (selectionChange)="chooseDisposition($event.value)">
            @for (value of dispositions; track value) {
              <mat-option [value]="value">{{ 'disposition.' + value | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (disposition() === 'duplicate') {
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="original">
            <mat-label>{{ 'triageItem.original' | transloco }}</mat-label>
            <mat-select [value]="duplicateOf()" (selectionChange)="duplicateOf.set($event.value)">
              @if (unlistedOriginal(); as id) {
                <mat-option [value]="id">{{ 'triageItem.alreadyNamed' | transloco }}</mat-option>
              }
              @for (candidate of otherCandidates(); track candidate.id) {
                <mat-option [value]="candidate.id">{{ candidate.label }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'triageItem.originalHint' | transloco }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="note-field">
          <mat-label>{{ 'triageItem.noteLabel' | transloco }}</mat-label>
          <textarea
            dir="auto"
            matInput
            cdkTextareaAutosize
            cdkAutosizeMinRows="2"
            [value]="note()"
            (input)="onNote($event)"
            [attr.maxlength]="noteMax"
          ></textarea>
          <mat-hint>{{ 'triageItem.noteHint' | transloco }}</mat-hint>
        </mat-form-field>
        <div class="actions">
          <button mat-flat-button type="submit" [attr.aria-disabled]="saving() || null">{{ 'triageItem.save' | transloco }}</button>
          <button
            mat-button
            type="button"
            [attr.aria-expanded]="history().status !== 'closed'"
            [attr.aria-controls]="'triage-history-' + item().id"
            (click)="toggleHistory()"
          >
            {{ 'caseStudy.history' | transloco }}
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
            <p class="muted">{{ 'triageItem.historyLoading' | transloco }}</p>
          }
          @case ('error') {
            <p class="form-alert" role="alert">{{ historyError() }}</p>
          }
          @case ('loaded') {
            @if (historyChanges().length === 0) {
              <p class="muted">{{ 'triageItem.noDecision' | transloco }}</p>
            } @else {
              <ol class="history">
                @for (change of historyChanges(); track $index) {
                  <li>
                    <time [attr.datetime]="change.at">{{ change.at | translocoDate: { dateStyle: 'medium', timeStyle: 'short' } }}</time>
                    {{ change.by }}: {{ 'disposition.' + change.from | transloco }} → {{ 'disposition.' + change.to | transloco }}
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
      border-inline-start: 4px solid var(--dw-border);
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
      margin-inline-start: 0.5rem;
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
      padding-inline-start: 1.25rem;
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
  private readonly i18n = inject(LanguageService);
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

  protected readonly kindLabel = computed(() => this.i18n.t(`kind.${this.item().kind}`));
  protected readonly groupLabel = computed(() => this.i18n.t(`group.${this.item().stakeholderGroup}`));
  protected readonly groupAbbreviation = computed(() => STAKEHOLDER_GROUP_ABBREVIATIONS[this.item().stakeholderGroup]);
  protected readonly endorsements = computed(() => {
    const { total, byGroup } = this.item().endorsements;
    if (total <= 0) return this.i18n.t('triageItem.noEndorsements');
    const locale = localeOf(this.i18n.language());
    const parts = groupsByCount(byGroup).map((g) => `${g.count} ${this.i18n.t(`group.${g.group}`).toLocaleLowerCase(locale)}`);
    return this.i18n.t('triageItem.endorsedBy', { total, groups: this.i18n.shortList(parts) });
  });
  protected readonly currentLabel = computed(() => this.i18n.t(`disposition.${this.item().disposition}`));
  protected readonly paragraphs = computed(() => {
    const numbers = new Map([...this.paragraphInfo()].map(([key, info]) => [key, info.number] as const));
    const keys = this.item().paragraphKeys;
    const known = keys.map((key) => numbers.get(key)).filter((n): n is number => n !== undefined);
    if (known.length === 0) return this.i18n.t(keys.length > 0 ? 'triageItem.goneParagraph' : 'triageItem.wholeDocument');
    return paragraphNumbersText(keys, numbers);
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
      this.error.set(this.i18n.t(result.problem, { max: NOTE_MAX.toLocaleString(localeOf(this.i18n.language())) }));
      return;
    }
    this.saving.set(true);
    this.triage.setDisposition(this.item().id, result.request).subscribe({
      next: (item) => {
        this.saving.set(false);
        this.saved.emit(item);
        this.savedMessage.set(this.i18n.t('triageItem.saved'));
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
        this.history.set({ status: 'error', message: `${this.i18n.t('history.loadFailed')} ${toApiError(error).message}` }),
    });
  }

  private describe(error: unknown): string {
    if (error instanceof HttpErrorResponse && isApiError(error.error) && error.error.details?.length) {
      return `${this.i18n.t('triageItem.notSaved')} ${error.error.details.map((d) => d.problems.join(', ')).join('; ')}`;
    }
    return `${this.i18n.t('triageItem.notSaved')} ${toApiError(error).message}`;
  }
}
