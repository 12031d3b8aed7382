import { DatePipe } from '@angular/common';
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
import { CaseStudiesService } from '../../services/case-studies.service';
import { DocumentsService, FEATURED_DOCUMENT_SLUG } from '../../services/documents.service';
import { GroupTags } from '../../components/group-tags/group-tags';
import {
  CASE_STUDY_STATUS_LABELS,
  attributionText,
  domainLabels,
  isEditable,
  isWebUrl,
  regionText,
  yearsText,
} from '../../shared/case-studies/case-study-text';
import { paragraphChoices } from '../../shared/case-studies/paragraph-choices';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; view: CaseStudyView }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** The message an editor's decision needs, or why it is not acceptable; null when fine. */
export function decisionMessageProblem(decision: CaseStudyDecision, message: string): string | null {
  const text = message.trim();
  const { min, max } = CASE_STUDY_LIMITS.message;
  if (text === '') return decision === 'accepted' ? null : 'Write a message to the submitter: tell them why';
  if (text.length < min) return `The message must be at least ${min} characters`;
  if (text.length > max) return `The message must be at most ${max.toLocaleString('en')} characters`;
  return null;
}

/** One case study at its permanent address: the story, and for its submitter and the editors, its review. */
@Component({
  selector: 'app-case-study-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatProgressBar,
    GroupTags,
  ],
  template: `
    <div class="page case-study">
      <p class="back"><a routerLink="/case-studies">All case studies</a></p>
      @switch (state().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the case study" />
        }
        @case ('not-found') {
          <h1>Case study not found</h1>
          <p role="alert">
            There is no published case study at this address. If it is yours and not yet published, sign in with the
            account that wrote it.
          </p>
        }
        @case ('error') {
          <h1>The case study could not be loaded</h1>
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
        }
      }

      @if (view(); as cs) {
        <article class="story">
          <h1>{{ cs.title || 'Untitled case study' }}</h1>
          <p class="status-line" #statusLine tabindex="-1" aria-live="polite">
            Status:
            <span class="status status--{{ cs.status }}" data-testid="case-study-status">{{ statusLabel() }}</span>
            @if (cs.includedInVersion) {
              <span class="included" data-testid="included-in-version">· Included in v{{ cs.includedInVersion }} of the document</span>
            }
          </p>
          <p class="credit">Shared by <span data-testid="attribution">{{ attribution() }}</span></p>

          <dl class="facts">
            @if (region()) {
              <div>
                <dt>Country or region</dt>
                <dd>{{ region() }}</dd>
              </div>
            }
            @if (years()) {
              <div>
                <dt>Years</dt>
                <dd>{{ years() }}</dd>
              </div>
            }
            @if (domains().length > 0) {
              <div>
                <dt>Domains</dt>
                <dd>{{ domains().join(', ') }}</dd>
              </div>
            }
            @if (cs.stakeholderGroups.length > 0) {
              <div>
                <dt>Stakeholder groups involved</dt>
                <dd><app-group-tags [groups]="cs.stakeholderGroups" [full]="true" /></dd>
              </div>
            }
          </dl>

          @if (isOwner()) {
            @if (cs.reviewMessage) {
              <section class="review-message" aria-labelledby="review-message-title">
                <h2 id="review-message-title">Message from the editors</h2>
                <p class="text" data-testid="review-message">{{ cs.reviewMessage }}</p>
              </section>
            }
            @if (editable()) {
              <p><a class="edit" [routerLink]="['/case-studies', cs.id, 'edit']">Edit</a></p>
            }
          }

          <h2>The closed door</h2>
          <p class="text">{{ cs.closedDoor }}</p>
          <h2>What opened it</h2>
          <p class="text">{{ cs.whatOpened }}</p>
          <h2>The outcome</h2>
          <p class="text">{{ cs.outcome }}</p>
          <h2>Lessons for others</h2>
          <p class="text">{{ cs.lessons }}</p>

          @if (cs.links.length > 0) {
            <h2>Links</h2>
            <ul class="links">
              @for (link of cs.links; track $index) {
                <li>
                  @if (isWebUrl(link.url)) {
                    <a [href]="link.url" rel="noopener noreferrer" target="_blank">{{ link.title || link.url }}</a>
                    <span class="visually-hidden"> (opens in a new tab)</span>
                  } @else {
                    <span>{{ link.title || link.url }}</span>
                  }
                </li>
              }
            </ul>
          }

          @if (cs.paragraphKeys.length > 0) {
            <h2>Related paragraphs</h2>
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
            <h2 id="review-title">Review</h2>
            @if (cs.assignedEditor) {
              <p>Assigned to {{ cs.assignedEditor }}.</p>
            }
            @if (actionError(); as message) {
              <p class="form-alert" role="alert">{{ message }}</p>
            }
            @if (canTake()) {
              <button mat-flat-button type="button" [disabled]="busy()" (click)="take()">Take for review</button>
            }
            @if (cs.status === 'in_review') {
              <mat-form-field appearance="outline" class="message">
                <mat-label>Message to the submitter</mat-label>
                <textarea #messageInput matInput rows="4" [formControl]="message" [maxlength]="messageMax"></textarea>
                <mat-hint>Required when you request changes or decline; the submitter sees it.</mat-hint>
                @if (message.errors?.['problem']; as problem) {
                  <mat-error>{{ problem }}</mat-error>
                }
              </mat-form-field>
              <div class="decisions">
                <button mat-flat-button type="button" [disabled]="busy()" (click)="decide('accepted')">Accept</button>
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="decide('changes_requested')">
                  Request changes
                </button>
                <button mat-stroked-button type="button" class="decline" [disabled]="busy()" (click)="decide('declined')">
                  Decline
                </button>
              </div>
            }
            @if (!canTake() && cs.status !== 'in_review') {
              <p>Nothing to review: this case study is {{ statusLabel().toLowerCase() }}.</p>
            }
          </section>
        }

        @if ((isOwner() || isEditor()) && cs.transitions; as transitions) {
          <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <ol data-testid="history">
              @for (step of transitions; track $index) {
                <li>
                  <span class="step">{{ step.from ? statusLabels[step.from] + ' → ' : 'Started as ' }}{{ statusLabels[step.to] }}</span>
                  by {{ step.by }},
                  <time [attr.datetime]="step.at">{{ step.at | date: 'd MMMM y, HH:mm' }}</time>
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
      padding-left: 1.25rem;
      line-height: 2;
      overflow-wrap: anywhere;
    }
    .review-message {
      margin-top: 1rem;
      padding: 0.75rem 1rem;
      border-left: 6px solid #7a5c00;
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
      padding-left: 1.25rem;
      line-height: 1.8;
    }
    .step {
      font-weight: 600;
    }
    .history blockquote {
      margin: 0.25rem 0 0.5rem;
      padding-left: 0.75rem;
      border-left: 4px solid var(--dw-border);
    }
  `,
})
export class CaseStudyPage {
  /** The `:id` route parameter (router input binding). */
  readonly id = input.required<string>();

  private readonly caseStudies = inject(CaseStudiesService);
  private readonly documents = inject(DocumentsService);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly statusLabels = CASE_STUDY_STATUS_LABELS;
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
    return view ? CASE_STUDY_STATUS_LABELS[view.status] : '';
  });
  protected readonly attribution = computed(() => {
    const view = this.view();
    return view ? attributionText(view.submittedBy) : '';
  });
  protected readonly region = computed(() => regionText(this.view()?.region ?? ''));
  protected readonly years = computed(() => {
    const view = this.view();
    return view ? yearsText(view.yearFrom, view.yearTo) : '';
  });
  protected readonly domains = computed(() => domainLabels(this.view()?.domains ?? []));

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
    return this.paragraphLabels().get(key) ?? `Paragraph ${key}`;
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
    const problem = decisionMessageProblem(decision, this.message.value);
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
          this.showMessageProblem(`The message ${messageDetail.problems.join(', ')}`);
          return;
        }
        if (details.some((d) => d.field === 'consentToPublish')) {
          this.actionError.set('The submitter has not agreed to publication yet, so it cannot be accepted. Request changes instead.');
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
      this.title.setTitle(`${state.view.title || 'Case study'} · Doorway`);
      this.loadParagraphLabels(state.view.paragraphKeys);
    } else if (state.status !== 'loading') {
      this.title.setTitle('Case study not available · Doorway');
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
