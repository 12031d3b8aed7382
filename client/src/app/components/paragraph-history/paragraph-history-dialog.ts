import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { Disposition, ParagraphHistory, ParagraphHistoryEntry } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { VersionsService } from '../../services/versions.service';
import { isStakeholderGroup } from '@doorway/contracts';
import { LanguageService } from '../../core/i18n/language.service';

export interface ParagraphHistoryData {
  slug: string;
  paragraphKey: string;
  /** The paragraph's number where the reader met it. */
  number: number;
}

type State = { status: 'loading' } | { status: 'loaded'; history: ParagraphHistory } | { status: 'error'; message: string };

/** Opens the history of one paragraph in a dialog. */
export function openParagraphHistory(dialog: MatDialog, data: ParagraphHistoryData): MatDialogRef<ParagraphHistoryDialog> {
  return dialog.open<ParagraphHistoryDialog, ParagraphHistoryData>(ParagraphHistoryDialog, {
    data,
    autoFocus: 'dialog',
    width: '44rem',
    maxWidth: '95vw',
  });
}

/** The key of "Changed in this version", "Unchanged since the previous version" or "First version". */
export function entryChangeText(entry: ParagraphHistoryEntry, isFirst: boolean): string {
  if (isFirst) return 'history.first';
  return entry.changed ? 'history.changed' : 'history.unchanged';
}

/** One paragraph through every published version, with the contributions that shaped each revision. */
@Component({
  selector: 'app-paragraph-history-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle, MatProgressBar],
  template: `
    <h2 mat-dialog-title>{{ 'history.title' | transloco: { number: data.number } }}</h2>
    <mat-dialog-content>
      @switch (state().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'history.loading' | transloco" />
        }
        @case ('error') {
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
        }
      }
      @if (entries().length > 0) {
        <ol class="entries">
          @for (item of entries(); track item.entry.versionNumber) {
            <li class="entry" data-testid="history-entry">
              <h3>{{ 'history.version' | transloco: { version: item.entry.versionNumber } }}</h3>
              <p class="meta">
                <span>¶ {{ item.entry.number }}</span>
                <span class="change" [class.changed]="item.entry.changed">{{ item.changeText | transloco }}</span>
              </p>
              <p class="text">{{ item.entry.text }}</p>
              @if (item.entry.provenance.length > 0) {
                <p class="shaped-by-title">{{ 'history.shapedBy' | transloco }}</p>
                <ul class="refs">
                  @for (ref of item.entry.provenance; track ref.id) {
                    <li class="ref" data-testid="provenance-ref">
                      <p class="ref-meta">
                        <span class="kind">{{ 'kind.' + ref.kind | transloco }}</span>
                        <span>{{ group(ref.stakeholderGroup) }}</span>
                        <span>{{ ref.authorName ?? ('attribution.anonymous' | transloco) }}</span>
                        <span class="disposition">{{ disposition(ref.disposition) }}</span>
                      </p>
                      <p class="excerpt">{{ ref.excerpt }}</p>
                    </li>
                  }
                </ul>
              }
            </li>
          }
        </ol>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.close' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .entries {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry + .entry {
      margin-top: 1rem;
      padding-top: 1rem;
      border-top: 1px solid var(--dw-border);
    }
    h3 {
      margin: 0 0 0.25rem;
      font-size: 1.0625rem;
    }
    .meta,
    .ref-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0 0 0.375rem;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .change.changed {
      font-weight: 700;
      color: var(--dw-text);
    }
    .text {
      margin: 0 0 0.5rem;
      font-family: var(--dw-reading-font);
      line-height: 1.6;
      white-space: pre-line;
      overflow-wrap: anywhere;
      color: var(--dw-text);
    }
    .shaped-by-title {
      margin: 0.5rem 0 0.25rem;
      font-weight: 600;
      color: var(--dw-text);
    }
    .refs {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .ref + .ref {
      margin-top: 0.5rem;
    }
    .kind,
    .disposition {
      font-weight: 600;
      color: var(--dw-text);
    }
    .excerpt {
      margin: 0;
      font-style: italic;
      white-space: pre-line;
      overflow-wrap: anywhere;
      color: var(--dw-text);
    }
  `,
})
export class ParagraphHistoryDialog {
  protected readonly data = inject<ParagraphHistoryData>(MAT_DIALOG_DATA);
  private readonly versions = inject(VersionsService);

  private readonly i18n = inject(LanguageService);
  protected readonly state = signal<State>({ status: 'loading' });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });
  /** Newest first, each with what changed. */
  protected readonly entries = computed(() => {
    const state = this.state();
    if (state.status !== 'loaded') return [];
    return state.history.entries
      .map((entry, index) => ({ entry, changeText: entryChangeText(entry, index === 0) }))
      .reverse();
  });

  constructor() {
    this.versions
      .history(this.data.slug, this.data.paragraphKey)
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (history) => this.state.set({ status: 'loaded', history }),
        error: (error: unknown) =>
          this.state.set({ status: 'error', message: `${this.i18n.t('history.loadFailed')} ${toApiError(error).message}` }),
      });
  }

  protected group(group: string): string {
    return isStakeholderGroup(group) ? this.i18n.t(`group.${group}`) : group;
  }

  protected disposition(disposition: Disposition): string {
    return this.i18n.t(`disposition.${disposition}`);
  }
}
