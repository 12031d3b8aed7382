import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { HttpErrorResponse } from '@angular/common/http';
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
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Observable, catchError, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { CASE_STUDY_LIMITS, hasRole } from '@doorway/contracts';
import type { CaseStudyDecision, CaseStudyView, FieldError } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { isApiError, toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { CaseStudiesService } from '../../services/case-studies.service';
import { DocumentsService, FEATURED_DOCUMENT_SLUG } from '../../services/documents.service';
import { GroupTags } from '../../components/group-tags/group-tags';
import { attributionText, isEditable, isWebUrl, yearsText } from '../../shared/case-studies/case-study-text';
import { paragraphChoices } from '../../shared/case-studies/paragraph-choices';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; view: CaseStudyView }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** The message an editor's decision needs, or why it is not acceptable; null when fine. */
export function decisionMessageProblem(
  decision: CaseStudyDecision,
  message: string,
  t: (key: string, params?: Record<string, unknown>) => string,
): string | null {
  const text = message.trim();
  const { min, max } = CASE_STUDY_LIMITS.message;
  if (text === '') return decision === 'accepted' ? null : t('caseStudy.messageRequired');
  if (text.length < min) return t('caseStudy.messageTooShort', { min });
  if (text.length > max) return t('caseStudy.messageTooLong', { max: max.toLocaleString(t('locale')) });
  return null;
}

/** One case study at its permanent address: the story, and for its submitter and the editors, its review. */
@Component({
  selector: 'app-case-study-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, ReactiveFormsModule, RouterLink, MatButton, MatError, MatFormField, MatHint, MatInput, MatLabel, MatProgressBar, GroupTags],
  template: `
    <div class="page case-study">
      <p class="back"><a routerLink="/case-studies">{{ 'caseStudy.all' | transloco }}</a></p>
      @switch (state().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'caseStudy.loading' | transloco" />
        }
        @case ('not-found') {
          <h1>{{ 'caseStudy.notFound' | transloco }}</h1>
          <p role="alert">{{ 'caseStudy.notFoundText' | transloco }}</p>
        }
        @case ('error') {
          <h1>{{ 'caseStudy.loadFailed' | transloco }}</h1>
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
        }
      }

      @if (view(); as cs) {
        <article class="story">
          <h1 [attr.lang]="cs.title ? cs.language : null">{{ cs.title || ('caseStudy.untitled' | transloco) }}</h1>
          <p class="status-line" #statusLine tabindex="-1" aria-live="polite">
            {{ 'caseStudy.status' | transloco }}
            <span class="status status--{{ cs.status }}" data-testid="case-study-status">{{ statusLabel() }}</span>
            @if (cs.includedInVersion) {
              <span class="included" data-testid="included-in-version">· {{ 'caseStudy.included' | transloco: { version: cs.includedInVersion } }}</span>
            }
          </p>
          <p class="credit">{{ 'caseStudy.sharedBy' | transloco }} <span data-testid="attribution">{{ attribution() }}</span></p>

          <dl class="facts">
            @if (region()) {
              <div>
                <dt>{{ 'gallery.facet.region' | transloco }}</dt>
                <dd>{{ region() }}</dd>
              </div>
            }
            @if (years()) {
              <div>
                <dt>{{ 'caseStudy.years' | transloco }}</dt>
                <dd>{{ years() }}</dd>
              </div>
            }
            @if (domains().length > 0) {
              <div>
                <dt>{{ 'gallery.domains' | transloco }}</dt>
                <!-- A list, not labels joined by commas: an Arabic page would show Latin commas, and names hold "and". -->
                <dd>
                  <ul class="domains">
                    @for (domain of domains(); track domain) {
                      <li>{{ domain }}</li>
                    }
                  </ul>
                </dd>
              </div>
            }
            @if (cs.stakeholderGroups.length > 0) {
              <div>
                <dt>{{ 'groupTags.label' | transloco }}</dt>
                <dd><app-group-tags [groups]="cs.stakeholderGroups" [full]="true" /></dd>
              </div>
            }
          </dl>

          @if (isOwner()) {
            @if (cs.reviewMessage) {
              <section class="review-message" aria-labelledby="review-message-title">
                <h2 id="review-message-title">{{ 'caseStudy.editorsMessage' | transloco }}</h2>
                <p class="text" data-testid="review-message">{{ cs.reviewMessage }}</p>
              </section>
            }
            @if (editable()) {
              <p><a class="edit" [routerLink]="['/case-studies', cs.id, 'edit']">{{ 'common.edit' | transloco }}</a></p>
            }
          }

          <h2>{{ 'story.closedDoor' | transloco }}</h2>
          <p class="text" [attr.lang]="cs.language" dir="auto">{{ cs.closedDoor }}</p>
          <h2>{{ 'story.whatOpened' | transloco }}</h2>
          <p class="text" [attr.lang]="cs.language" dir="auto">{{ cs.whatOpened }}</p>
          <h2>{{ 'story.outcome' | transloco }}</h2>
          <p class="text" [attr.lang]="cs.language" dir="auto">{{ cs.outcome }}</p>
          <h2>{{ 'story.lessons' | transloco }}</h2>
          <p class="text" [attr.lang]="cs.language" dir="auto">{{ cs.lessons }}</p>

          @if (cs.links.length > 0) {
            <h2>{{ 'caseStudy.links' | transloco }}</h2>
            <ul class="links">
              @for (link of cs.links; track $index) {
                <li>
                  @if (isWebUrl(link.url)) {
                    <a [href]="link.url" rel="noopener noreferrer" target="_blank">{{ link.title || link.url }}</a>
                    <span class="visually-hidden"> {{ 'common.newTab' | transloco }}</span>
                  } @else {
                    <span>{{ link.title || link.url }}</span>
                  }
                </li>
              }
            </ul>
          }

          @if (cs.paragraphKeys.length > 0) {
            <h2>{{ 'caseStudy.related' | transloco }}</h2>
            <ul class="paragraphs">
              @for (key of cs.paragraphKeys; track key) {
                <li>
                  <a [routerLink]="documentLink" [fragment]="'p-' + key">{{ paragraphLabel(key) }}</a>
                </li>
              }
            </ul>
          }
        </article>

        @if (isEditor()) {
          <section class="review" aria-labelledby="review-title">
            <h2 id="review-title">{{ 'caseStudy.review' | transloco }}</h2>
            @if (cs.assignedEditor) {
              <p>{{ 'caseStudy.assigned' | transloco: { editor: cs.assignedEditor } }}</p>
            }
            @if (actionError(); as message) {
              <p class="form-alert" role="alert">{{ message }}</p>
            }
            @if (canTake()) {
              <button mat-flat-button type="button" [disabled]="busy()" (click)="take()">{{ 'caseStudy.take' | transloco }}</button>
            }
            @if (cs.status === 'in_review') {
              <mat-form-field appearance="outline" class="message">
                <mat-label>{{ 'caseStudy.message' | transloco }}</mat-label>
                <textarea dir="auto" #messageInput matInput rows="4" [formControl]="message" [maxlength]="messageMax"></textarea>
                <mat-hint>{{ 'caseStudy.messageHint' | transloco }}</mat-hint>
                @if (message.errors?.['problem']; as problem) {
                  <mat-error>{{ problem }}</mat-error>
                }
              </mat-form-field>
              <div class="decisions">
                <button mat-flat-button type="button" [disabled]="busy()" (click)="decide('accepted')">{{ 'caseStudy.accept' | transloco }}</button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="decide('changes_requested')">
                  {{ 'caseStudy.requestChanges' | transloco }}
                </button>
                <button mat-stroked-button type="button" class="decline" [disabled]="busy()" (click)="decide('declined')">
                  {{ 'caseStudy.decline' | transloco }}
                </button>
              </div>
            }
            @if (!canTake() && cs.status !== 'in_review') {
              <p>{{ 'caseStudy.nothingToReview' | transloco: { status: statusLabel().toLowerCase() } }}</p>
            }
          </section>
        }

        @if ((isOwner() || isEditor()) && cs.transitions; as transitions) {
          <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">{{ 'caseStudy.history' | transloco }}</h2>
            <ol data-testid="history">
              @for (step of transitions; track $index) {
                <li>
                  <span class="step">{{ step.from ? ('status.' + step.from | transloco) + ' → ' + ('status.' + step.to | transloco) : ('caseStudy.startedAs' | transloco: { status: ('status.' + step.to | transloco) }) }}</span>
                  {{ 'caseStudy.by' | transloco: { name: step.by } }}
                  <time [attr.datetime]="step.at">{{ step.at | translocoDate: { dateStyle: 'long', timeStyle: 'short' } }}</time>
                  @if (step.message) {
                    <blockquote class="text">{{ step.message }}</blockquote>
                  }
                </li>
              }
            </ol>
          </section>
        }
      }
    </div>
  `,
  styles: `
    .case-study {
      max-width: 52rem;
    }
    .back {
      margin: 0 0 0.5rem;
    }
    h1 {
      margin: 0.5rem 0;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
      overflow-wrap: anywhere;
    }
    h2 {
      margin: 1.75rem 0 0.5rem;
      font-size: 1.25rem;
    }
    .status-line {
      margin: 0.25rem 0;
    }
    .status {
      display: inline-block;
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-weight: 600;
    }
    .status--accepted {
      border-color: #1d6b3e;
    }
    .status--declined {
      border-color: var(--dw-danger);
      border-style: dashed;
    }
    .status--changes_requested {
      border-color: #7a5c00;
      border-style: dotted;
    }
    .credit {
      margin: 0.25rem 0 1rem;
      color: var(--dw-muted);
    }
    .facts {
      display: grid;
      gap: 0.5rem 1.5rem;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      margin: 0;
      padding: 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
      background: var(--dw-surface-alt);
    }
    dt {
      font-weight: 600;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    dd {
      margin: 0.125rem 0 0;
    }
    .domains {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .text {
      margin: 0;
      max-width: 70ch;
      font-family: var(--dw-reading-font);
      font-size: 1.0625rem;
      line-height: 1.65;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .links,
    .paragraphs {
      padding-inline-start: 1.25rem;
      line-height: 2;
      overflow-wrap: anywhere;
    }
    .review-message {
      margin-top: 1rem;
      padding: 0.75rem 1rem;
      border-inline-start: 6px solid #7a5c00;
      background: #fff8e1;
    }
    .review-message h2 {
      margin-top: 0;
    }
    .edit {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0 1.25rem;
      border: 2px solid var(--dw-accent);
      border-radius: 999px;
      font-weight: 600;
      text-decoration: none;
    }
    .review,
    .history {
      margin-top: 2rem;
      padding-top: 0.5rem;
      border-top: 1px solid var(--dw-border);
    }
    .message {
      width: 100%;
      margin-top: 0.5rem;
    }
    .decisions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 0.5rem;
    }
    .history ol {
      padding-inline-start: 1.25rem;
      line-height: 1.8;
    }
    .step {
      font-weight: 600;
    }
    .history blockquote {
      margin: 0.25rem 0 0.5rem;
      padding-inline-start: 0.75rem;
      border-inline-start: 4px solid var(--dw-border);
    }
  `,
})
export class CaseStudyPage {
  /** The `:id` route parameter (router input binding). */
  readonly id = input.required<string>();

  private readonly caseStudies = inject(CaseStudiesService);
  private readonly i18n = inject(LanguageService);
  private readonly documents = inject(DocumentsService);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly messageMax = CASE_STUDY_LIMITS.message.max;
  protected readonly documentLink = ['/documents', FEATURED_DOCUMENT_SLUG];
  protected readonly isWebUrl = isWebUrl;

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly view = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.view : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });

  protected readonly statusLabel = computed(() => {
    const view = this.view();
    return view ? this.i18n.t(`status.${view.status}`) : '';
  });
  protected readonly attribution = computed(() => {
    const view = this.view();
    return view ? attributionText(view.submittedBy, this.i18n.t('attribution.anonymous')) : '';
  });
  protected readonly region = computed(() => this.i18n.region(this.view()?.region ?? ''));
  protected readonly years = computed(() => {
    const view = this.view();
    return view ? yearsText(view.yearFrom, view.yearTo) : '';
  });
  protected readonly domains = computed(() => (this.view()?.domains ?? []).map((domain) => this.i18n.t(`domain.${domain}`)));

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  /**
   * The API shows the history only to the submitter and to editors, and the first step (the
   * draft being started) is always the submitter's: that tells an editor's own case study apart.
   */
  protected readonly isOwner = computed(() => {
    const user = this.auth.user();
    const view = this.view();
    if (!user || !view?.transitions) return false;
    return !this.isEditor() || view.transitions[0]?.by === user.displayName;
  });
  protected readonly editable = computed(() => {
    const view = this.view();
    return view !== null && isEditable(view.status);
  });
  protected readonly canTake = computed(() => {
    const view = this.view();
    if (!view || !this.isEditor()) return false;
    if (view.status === 'submitted') return true;
    return view.status === 'in_review' && view.assignedEditor !== this.auth.user()?.displayName;
  });

  protected readonly message = new FormControl('', { nonNullable: true });
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  private readonly paragraphLabels = signal<ReadonlyMap<string, string>>(new Map());
  private labelsRequested = false;

  constructor() {
    // Reload when the address or the person changes: after signing out, a draft is no longer theirs to see.
    const key = computed(() => `${this.id()}\n${this.auth.user()?.id ?? ''}`);
    toObservable(key)
      .pipe(
        distinctUntilChanged(),
        switchMap(() => {
          this.state.set({ status: 'loading' });
          return this.load(this.id());
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));
  }

  protected paragraphLabel(key: string): string {
    return this.paragraphLabels().get(key) ?? this.i18n.t('caseStudy.paragraph', { key });
  }

  protected take(): void {
    const view = this.view();
    if (!view || this.busy()) return;
    this.run(this.caseStudies.assign(view.id), () => {
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('textarea')?.focus(), {
        injector: this.injector,
      });
    });
  }

  protected decide(decision: CaseStudyDecision): void {
    const view = this.view();
    if (!view || this.busy()) return;
    const problem = decisionMessageProblem(decision, this.message.value, (key, params) => this.i18n.t(key, params));
    if (problem) {
      this.showMessageProblem(problem);
      return;
    }
    const text = this.message.value.trim();
    this.run(this.caseStudies.decide(view.id, { decision, ...(text ? { message: text } : {}) }), () => {
      this.message.reset('');
      this.focusStatus();
    });
  }

  private run(request: Observable<CaseStudyView>, after: () => void): void {
    this.busy.set(true);
    this.actionError.set(null);
    request.subscribe({
      next: (view) => {
        this.busy.set(false);
        this.show({ status: 'loaded', view });
        after();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(error);
        const details: FieldError[] =
          error instanceof HttpErrorResponse && isApiError(error.error) ? (error.error.details ?? []) : [];
        const messageDetail = details.find((d) => d.field === 'message');
        if (messageDetail) {
          this.showMessageProblem(`${this.i18n.t('caseStudy.theMessage')} ${messageDetail.problems.join(', ')}`);
          return;
        }
        if (details.some((d) => d.field === 'consentToPublish')) {
          this.actionError.set(this.i18n.t('caseStudy.noConsent'));
          return;
        }
        this.actionError.set(apiError.message);
        // Someone else may have acted first: show the case study as it is now.
        if (apiError.statusCode === 409) this.load(this.id()).subscribe((state) => this.show(state));
      },
    });
  }

  private showMessageProblem(problem: string): void {
    this.message.setErrors({ problem });
    this.message.markAsTouched();
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('textarea')?.focus(), {
      injector: this.injector,
    });
  }

  private focusStatus(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.status-line')?.focus(), {
      injector: this.injector,
    });
  }

  private load(id: string): Observable<LoadState> {
    return this.caseStudies.get(id).pipe(
      map((view): LoadState => ({ status: 'loaded', view })),
      catchError((error: unknown) =>
        of<LoadState>(
          error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)
            ? { status: 'not-found' }
            : { status: 'error', message: toApiError(error).message },
        ),
      ),
    );
  }

  private show(state: LoadState): void {
    this.state.set(state);
    if (state.status === 'loaded') {
      this.title.setTitle(`${state.view.title || this.i18n.t('title.caseStudy')} · Doorway`);
      this.loadParagraphLabels(state.view.paragraphKeys);
    } else if (state.status !== 'loading') {
      this.title.setTitle(`${this.i18n.t('caseStudy.unavailable')} · Doorway`);
    }
  }

  /** "¶ 5 – first words…" for related paragraphs, once; plain keys until then (or if it fails). */
  private loadParagraphLabels(keys: readonly string[]): void {
    if (keys.length === 0 || this.labelsRequested) return;
    this.labelsRequested = true;
    this.documents
      .get(FEATURED_DOCUMENT_SLUG)
      .pipe(catchError(() => of(null)))
      .subscribe((doc) => {
        if (doc) this.paragraphLabels.set(new Map(paragraphChoices(doc).map((choice) => [choice.key, choice.label])));
      });
  }
}
