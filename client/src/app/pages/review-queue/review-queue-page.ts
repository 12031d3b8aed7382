import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { catchError, map, of, switchMap } from 'rxjs';
import { hasRole } from '@doorway/contracts';
import type { CaseStudyCard } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { CaseStudiesService } from '../../services/case-studies.service';
import type { QueueFilters, QueueStatus } from '../../services/case-studies.service';
import { GroupTags } from '../../components/group-tags/group-tags';
import { attributionText } from '../../shared/case-studies/case-study-text';
import { LanguageService } from '../../core/i18n/language.service';

type StatusChoice = QueueStatus | 'all';

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; items: CaseStudyCard[] } | { status: 'error'; message: string };

const STATUS_CHOICES: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: 'queue.all' },
  { value: 'submitted', label: 'status.submitted' },
  { value: 'in_review', label: 'status.in_review' },
];

/** Editors: the case studies waiting for a decision, oldest submission first. */
@Component({
  selector: 'app-review-queue-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, RouterLink, MatProgressBar, MatRadioButton, MatRadioGroup, MatSlideToggle, GroupTags],
  template: `
    <div class="page queue">
      <h1>{{ 'header.reviewQueue' | transloco }}</h1>
      @if (!isEditor()) {
        <p role="alert">{{ 'queue.editorsOnly' | transloco }}</p>
      } @else {
        <p class="intro">{{ 'queue.intro' | transloco }}</p>
        <div class="filters">
          <div class="status-filter">
            <span id="queue-status-label" class="filter-label">{{ 'queue.status' | transloco }}</span>
            <mat-radio-group
              aria-labelledby="queue-status-label"
              [value]="statusChoice()"
              (change)="chooseStatus($event.value)"
            >
              @for (choice of statusChoices; track choice.value) {
                <mat-radio-button [value]="choice.value">{{ choice.label | transloco }}</mat-radio-button>
              }
            </mat-radio-group>
          </div>
          <mat-slide-toggle [checked]="mine()" (change)="mine.set($event.checked)">{{ 'queue.mine' | transloco }}</mat-slide-toggle>
        </div>

        <p class="count" aria-live="polite">{{ countText() }}</p>
        @if (state().status === 'loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'queue.loading' | transloco" />
        }
        @if (errorMessage(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (items().length > 0) {
          <ul class="items">
            @for (item of items(); track item.id) {
              <li>
                <article class="item" data-testid="queue-item">
                  <h2>
                    <a [routerLink]="['/case-studies', item.id]">{{ item.title || ('caseStudy.untitled' | transloco) }}</a>
                  </h2>
                  <p class="facts">
                    <span class="status">{{ 'status.' + item.status | transloco }}</span>
                    <span>
                      {{ (item.status === 'in_review' ? 'queue.taken' : 'status.submitted') | transloco }}
                      <time [attr.datetime]="item.updatedAt">{{ item.updatedAt | translocoDate: { dateStyle: 'long' } }}</time>
                    </span>
                    <span>{{ 'queue.by' | transloco: { name: submitter(item) } }}</span>
                    @if (region(item); as place) {
                      <span>{{ place }}</span>
                    }
                  </p>
                  <app-group-tags [groups]="item.stakeholderGroups" />
                </article>
              </li>
            }
          </ul>
        } @else if (state().status === 'loaded') {
          <p class="empty">{{ (mine() ? 'queue.emptyMine' : 'queue.empty') | transloco }}</p>
        }
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .intro {
      color: var(--dw-muted);
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 2rem;
      margin: 1rem 0;
    }
    .filter-label {
      margin-inline-end: 0.5rem;
      font-weight: 600;
    }
    .count {
      font-weight: 600;
    }
    .items {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      padding: 0.75rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .item h2 {
      margin: 0 0 0.375rem;
      font-size: 1.1875rem;
      overflow-wrap: anywhere;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0 0 0.5rem;
      color: var(--dw-muted);
    }
    .status {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      color: var(--dw-text);
      font-weight: 600;
    }
  `,
})
export class ReviewQueuePage {
  private readonly caseStudies = inject(CaseStudiesService);
  private readonly auth = inject(AuthService);

  protected readonly statusChoices = STATUS_CHOICES;
  private readonly i18n = inject(LanguageService);
  protected readonly statusChoice = signal<StatusChoice>('all');
  protected readonly mine = signal(false);

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });

  protected readonly state = signal<Loaded>({ status: 'idle' });
  protected readonly items = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.items : [];
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : null;
  });
  protected readonly countText = computed(() => {
    const state = this.state();
    if (state.status !== 'loaded') return '';
    return this.i18n.t(state.items.length === 1 ? 'gallery.countOne' : 'gallery.count', { count: state.items.length });
  });

  constructor() {
    const query = computed<QueueFilters | null>(() => {
      if (!this.isEditor()) return null;
      const choice = this.statusChoice();
      return { status: choice === 'all' ? null : choice, mine: this.mine() };
    });
    toObservable(query)
      .pipe(
        switchMap((filters) => {
          if (!filters) return of<Loaded>({ status: 'idle' });
          this.state.set({ status: 'loading' });
          return this.caseStudies.queue(filters).pipe(
            map((items): Loaded => ({ status: 'loaded', items })),
            catchError((error: unknown) =>
              of<Loaded>({ status: 'error', message: `${this.i18n.t('queue.loadFailed')} ${toApiError(error).message}` }),
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }

  protected chooseStatus(value: unknown): void {
    const choice = STATUS_CHOICES.find((c) => c.value === value);
    if (choice) this.statusChoice.set(choice.value);
  }

  protected submitter(item: CaseStudyCard): string {
    return attributionText(item.submittedBy, this.i18n.t('attribution.anonymous'));
  }

  protected region(item: CaseStudyCard): string {
    return this.i18n.region(item.region);
  }
}
