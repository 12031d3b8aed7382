import { TranslocoDecimalPipe } from '@jsverse/transloco-locale';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Subscription, catchError, map, of, switchMap, tap } from 'rxjs';
import type { CaseStudyCard, CaseStudyGallery } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';
import { CaseStudiesService, NO_FILTERS } from '../../services/case-studies.service';
import type { GalleryFilters } from '../../services/case-studies.service';
import { GroupTags } from '../../components/group-tags/group-tags';
import { attributionText, excerptText, yearsText } from '../../shared/case-studies/case-study-text';
import {
  facetGroups,
  filtersFromParams,
  hasFacetFilter,
  paramsFromFilters,
  sameFilters,
  toggleFacet,
} from './gallery-filters';
import type { FacetGroup, FacetKey, FacetOption } from './gallery-filters';

/** Facet lists longer than this show their first values and a "Show all" button. */
const FACET_PREVIEW = 8;

type Loaded = { status: 'loading' } | { status: 'loaded'; gallery: CaseStudyGallery } | { status: 'error'; message: string };

interface CardView {
  card: CaseStudyCard;
  region: string;
  years: string;
  domains: string[];
  excerpt: string;
  attribution: string;
}

/** "Doors that opened": accepted case studies, searchable and filterable, each filter with its count. */
@Component({
  selector: 'app-case-studies-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDecimalPipe, ReactiveFormsModule, RouterLink, MatButton, MatFormField, MatIcon, MatInput, MatLabel, MatProgressBar, GroupTags],
  template: `
    <div class="page gallery">
      <div class="intro">
        <h1>{{ 'gallery.heading' | transloco }}</h1>
        <p class="lead">{{ 'gallery.lead' | transloco }}</p>
        @if (signedIn()) {
          <p><a class="cta" routerLink="/case-studies/new">{{ 'gallery.share' | transloco }}</a></p>
        } @else {
          <p class="note">{{ 'gallery.signInToShare' | transloco }}</p>
        }
      </div>

      <form class="search" role="search" (submit)="search($event)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'gallery.search' | transloco }}</mat-label>
          <input dir="auto" matInput type="search" [formControl]="query" maxlength="200" />
        </mat-form-field>
        <button mat-flat-button type="submit">{{ 'gallery.searchButton' | transloco }}</button>
      </form>

      <div class="layout">
        <section class="filters" aria-labelledby="filters-title">
          <h2 id="filters-title">{{ 'gallery.filter' | transloco }}</h2>
          @for (group of groups(); track group.key) {
            <div class="facet-group" role="group" [attr.aria-labelledby]="'facet-' + group.key">
              <h3 [id]="'facet-' + group.key">{{ 'gallery.facet.' + group.key | transloco }}</h3>
              @if (group.options.length === 0) {
                <p class="none">{{ 'gallery.noneYet' | transloco }}</p>
              } @else {
                <ul class="facets" [attr.data-testid]="'facet-' + group.key">
                  @for (option of visibleOptions(group); track option.value) {
                    <li>
                      <button
                        type="button"
                        class="facet"
                        [class.selected]="option.selected"
                        [attr.aria-pressed]="option.selected"
                        (click)="choose(group.key, option.value)"
                      >
                        @if (option.selected) {
                          <mat-icon aria-hidden="true" svgIcon="check" />
                        }
                        {{ facetLabel(group.key, option) }} ({{ option.count | translocoDecimal }})
                      </button>
                    </li>
                  }
                </ul>
                @if (group.options.length > preview) {
                  <button
                    mat-button
                    type="button"
                    class="show-all"
                    [attr.aria-expanded]="expanded().has(group.key)"
                    (click)="toggleExpanded(group.key)"
                  >
                    {{ expanded().has(group.key) ? ('gallery.showFewer' | transloco) : ('gallery.showAll' | transloco: { count: group.options.length }) }}
                  </button>
                }
              }
            </div>
          }
          @if (anyFilter()) {
            <button mat-stroked-button type="button" class="clear" (click)="clearFilters()">{{ 'gallery.clear' | transloco }}</button>
          }
        </section>

        <section class="results" [attr.aria-label]="'header.caseStudies' | transloco">
          <p class="count" aria-live="polite" data-testid="result-count">{{ count() }}</p>
          @if (loading()) {
            <mat-progress-bar mode="indeterminate" [attr.aria-label]="'gallery.loading' | transloco" />
          }
          @if (errorMessage(); as message) {
            <p class="form-alert" role="alert">{{ message }}</p>
          }
          @if (cards().length > 0) {
            <ul class="cards">
              @for (view of cards(); track view.card.id; let i = $index) {
                <li>
                  <article class="card" data-testid="case-study-card" [attr.data-index]="i">
                    <h2>
                      <a [routerLink]="['/case-studies', view.card.id]" [attr.lang]="view.card.language">{{ view.card.title }}</a>
                    </h2>
                    <p class="facts">
                      @if (view.region) {
                        <span><mat-icon aria-hidden="true" svgIcon="place" />{{ view.region }}</span>
                      }
                      @if (view.years) {
                        <span><mat-icon aria-hidden="true" svgIcon="calendar_today" />{{ view.years }}</span>
                      }
                    </p>
                    @if (view.domains.length > 0) {
                      <ul class="domains" [attr.aria-label]="'gallery.domains' | transloco">
                        @for (domain of view.domains; track domain) {
                          <li>{{ domain }}</li>
                        }
                      </ul>
                    }
                    <app-group-tags [groups]="view.card.stakeholderGroups" />
                    <p class="excerpt" [attr.lang]="view.card.language" dir="auto">{{ view.excerpt }}</p>
                    <p class="attribution">{{ 'gallery.sharedBy' | transloco: { name: view.attribution } }}</p>
                  </article>
                </li>
              }
            </ul>
          } @else if (state().status === 'loaded') {
            <p class="empty">{{ emptyMessage() }}</p>
          }
          @if (nextCursor()) {
            <button mat-stroked-button type="button" class="more" [disabled]="loadingMore()" (click)="loadMore()">{{ 'common.loadMore' | transloco }}</button>
          }
        </section>
      </div>
    </div>
  `,
  styles: `
    .intro {
      max-width: 70ch;
    }
    h1 {
      margin: 1rem 0;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .lead {
      font-size: 1.1875rem;
      line-height: 1.6;
    }
    .note {
      color: var(--dw-muted);
    }
    .cta {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0.5rem 1.25rem;
      border-radius: 999px;
      background: var(--dw-accent);
      color: #ffffff;
      font-weight: 600;
      text-decoration: none;
    }
    .search {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      max-width: 44rem;
      margin: 1.5rem 0;
    }
    .search mat-form-field {
      flex: 1 1 18rem;
    }
    .layout {
      display: grid;
      gap: 1.5rem;
    }
    @media (min-width: 900px) {
      .layout {
        grid-template-columns: 17rem minmax(0, 1fr);
        align-items: start;
      }
    }
    .filters h2 {
      margin: 0 0 0.5rem;
      font-size: 1.25rem;
    }
    .facet-group h3 {
      margin: 1rem 0 0.375rem;
      font-size: 1rem;
    }
    .facets {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .facet {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: 2rem;
      padding: 0.125rem 0.75rem;
      border: 1px solid var(--dw-border);
      border-radius: 999px;
      background: var(--dw-surface);
      color: var(--dw-text);
      font: inherit;
      font-size: 0.9375rem;
      cursor: pointer;
    }
    .facet:hover {
      border-color: var(--dw-accent);
    }
    .facet.selected {
      border: 2px solid var(--dw-accent);
      background: #dce8ff;
      font-weight: 600;
    }
    .facet mat-icon {
      width: 1.125rem;
      height: 1.125rem;
      font-size: 1.125rem;
    }
    .none {
      margin: 0;
      color: var(--dw-muted);
    }
    .clear {
      margin-top: 1.25rem;
    }
    .count {
      margin: 0 0 0.75rem;
      font-weight: 600;
    }
    .cards {
      display: grid;
      gap: 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .card {
      padding: 1rem 1.25rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .card h2 {
      margin: 0 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: 1.3125rem;
      overflow-wrap: anywhere;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0 0 0.5rem;
      color: var(--dw-muted);
    }
    .facts span {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .facts mat-icon {
      width: 1.125rem;
      height: 1.125rem;
      font-size: 1.125rem;
    }
    .domains {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      margin: 0 0 0.5rem;
      padding: 0;
      list-style: none;
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .excerpt {
      margin: 0.75rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
    .attribution {
      margin: 0;
      color: var(--dw-muted);
      font-size: 0.9375rem;
    }
    .more {
      margin-top: 1rem;
    }
  `,
})
export class CaseStudiesPage {
  /** Query parameters (router input binding). */
  readonly q = input<string>();
  readonly domain = input<string>();
  readonly region = input<string>();
  readonly group = input<string>();
  readonly year = input<string>();

  private readonly caseStudies = inject(CaseStudiesService);
  private readonly i18n = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly signedIn = inject(AuthService).signedIn;
  protected readonly preview = FACET_PREVIEW;
  protected readonly query = new FormControl('', { nonNullable: true });

  protected readonly filters = computed<GalleryFilters>(
    () => filtersFromParams({ q: this.q(), domain: this.domain(), region: this.region(), group: this.group(), year: this.year() }),
    { equal: sameFilters },
  );

  protected readonly state = signal<Loaded>({ status: 'loading' });
  /** Cards from "Load more", after the first page. */
  private readonly more = signal<CaseStudyCard[]>([]);
  private readonly moreCursor = signal<string | null | undefined>(undefined);
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal(false);
  private moreSubscription: Subscription | null = null;
  protected readonly expanded = signal<ReadonlySet<FacetKey>>(new Set());

  private readonly gallery = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.gallery : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly cards = computed<CardView[]>(() =>
    [...(this.gallery()?.items ?? []), ...this.more()].map((card) => ({
      card,
      region: this.i18n.region(card.region),
      years: yearsText(card.yearFrom, card.yearTo),
      domains: card.domains.map((domain) => this.i18n.t(`domain.${domain}`)),
      excerpt: excerptText(card.excerpt),
      attribution: attributionText(card.submittedBy, this.i18n.t('attribution.anonymous')),
    })),
  );
  protected readonly nextCursor = computed(() => {
    const more = this.moreCursor();
    return more === undefined ? (this.gallery()?.nextCursor ?? null) : more;
  });
  protected readonly groups = computed<FacetGroup[]>(() => {
    const gallery = this.gallery();
    const facets = gallery?.facets ?? { domain: [], region: [], group: [], year: [] };
    return facetGroups(facets, this.filters());
  });
  protected readonly count = computed(() => {
    const gallery = this.gallery();
    return gallery ? this.i18n.t(gallery.total === 1 ? 'gallery.countOne' : 'gallery.count', { count: new Intl.NumberFormat(localeOf(this.i18n.language())).format(gallery.total) }) : '';
  });
  protected readonly anyFilter = computed(() => hasFacetFilter(this.filters()) || this.filters().q !== null);
  /** A filter value by its name in the interface language. */
  protected facetLabel(key: FacetKey, option: FacetOption): string {
    if (key === 'domain') return this.i18n.t(`domain.${option.value}`);
    if (key === 'group') return this.i18n.t(`group.${option.value}`);
    if (key === 'region') return this.i18n.region(option.value);
    return option.label;
  }
  protected readonly emptyMessage = computed(() =>
    this.anyFilter()
      ? this.i18n.t('gallery.noMatch')
      : this.i18n.t('gallery.empty'),
  );

  constructor() {
    // The search box shows the search in the URL (after back/forward too).
    effect(() => {
      const q = this.filters().q ?? '';
      untracked(() => {
        if (this.query.value !== q) this.query.setValue(q);
      });
    });

    toObservable(this.filters)
      .pipe(
        tap(() => {
          this.moreSubscription?.unsubscribe();
          this.loadingMore.set(false);
          this.more.set([]);
          this.moreCursor.set(undefined);
          this.loading.set(true);
        }),
        switchMap((filters) =>
          this.caseStudies.gallery(filters).pipe(
            map((gallery): Loaded => ({ status: 'loaded', gallery })),
            catchError((error: unknown) =>
              of<Loaded>({ status: 'error', message: `${this.i18n.t('gallery.loadFailed')} ${toApiError(error).message}` }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.loading.set(false);
        this.state.set(state);
      });
  }

  protected visibleOptions(group: FacetGroup): FacetGroup['options'] {
    if (group.options.length <= FACET_PREVIEW || this.expanded().has(group.key)) return group.options;
    const shown = group.options.slice(0, FACET_PREVIEW);
    const selected = group.options.find((option) => option.selected);
    return selected && !shown.includes(selected) ? [...shown, selected] : shown;
  }

  protected toggleExpanded(key: FacetKey): void {
    this.expanded.update((keys) => {
      const next = new Set(keys);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  protected search(event: Event): void {
    event.preventDefault();
    const q = this.query.value.trim();
    this.go({ ...this.filters(), q: q === '' ? null : q });
  }

  protected choose(key: FacetKey, value: string): void {
    this.go(toggleFacet(this.filters(), key, value));
  }

  protected clearFilters(): void {
    this.query.setValue('');
    this.go(NO_FILTERS);
  }

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const firstNew = this.cards().length;
    this.loadingMore.set(true);
    this.moreSubscription = this.caseStudies.gallery(this.filters(), cursor).subscribe({
      next: (page) => {
        this.loadingMore.set(false);
        this.more.update((cards) => [...cards, ...page.items]);
        this.moreCursor.set(page.nextCursor);
        // Keyboard and screen-reader users continue at the first new case study.
        afterNextRender(
          () => this.host.nativeElement.querySelector<HTMLElement>(`[data-index="${firstNew}"] h2 a`)?.focus(),
          { injector: this.injector },
        );
      },
      error: () => this.loadingMore.set(false),
    });
  }

  private go(filters: GalleryFilters): void {
    // Filtering keeps the reader where they are (and focus on what they pressed): no scroll to the top.
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsFromFilters(filters), scroll: 'manual' });
  }
}
