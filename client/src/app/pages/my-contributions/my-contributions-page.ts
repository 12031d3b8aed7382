import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { MatProgressBar } from '@angular/material/progress-bar';
import { EMPTY, Observable, catchError, distinctUntilChanged, forkJoin, map, merge, of, switchMap } from 'rxjs';
import type { CaseStudyCard, CaseStudyStatus, MyCommentView } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { CaseStudiesService } from '../../services/case-studies.service';
import { CommentsService } from '../../services/comments.service';
import { isEditable } from '../../shared/case-studies/case-study-text';
import { LanguageService } from '../../core/i18n/language.service';

type Section<T> = { status: 'loading' } | { status: 'loaded'; items: T[] } | { status: 'error'; message: string };

/** The editors' message is worth showing for these: they tell the submitter what to do, or why not. */
const WITH_MESSAGE: readonly CaseStudyStatus[] = ['changes_requested', 'declined'];

/** `failed`: the translated "Your … could not be loaded." */
function section<T>(request: Observable<T[]>, failed: string): Observable<Section<T>> {
  return request.pipe(
    map((items): Section<T> => ({ status: 'loaded', items })),
    catchError((error: unknown) =>
      of<Section<T>>({ status: 'error', message: `${failed} ${toApiError(error).message}` }),
    ),
  );
}

/** Everything the signed-in person contributed: case studies in every state, and comments with their fate. */
@Component({
  selector: 'app-my-contributions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, RouterLink, MatProgressBar],
  template: `
    <div class="page mine">
      <h1>{{ 'header.myContributions' | transloco }}</h1>
      @if (!signedIn()) {
        <p>{{ 'mine.signIn' | transloco }}</p>
      } @else {
        <section aria-labelledby="my-case-studies">
          <h2 id="my-case-studies">{{ 'header.caseStudies' | transloco }}</h2>
          <p><a class="cta" routerLink="/case-studies/new">{{ 'gallery.share' | transloco }}</a></p>
          @switch (studies().status) {
            @case ('loading') {
              <mat-progress-bar mode="indeterminate" [attr.aria-label]="'mine.loadingCaseStudies' | transloco" />
            }
            @case ('error') {
              <p class="form-alert" role="alert">{{ studiesError() }}</p>
            }
          }
          @if (studyItems().length > 0) {
            <ul class="list">
              @for (study of studyItems(); track study.id) {
                <li>
                  <article class="item" data-testid="my-case-study">
                    <h3 [id]="'my-cs-' + study.id">
                      <a [routerLink]="['/case-studies', study.id]">{{ study.title || ('mine.untitled' | transloco) }}</a>
                    </h3>
                    <p class="meta">
                      <span class="status status--{{ study.status }}">{{ 'status.' + study.status | transloco }}</span>
                      <span>{{ 'mine.lastChanged' | transloco }} <time [attr.datetime]="study.updatedAt">{{ study.updatedAt | translocoDate: { dateStyle: 'long' } }}</time></span>
                    </p>
                    @if (messageFor(study); as message) {
                      <div class="review-message">
                        <p class="from">{{ 'mine.editorsMessage' | transloco }}</p>
                        <p class="text">{{ message }}</p>
                      </div>
                    }
                    @if (editable(study)) {
                      <p>
                        <a class="edit" [routerLink]="['/case-studies', study.id, 'edit']" [attr.aria-describedby]="'my-cs-' + study.id">{{ 'common.edit' | transloco }}</a>
                      </p>
                    }
                  </article>
                </li>
              }
            </ul>
          } @else if (studies().status === 'loaded') {
            <p class="empty">{{ 'mine.noCaseStudies' | transloco }}</p>
          }
        </section>

        <section aria-labelledby="my-comments">
          <h2 id="my-comments">{{ 'thread.comments' | transloco }}</h2>
          @switch (comments().status) {
            @case ('loading') {
              <mat-progress-bar mode="indeterminate" [attr.aria-label]="'mine.loadingComments' | transloco" />
            }
            @case ('error') {
              <p class="form-alert" role="alert">{{ commentsError() }}</p>
            }
          }
          @if (commentItems().length > 0) {
            <ul class="list">
              @for (comment of commentItems(); track comment.id) {
                <li>
                  <article class="item" data-testid="my-comment">
                    <p class="where">
                      <span class="doc">{{ comment.documentTitle }}</span>
                      @if (comment.paragraphNumber !== null) {
                        <a [routerLink]="['/documents', comment.documentSlug]" [fragment]="'p-' + comment.paragraphKey">¶ {{ comment.paragraphNumber }}</a>
                      } @else {
                        <span class="gone">{{ 'mine.goneParagraph' | transloco }}</span>
                      }
                      @if (comment.parentId) {
                        <span class="kind">{{ 'mine.reply' | transloco }}</span>
                      }
                      @if (comment.kind === 'suggestion') {
                        <span class="badge">{{ 'kind.suggestion' | transloco }}</span>
                      }
                    </p>
                    @if (comment.deleted || comment.body === null) {
                      <p class="body deleted">{{ (comment.kind === 'suggestion' ? 'mine.withdrawn' : 'mine.deleted') | transloco }}</p>
                    } @else {
                      @if (comment.kind === 'suggestion' && comment.proposedText !== null) {
                        <div class="proposal">
                          <p class="proposal-title">{{ 'mine.proposedText' | transloco }}</p>
                          <p class="proposal-text">{{ comment.proposedText }}</p>
                        </div>
                      }
                      <p class="body" [attr.lang]="comment.language" dir="auto">{{ comment.body }}</p>
                    }
                    <p class="meta">
                      <time [attr.datetime]="comment.createdAt">{{ comment.createdAt | translocoDate: { dateStyle: 'long' } }}</time>
                      <span>{{ 'comment.version' | transloco: { version: comment.versionNumber } }}</span>
                      <span class="disposition disposition--{{ comment.disposition }}">{{ disposition(comment) }}</span>
                      @if (answered(comment); as answeredIn) {
                        <span class="answered" data-testid="answered-in">{{ answeredIn }}</span>
                      }
                    </p>
                    @if (comment.dispositionNote; as note) {
                      <p class="note"><span class="from">{{ 'comment.editorsNote' | transloco }}</span> {{ note }}</p>
                    }
                  </article>
                </li>
              }
            </ul>
          } @else if (comments().status === 'loaded') {
            <p class="empty">{{ 'mine.noComments' | transloco }}</p>
          }
        </section>
      }
    </div>
  `,
  styles: `
    h1 {
      margin: 1rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    h2 {
      margin: 2rem 0 0.75rem;
      font-size: 1.375rem;
    }
    .cta,
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
    .edit {
      min-height: 2.25rem;
    }
    .list {
      display: grid;
      gap: 0.75rem;
      max-width: 60rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      padding: 0.75rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    h3 {
      margin: 0 0 0.375rem;
      font-size: 1.125rem;
      overflow-wrap: anywhere;
    }
    .meta,
    .where {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 1rem;
      margin: 0 0 0.375rem;
      color: var(--dw-muted);
    }
    .doc {
      color: var(--dw-text);
      font-weight: 600;
    }
    .status,
    .disposition {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      color: var(--dw-text);
      font-weight: 600;
    }
    .status--changes_requested {
      border-style: dotted;
      border-color: #7a5c00;
    }
    .status--declined,
    .disposition--declined {
      border-style: dashed;
      border-color: var(--dw-danger);
    }
    .status--accepted,
    .disposition--accepted {
      border-color: #1d6b3e;
    }
    .review-message {
      margin: 0.5rem 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 6px solid #7a5c00;
      background: #fff8e1;
    }
    .review-message p {
      margin: 0;
    }
    .from {
      font-weight: 600;
    }
    .text,
    .body {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .body {
      margin: 0 0 0.375rem;
      font-family: var(--dw-reading-font);
    }
    .deleted {
      color: var(--dw-muted);
      font-style: italic;
    }
    .badge {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-accent);
      border-radius: 4px;
      font-weight: 700;
      color: var(--dw-text);
    }
    .proposal {
      margin: 0 0 0.375rem;
      padding: 0.375rem 0.75rem;
      border-inline-start: 4px solid var(--dw-accent);
      background: var(--dw-surface-alt);
    }
    .proposal p {
      margin: 0;
    }
    .proposal-title {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .proposal-text {
      font-family: var(--dw-reading-font);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .answered {
      font-weight: 700;
      color: #1d6b3e;
    }
    .note {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
  `,
})
export class MyContributionsPage {
  private readonly caseStudies = inject(CaseStudiesService);
  private readonly commentsService = inject(CommentsService);
  private readonly auth = inject(AuthService);

  protected readonly signedIn = this.auth.signedIn;
  private readonly i18n = inject(LanguageService);

  protected readonly studies = signal<Section<CaseStudyCard>>({ status: 'loading' });
  protected readonly comments = signal<Section<MyCommentView>>({ status: 'loading' });
  /** The editors' message per case study id (fetched for those sent back or declined). */
  private readonly messages = signal<ReadonlyMap<string, string>>(new Map());

  protected readonly studyItems = computed(() => {
    const state = this.studies();
    return state.status === 'loaded' ? state.items : [];
  });
  protected readonly commentItems = computed(() => {
    const state = this.comments();
    return state.status === 'loaded' ? state.items : [];
  });
  protected readonly studiesError = computed(() => {
    const state = this.studies();
    return state.status === 'error' ? state.message : '';
  });
  protected readonly commentsError = computed(() => {
    const state = this.comments();
    return state.status === 'error' ? state.message : '';
  });

  constructor() {
    const userId = computed(() => this.auth.user()?.id ?? null);
    toObservable(userId)
      .pipe(
        distinctUntilChanged(),
        switchMap((id) => {
          this.studies.set({ status: 'loading' });
          this.comments.set({ status: 'loading' });
          this.messages.set(new Map());
          if (id === null) return EMPTY;
          return merge(
            section(this.caseStudies.mine(), this.i18n.t('mine.caseStudiesFailed')).pipe(
              switchMap((state) => {
                this.studies.set(state);
                return state.status === 'loaded' ? this.loadMessages(state.items) : EMPTY;
              }),
            ),
            section(this.commentsService.mine(), this.i18n.t('mine.commentsFailed')).pipe(map((state) => this.comments.set(state))),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe();
  }

  protected messageFor(study: CaseStudyCard): string | null {
    return WITH_MESSAGE.includes(study.status) ? (this.messages().get(study.id) ?? null) : null;
  }

  protected editable(study: CaseStudyCard): boolean {
    return isEditable(study.status);
  }

  protected disposition(comment: MyCommentView): string {
    return this.i18n.t(`disposition.${comment.disposition}`);
  }

  /** "Accepted in v2" once a version answered it. */
  protected answered(comment: MyCommentView): string | null {
    if (comment.answeredInVersion === null) return null;
    const accepted = comment.disposition === 'accepted' || comment.disposition === 'partially_accepted';
    return this.i18n.t(accepted ? 'comment.acceptedIn' : 'comment.answeredIn', { version: comment.answeredInVersion });
  }

  /** The cards carry no review message: fetch the full case study for the few that have one to show. */
  private loadMessages(items: readonly CaseStudyCard[]): Observable<void> {
    const wanted = items.filter((item) => WITH_MESSAGE.includes(item.status));
    if (wanted.length === 0) return EMPTY;
    return forkJoin(
      wanted.map((item) =>
        this.caseStudies.get(item.id).pipe(
          map((view) => [item.id, view.reviewMessage] as const),
          catchError(() => of([item.id, null] as const)),
        ),
      ),
    ).pipe(
      map((pairs) => {
        const messages = new Map<string, string>();
        for (const [id, message] of pairs) if (message) messages.set(id, message);
        this.messages.set(messages);
      }),
    );
  }
}
