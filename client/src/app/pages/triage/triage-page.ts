import { TranslocoPipe } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { Subscription, catchError, map, of, switchMap, tap } from 'rxjs';
import {
  DISPOSITIONS,
  STAKEHOLDER_GROUPS,
  TRIAGE_KINDS,
  hasRole,
} from '@doorway/contracts';
import type { Disposition, DocumentVersionView, TriageItem, TriagePage as TriagePageView } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';
import { DocumentsService } from '../../services/documents.service';
import { TriageService } from '../../services/triage.service';
import type { TriageFilters } from '../../services/triage.service';
import { firstWords, paragraphChoices } from '../../shared/case-studies/paragraph-choices';
import type { ParagraphChoice } from '../../shared/case-studies/paragraph-choices';
import { NOTE_MAX, TriageItemCard } from './triage-item';
import type { DuplicateCandidate, ParagraphInfo } from './triage-item';
import {
  isDisposition,
  paramsFromTriageFilters,
  sameTriageFilters,
  triageFiltersFromParams,
} from './triage-text';

type Loaded = { status: 'loading' } | { status: 'loaded'; page: TriagePageView } | { status: 'error'; message: string };

/** Bulk decisions: a duplicate needs its own original, so it is set one contribution at a time. */
const BULK_DISPOSITIONS = DISPOSITIONS.filter((d) => d !== 'duplicate');

/** Editors: every comment, suggestion and case study on a document, filtered, each given a disposition. */
@Component({
  selector: 'app-triage-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, 
    RouterLink,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    TriageItemCard,
  ],
  template: `
    <div class="page triage">
      <h1>{{ 'title.triage' | transloco }}</h1>
      @if (!isEditor()) {
        <p role="alert">{{ 'triage.editorsOnly' | transloco }}</p>
      } @else {
        @if (documentTitle(); as title) {
          <p class="document">
            <a [routerLink]="['/documents', slug()]">{{ title }}</a>
            · <a [routerLink]="['/documents', slug(), 'merge']">{{ 'title.merge' | transloco }}</a>
          </p>
        }

        <section class="filters" aria-labelledby="triage-filters-title">
          <h2 id="triage-filters-title">{{ 'triage.filters' | transloco }}</h2>
          <div class="filter-fields">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.paragraph' | transloco }}</mat-label>
              <mat-select [value]="filters().paragraph" (selectionChange)="setFilter({ paragraph: asText($event.value) })">
                <mat-option [value]="null">{{ 'triage.anyParagraph' | transloco }}</mat-option>
                @for (choice of paragraphChoices(); track choice.key) {
                  <mat-option [value]="choice.key">{{ choice.label }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'register.field.stakeholderGroup' | transloco }}</mat-label>
              <mat-select [value]="filters().group" (selectionChange)="setParam('group', $event.value)">
                <mat-option [value]="null">{{ 'triage.anyGroup' | transloco }}</mat-option>
                @for (group of groups; track group) {
                  <mat-option [value]="group">{{ 'group.' + group | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.kind' | transloco }}</mat-label>
              <mat-select [value]="filters().kind" (selectionChange)="setParam('kind', $event.value)">
                <mat-option [value]="null">{{ 'triage.anyKind' | transloco }}</mat-option>
                @for (kind of kinds; track kind) {
                  <mat-option [value]="kind">{{ 'kind.' + kind | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.disposition' | transloco }}</mat-label>
              <mat-select [value]="filters().disposition" (selectionChange)="setParam('disposition', $event.value)">
                <mat-option [value]="null">{{ 'triage.anyDisposition' | transloco }}</mat-option>
                @for (disposition of dispositions; track disposition) {
                  <mat-option [value]="disposition">{{ 'disposition.' + disposition | transloco }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.from' | transloco }}</mat-label>
              <input matInput type="date" [value]="filters().from ?? ''" (change)="setDateParam('from', $event)" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.to' | transloco }}</mat-label>
              <input matInput type="date" [value]="filters().to ?? ''" (change)="setDateParam('to', $event)" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'triage.minEndorsements' | transloco }}</mat-label>
              <input
                matInput
                type="number"
                inputmode="numeric"
                min="0"
                step="1"
                [value]="filters().minEndorsements ?? ''"
                (change)="setMinEndorsements($event)"
              />
            </mat-form-field>
          </div>
          @if (anyFilter()) {
            <button mat-button type="button" (click)="clearFilters()">{{ 'gallery.clear' | transloco }}</button>
          }
        </section>

        <section class="results" aria-labelledby="triage-results-title">
          <h2 id="triage-results-title">{{ 'triage.contributions' | transloco }}</h2>
          <p class="count" aria-live="polite" data-testid="triage-count">{{ countText() }}</p>

          @if (items().length > 0) {
            <div class="bulk" role="group" [attr.aria-label]="'triage.bulkGroup' | transloco">
              <mat-checkbox [checked]="allSelected()" [indeterminate]="someSelected()" (change)="selectAll($event.checked)"
                >{{ 'triage.selectAll' | transloco }}</mat-checkbox
              >
              <span class="selected-count" aria-live="polite" data-testid="selected-count">{{ 'triage.selected' | transloco: { count: selectedCount() } }}</span>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="bulk-disposition">
                <mat-label>{{ 'triage.setSelected' | transloco }}</mat-label>
                <mat-select [value]="bulkDisposition()" (selectionChange)="chooseBulk($event.value)">
                  @for (disposition of bulkDispositions; track disposition) {
                    <mat-option [value]="disposition">{{ 'disposition.' + disposition | transloco }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="bulk-note">
                <mat-label>{{ 'triage.bulkNote' | transloco }}</mat-label>
                <input dir="auto" matInput [value]="bulkNote()" (input)="onBulkNote($event)" [attr.maxlength]="noteMax" />
              </mat-form-field>
              <button mat-flat-button type="button" [attr.aria-disabled]="bulkBusy() || null" (click)="applyBulk()">
                {{ 'triage.apply' | transloco }}
              </button>
            </div>
          }
          <p class="bulk-result" role="status" data-testid="bulk-result">{{ bulkMessage() }}</p>
          @if (bulkError(); as message) {
            <p class="form-alert" role="alert">{{ message }}</p>
          }

          @if (loading()) {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'triage.loading' | transloco" />
          }
          @if (errorMessage(); as message) {
            <p class="form-alert" role="alert">{{ message }}</p>
          }

          @if (items().length > 0) {
            <ul class="items">
              @for (item of items(); track item.id; let index = $index) {
                <li [attr.data-index]="index">
                  <app-triage-item
                    [item]="item"
                    [paragraphInfo]="paragraphInfo()"
                    [selected]="selected().has(item.id)"
                    [candidates]="candidates()"
                    (selectedChange)="select(item.id, $event)"
                    (saved)="replace($event)"
                  />
                </li>
              }
            </ul>
          } @else if (state().status === 'loaded') {
            <p class="empty">{{ (anyFilter() ? 'triage.noMatch' : 'triage.empty') | transloco }}</p>
          }

          @if (nextCursor()) {
            <button mat-stroked-button type="button" class="more" [attr.aria-disabled]="loadingMore() || null" (click)="loadMore()">
              {{ 'common.loadMore' | transloco }}
            </button>
          }
        </section>
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 1rem 0 0.25rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    h2 {
      margin: 1.5rem 0 0.5rem;
      font-size: 1.25rem;
    }
    .document {
      margin: 0 0 1rem;
      font-size: 1.0625rem;
    }
    .filter-fields {
      display: grid;
      /* Wide enough for the longest label ("Groupe de parties prenantes") whole: a cut label hides what the field filters. */
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
      gap: 0.75rem 1rem;
    }
    .count {
      font-weight: 600;
    }
    .bulk {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 0 0 0.5rem;
      padding: 0.5rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
      background: var(--dw-surface-alt);
    }
    .selected-count {
      font-weight: 600;
    }
    /* Each wide enough for its label whole ("Marquer la sélection comme", "Note à leurs auteurs (facultatif)"); the bar wraps instead. */
    .bulk-disposition {
      flex: 0 0 min(100%, 21rem);
    }
    .bulk-note {
      flex: 1 1 21rem;
    }
    .bulk-result {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }
    .bulk-result:empty {
      margin: 0;
    }
    .items {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .more {
      margin-top: 1rem;
    }
  `,
})
export class TriagePage {
  /** The `:slug` route parameter (router input binding). */
  readonly slug = input.required<string>();
  /** Query parameters (router input binding). */
  readonly paragraph = input<string>();
  readonly group = input<string>();
  readonly kind = input<string>();
  readonly disposition = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly minEndorsements = input<string>();

  private readonly triage = inject(TriageService);
  private readonly i18n = inject(LanguageService);
  private readonly documents = inject(DocumentsService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly groups = STAKEHOLDER_GROUPS;
  protected readonly kinds = TRIAGE_KINDS;
  protected readonly dispositions = DISPOSITIONS;
  protected readonly bulkDispositions = BULK_DISPOSITIONS;
  protected readonly noteMax = NOTE_MAX;

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });

  protected readonly filters = computed<TriageFilters>(
    () =>
      triageFiltersFromParams({
        paragraph: this.paragraph(),
        group: this.group(),
        kind: this.kind(),
        disposition: this.disposition(),
        from: this.from(),
        to: this.to(),
        minEndorsements: this.minEndorsements(),
      }),
    { equal: sameTriageFilters },
  );
  protected readonly anyFilter = computed(() => Object.keys(paramsFromTriageFilters(this.filters())).length > 0);

  private readonly document = signal<DocumentVersionView | null>(null);
  protected readonly documentTitle = computed(() => this.document()?.document.title ?? null);
  protected readonly paragraphChoices = computed<ParagraphChoice[]>(() => {
    const doc = this.document();
    return doc ? paragraphChoices(doc) : [];
  });
  protected readonly paragraphInfo = computed<ReadonlyMap<string, ParagraphInfo>>(() => {
    const doc = this.document();
    const info = new Map<string, ParagraphInfo>();
    for (const section of doc?.sections ?? []) {
      for (const paragraph of section.paragraphs) info.set(paragraph.key, { number: paragraph.number, text: paragraph.text });
    }
    return info;
  });

  protected readonly state = signal<Loaded>({ status: 'loading' });
  protected readonly loading = signal(false);
  protected readonly loadingMore = signal(false);
  private moreSubscription: Subscription | null = null;
  /** The items shown: the first page, then "Load more" pages, each updated in place once decided. */
  protected readonly items = signal<TriageItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly countText = computed(() => {
    const state = this.state();
    if (state.status !== 'loaded') return '';
    const count = new Intl.NumberFormat(localeOf(this.i18n.language())).format(state.page.total);
    return this.i18n.t(state.page.total === 1 ? 'triage.countOne' : 'triage.count', { count });
  });
  protected readonly candidates = computed<DuplicateCandidate[]>(() =>
    this.items().map((item) => ({
      id: item.id,
      label: this.i18n.t('triage.candidate', { kind: this.i18n.t(`kind.${item.kind}`), author: item.authorName, excerpt: firstWords(item.excerpt) }),
    })),
  );

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allSelected = computed(() => this.items().length > 0 && this.items().every((i) => this.selected().has(i.id)));
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());
  protected readonly bulkDisposition = signal<Disposition | null>(null);
  protected readonly bulkNote = signal('');
  protected readonly bulkBusy = signal(false);
  protected readonly bulkMessage = signal('');
  protected readonly bulkError = signal<string | null>(null);

  constructor() {
    const slug = computed(() => (this.isEditor() ? this.slug() : null));
    toObservable(slug)
      .pipe(
        switchMap((value) => (value ? this.documents.get(value).pipe(catchError(() => of(null))) : of(null))),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => this.document.set(doc));

    const query = computed(() => (this.isEditor() ? { slug: this.slug(), filters: this.filters() } : null));
    toObservable(query)
      .pipe(
        tap(() => {
          this.moreSubscription?.unsubscribe();
          this.loadingMore.set(false);
          this.selected.set(new Set());
          this.bulkMessage.set('');
          this.bulkError.set(null);
        }),
        switchMap((current) => {
          if (!current) return of(null);
          this.loading.set(true);
          return this.triage.queue(current.slug, current.filters).pipe(
            map((page): Loaded => ({ status: 'loaded', page })),
            catchError((error: unknown) =>
              of<Loaded>({ status: 'error', message: `${this.i18n.t('triage.loadFailed')} ${toApiError(error).message}` }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.loading.set(false);
        if (!state) return;
        this.state.set(state);
        this.items.set(state.status === 'loaded' ? state.page.items : []);
        this.nextCursor.set(state.status === 'loaded' ? state.page.nextCursor : null);
      });
  }

  protected asText(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
  }

  protected setParam(key: 'group' | 'kind' | 'disposition', value: unknown): void {
    const params = { ...paramsFromTriageFilters(this.filters()), [key]: this.asText(value) };
    this.go(triageFiltersFromParams(params));
  }

  protected setFilter(change: Partial<TriageFilters>): void {
    this.go({ ...this.filters(), ...change });
  }

  protected setDateParam(key: 'from' | 'to', event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    const params = { ...paramsFromTriageFilters(this.filters()), [key]: event.target.value || null };
    this.go(triageFiltersFromParams(params));
  }

  protected setMinEndorsements(event: Event): void {
    if (!(event.target instanceof HTMLInputElement)) return;
    const params = { ...paramsFromTriageFilters(this.filters()), minEndorsements: event.target.value.trim() || null };
    this.go(triageFiltersFromParams(params));
  }

  protected clearFilters(): void {
    this.go(triageFiltersFromParams({}));
  }

  protected select(id: string, checked: boolean): void {
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected selectAll(checked: boolean): void {
    this.selected.set(checked ? new Set(this.items().map((item) => item.id)) : new Set());
  }

  /** An item's disposition was saved: show it as the API has it now, where it is. */
  protected replace(updated: TriageItem): void {
    this.items.update((items) => items.map((item) => (item.id === updated.id ? updated : item)));
  }

  protected chooseBulk(value: unknown): void {
    this.bulkDisposition.set(isDisposition(value) ? value : null);
  }

  protected onBulkNote(event: Event): void {
    if (event.target instanceof HTMLInputElement) this.bulkNote.set(event.target.value);
  }

  protected applyBulk(): void {
    if (this.bulkBusy()) return;
    this.bulkMessage.set('');
    this.bulkError.set(null);
    const ids = this.items()
      .map((item) => item.id)
      .filter((id) => this.selected().has(id));
    const disposition = this.bulkDisposition();
    if (ids.length === 0) {
      this.bulkError.set(this.i18n.t('triage.selectFirst'));
      return;
    }
    if (!disposition) {
      this.bulkError.set(this.i18n.t('triage.chooseBulk'));
      return;
    }
    const note = this.bulkNote().trim();
    this.bulkBusy.set(true);
    this.triage.bulk(this.slug(), { ids, disposition, ...(note ? { note } : {}) }).subscribe({
      next: ({ updated }) => {
        this.bulkBusy.set(false);
        const chosen = new Set(ids);
        this.items.update((items) =>
          items.map((item) =>
            chosen.has(item.id) ? { ...item, disposition, dispositionNote: note || null, duplicateOfId: null } : item,
          ),
        );
        this.selected.set(new Set());
        this.bulkNote.set('');
        this.bulkMessage.set(this.i18n.t('triage.updated', { count: updated }));
      },
      error: (error: unknown) => {
        this.bulkBusy.set(false);
        this.bulkError.set(`${this.i18n.t('triage.nothingChanged')} ${toApiError(error).message}`);
      },
    });
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const firstNew = this.items().length;
    this.loadingMore.set(true);
    this.moreSubscription = this.triage.queue(this.slug(), this.filters(), cursor).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        const known = new Set(this.items().map((item) => item.id));
        this.items.update((items) => [...items, ...page.items.filter((item) => !known.has(item.id))]);
        this.nextCursor.set(page.nextCursor);
        // Keyboard and screen-reader users continue at the first new contribution.
        afterNextRender(
          () => this.host.nativeElement.querySelector<HTMLElement>(`[data-index="${firstNew}"] h3`)?.focus(),
          { injector: this.injector },
        );
      },
      error: (error: unknown) => {
        this.loadingMore.set(false);
        this.bulkError.set(`${this.i18n.t('triage.moreFailed')} ${toApiError(error).message}`);
      },
    });
  }

  private go(filters: TriageFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsFromTriageFilters(filters), scroll: 'manual' });
  }
}
