import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatProgressBar } from '@angular/material/progress-bar';
import { catchError, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import type { DiffParagraph, DiffWord, VersionDiff, VersionSummary } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { VersionsService } from '../../services/versions.service';
import { openParagraphHistory } from '../../components/paragraph-history/paragraph-history-dialog';
import { WordDiff, wordDiff } from '../../components/word-diff/word-diff';
import { versionNumber } from '../version/version-page';

export type ChangeKind = DiffParagraph['change'];

export interface Range {
  from: number;
  to: number;
}

/**
 * The versions to compare: the query parameters when both are given, else the newest published
 * version (or `to`) against the one before it. Null when there is nothing to compare yet.
 */
export function compareRange(fromParam: string | undefined, toParam: string | undefined, versions: readonly VersionSummary[] | null): Range | null {
  const from = versionNumber(fromParam);
  const to = versionNumber(toParam);
  if (from !== null && to !== null) return { from, to };
  if (!versions) return null;
  const published = versions.filter((v) => v.status === 'published').map((v) => v.number).sort((a, b) => a - b);
  const target = to ?? published[published.length - 1];
  if (target === undefined) return null;
  const base = from ?? [...published].reverse().find((n) => n < target);
  return base === undefined ? null : { from: base, to: target };
}

/** The words to show for a paragraph: its word diff, the whole text added or deleted, or the text as it is. */
export function paragraphWords(paragraph: DiffParagraph): DiffWord[] {
  switch (paragraph.change) {
    case 'changed':
    case 'changed_and_moved':
      if (paragraph.words.length > 0) return paragraph.words;
      return wordDiff(paragraph.from?.text ?? '', paragraph.to?.text ?? '');
    case 'added':
      return [{ value: paragraph.to?.text ?? '', added: true }];
    case 'deleted':
      return [{ value: paragraph.from?.text ?? '', removed: true }];
    default:
      return [{ value: paragraph.to?.text ?? paragraph.from?.text ?? '' }];
  }
}

type DiffState = { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; diff: VersionDiff } | { status: 'error'; message: string };

/** What changed between two published versions, paragraph by paragraph, word by word. */
@Component({
  selector: 'app-compare-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, RouterLink, MatButton, MatFormField, MatIcon, MatLabel, MatOption, MatProgressBar, MatSelect, WordDiff],
  template: `
    <div class="page compare">
      <p class="back"><a [routerLink]="['/documents', slug()]">{{ 'compare.back' | transloco }}</a></p>
      @if (range(); as r) {
        <h1>{{ 'compare.heading' | transloco: { from: r.from, to: r.to } }}</h1>
      } @else {
        <h1>{{ 'compare.title' | transloco }}</h1>
      }

      @if (choices().length > 0) {
        <div class="pickers" role="group" [attr.aria-label]="'compare.pickers' | transloco">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'compare.from' | transloco }}</mat-label>
            <mat-select [value]="range()?.from" (selectionChange)="choose('from', $event.value)">
              @for (choice of choices(); track choice.number) {
                <mat-option [value]="choice.number">{{ choice.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'compare.to' | transloco }}</mat-label>
            <mat-select [value]="range()?.to" (selectionChange)="choose('to', $event.value)">
              @for (choice of choices(); track choice.number) {
                <mat-option [value]="choice.number">{{ choice.text }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
      }

      @if (listError(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }
      @if (versions() !== null && !range()) {
        <p>{{ 'compare.onlyOne' | transloco }}</p>
      }

      @switch (diffState().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'compare.loading' | transloco" />
        }
        @case ('error') {
          <p class="form-alert" role="alert">{{ diffError() }}</p>
        }
      }

      @if (diff(); as d) {
        <p class="summary" role="status">{{ summary() }}</p>
        <p class="legend">{{ 'suggestion.legend' | transloco }}</p>
        @if (unchangedCount() > 0) {
          <button mat-stroked-button type="button" class="toggle-unchanged" [attr.aria-expanded]="showUnchanged()" (click)="toggleUnchanged()">
            <mat-icon aria-hidden="true" [svgIcon]="showUnchanged() ? 'unfold_less' : 'unfold_more'" />
            {{ (showUnchanged() ? 'compare.hideUnchanged' : 'compare.showUnchanged') | transloco }} ({{ unchangedCount() }})
          </button>
        }
        @if (shown().length > 0) {
          <ol class="changes">
            @for (item of shown(); track item.paragraph.key) {
              @let p = item.paragraph;
              <li class="change change--{{ p.change }}" data-testid="diff-paragraph">
                <p class="where">
                  <span class="label">{{ 'change.' + p.change | transloco }}</span>
                  <span class="numbers">
                    @if (p.from && p.to) {
                      @if (p.from.number === p.to.number) {
                        ¶ {{ p.to.number }}
                      } @else {
                        ¶ {{ p.from.number }} <span aria-hidden="true">→</span><span class="visually-hidden">{{ 'compare.became' | transloco }}</span> ¶ {{ p.to.number }}
                      }
                    } @else if (p.to) {
                      {{ 'compare.new' | transloco: { number: p.to.number } }}
                    } @else if (p.from) {
                      {{ 'compare.was' | transloco: { number: p.from.number } }}
                    }
                  </span>
                  <button mat-button type="button" class="history" aria-haspopup="dialog" (click)="openHistory(p)">
                    <mat-icon aria-hidden="true" svgIcon="history" />
                    {{ 'compare.history' | transloco: { number: p.to?.number ?? p.from?.number } }}
                  </button>
                </p>
                <app-word-diff class="text" [words]="item.words" />
              </li>
            }
          </ol>
        } @else if (unchangedCount() > 0) {
          <p>{{ 'compare.noChange' | transloco }}</p>
        }
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 0.5rem 0 1rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .back {
      margin: 0;
    }
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      margin-bottom: 1rem;
    }
    .pickers mat-form-field {
      flex: 1 1 16rem;
      max-width: 24rem;
    }
    .summary {
      font-weight: 600;
    }
    .legend {
      color: var(--dw-muted);
    }
    .toggle-unchanged {
      margin-bottom: 1rem;
    }
    .changes {
      display: grid;
      gap: 1rem;
      max-width: 60rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .change {
      padding: 0.75rem 1rem;
      border: 1px solid var(--dw-border);
      border-inline-start: 6px solid var(--dw-accent);
      border-radius: 4px;
    }
    .change--unchanged {
      border-inline-start-color: var(--dw-border);
    }
    .change--added {
      border-inline-start-color: #1d6b3e;
    }
    .change--deleted {
      border-inline-start-style: dashed;
      border-inline-start-color: var(--dw-danger);
    }
    .where {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
      margin: 0 0 0.5rem;
      color: var(--dw-muted);
    }
    .label {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-weight: 700;
      color: var(--dw-text);
    }
    .numbers {
      font-weight: 600;
    }
    .text {
      font-family: var(--dw-reading-font);
      font-size: 1.0625rem;
      line-height: 1.7;
    }
  `,
})
export class ComparePage {
  /** The `:slug` route parameter and the `from` / `to` query parameters (router input binding). */
  readonly slug = input.required<string>();
  readonly from = input<string>();
  readonly to = input<string>();

  private readonly versionsService = inject(VersionsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);

  private readonly i18n = inject(LanguageService);
  /** The published versions, once loaded. */
  protected readonly versions = signal<VersionSummary[] | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly diffState = signal<DiffState>({ status: 'idle' });
  protected readonly showUnchanged = signal(false);

  protected readonly range = computed(() => compareRange(this.from(), this.to(), this.versions()), {
    equal: (a, b) => a?.from === b?.from && a?.to === b?.to,
  });
  protected readonly choices = computed(() =>
    (this.versions() ?? [])
      .filter((v) => v.status === 'published')
      .map((v) => ({ number: v.number, text: v.label ? `${this.i18n.t('history.version', { version: v.number })} · ${v.label}` : this.i18n.t('history.version', { version: v.number }) })),
  );
  protected readonly diff = computed(() => {
    const state = this.diffState();
    return state.status === 'loaded' ? state.diff : null;
  });
  protected readonly diffError = computed(() => {
    const state = this.diffState();
    return state.status === 'error' ? state.message : '';
  });
  /** "Paragraphs: 2 changed, 1 added." in the interface language, only the kinds that occur. */
  protected readonly summary = computed(() => {
    const paragraphs = this.diff()?.paragraphs ?? [];
    const order: ChangeKind[] = ['changed', 'changed_and_moved', 'added', 'deleted', 'moved', 'unchanged'];
    const parts = order
      .map((kind) => ({ kind, n: paragraphs.filter((p) => p.change === kind).length }))
      .filter((part) => part.n > 0)
      .map((part) => `${part.n} ${this.i18n.t(`changeCount.${part.kind}`)}`);
    return parts.length > 0 ? this.i18n.t('compare.summary', { parts: this.i18n.shortList(parts) }) : this.i18n.t('compare.noParagraphs');
  });
  protected readonly unchangedCount = computed(() => (this.diff()?.paragraphs ?? []).filter((p) => p.change === 'unchanged').length);
  /** The paragraphs on show (unchanged ones only when asked for), each with the words to render. */
  protected readonly shown = computed(() =>
    (this.diff()?.paragraphs ?? [])
      .filter((p) => this.showUnchanged() || p.change !== 'unchanged')
      .map((paragraph) => ({ paragraph, words: paragraphWords(paragraph) })),
  );

  constructor() {
    toObservable(this.slug)
      .pipe(
        tap(() => {
          this.versions.set(null);
          this.listError.set(null);
        }),
        switchMap((slug) =>
          this.versionsService.list(slug).pipe(
            catchError((error: unknown) => {
              this.listError.set(`${this.i18n.t('compare.listFailed')} ${toApiError(error).message}`);
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((versions) => {
        if (versions) this.versions.set(versions.filter((v) => v.status === 'published'));
      });

    toObservable(computed(() => ({ slug: this.slug(), range: this.range() })))
      .pipe(
        map(({ slug, range }) => (range ? { slug, ...range } : null)),
        distinctUntilChanged((a, b) => a?.slug === b?.slug && a?.from === b?.from && a?.to === b?.to),
        switchMap((request) => {
          if (!request) {
            this.diffState.set({ status: 'idle' });
            return of(null);
          }
          this.diffState.set({ status: 'loading' });
          return this.versionsService.diff(request.slug, request.from, request.to).pipe(
            map((diff): DiffState => ({ status: 'loaded', diff })),
            catchError((error: unknown) =>
              of<DiffState>({ status: 'error', message: `${this.i18n.t('compare.diffFailed')} ${toApiError(error).message}` }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state) this.diffState.set(state);
      });
  }

  protected toggleUnchanged(): void {
    this.showUnchanged.update((show) => !show);
  }

  protected choose(which: 'from' | 'to', value: number): void {
    const current = this.range();
    const next = { from: current?.from ?? value, to: current?.to ?? value, [which]: value };
    void this.router.navigate([], { relativeTo: this.route, queryParams: { from: next.from, to: next.to } });
  }

  protected openHistory(paragraph: DiffParagraph): void {
    openParagraphHistory(this.dialog, {
      slug: this.slug(),
      paragraphKey: paragraph.key,
      number: paragraph.to?.number ?? paragraph.from?.number ?? 0,
    });
  }
}
