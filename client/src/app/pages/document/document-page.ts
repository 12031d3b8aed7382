import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe } from '@jsverse/transloco-locale';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  InjectionToken,
  Injector,
  PLATFORM_ID,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { MatProgressBar } from '@angular/material/progress-bar';
import { EMPTY, auditTime, buffer, catchError, distinctUntilChanged, of, share, switchMap, tap } from 'rxjs';
import { hasRole } from '@doorway/contracts';
import type { DocumentVersionView, LiveEvent, TextQuote } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import type { ServerPage } from '../../core/startup/start-on-intent';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { DocumentsService } from '../../services/documents.service';
import { LiveEventsService } from '../../services/live-events.service';
import { CommentThread } from '../../components/comment-thread/comment-thread';
import type { CountChange } from '../../components/comment-thread/comment-thread';
import type { ParagraphRef } from '../../components/comment-form/comment-form';
import { Paragraph, toggleId } from '../../components/paragraph/paragraph';
import { PhaseBanner } from '../../components/phase-banner/phase-banner';
import { consultationState } from '../../shared/consultation/phase';
import { adjustParagraphCount, findParagraph } from './document-state';
import { NearViewport } from './near-viewport';

/**
 * How long live events gather before the page shows them (ms): several at once become one update
 * and one announcement (a flash crowd's hundreds a second become four updates), and the reader's
 * own new comment has time to come back from the API first. Short enough that a change shows
 * within the second the consultation promises: at 1,000 ms it showed 1.3-1.5 s after the post.
 */
export const LIVE_UPDATE_DELAY = new InjectionToken<number>('LIVE_UPDATE_DELAY', { providedIn: 'root', factory: () => 250 });
/** Drafts up to this many paragraphs render whole at once. */
const ALL_AT_ONCE = 80;
/** How many paragraphs of a longer draft render before the rest (the head fills a phone's first screen). */
const FIRST_SCREEN = 3;
/**
 * Main-thread time (ms) one slice of placeholders may take to render. Slices are sized from what
 * the last one cost, so that on a slow phone too each stays far below a 50 ms long task: ten
 * placeholders at a time took about 17 ms here, 67 ms under Lighthouse's 4× CPU slowdown.
 */
const REVEAL_BUDGET_MS = 6;
/** Placeholders per slice at most, however fast the machine. */
const MAX_REVEAL_SLICE = 30;
/** Paragraphs turned from placeholders into components per task as they near the viewport. */
const RENDER_SLICE = 2;
/** How long a paragraph that changed live stays highlighted (ms). */
const FRESH_MS = 3000;

type LiveKind = 'comment' | 'reply' | 'suggestion';

/** Runs `task` when the browser is idle (soon after, where it cannot tell); returns the cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(task, 0);
  return () => clearTimeout(timer);
}

/**
 * "New comment on paragraph 12", "3 new comments on paragraphs 4 and 12", in the interface language:
 * `languages` gives the translations and the list format ("4 and 12", "4 et 12").
 */
export function describeNewComments(
  items: readonly { kind: LiveKind; number: number }[],
  languages: Pick<LanguageService, 't' | 'list'>,
): string {
  if (items.length === 0) return '';
  const numbers = [...new Set(items.map((i) => i.number))].sort((a, b) => a - b);
  const where =
    numbers.length === 1
      ? languages.t('live.paragraph', { number: numbers[0] })
      : languages.t('live.paragraphs', { numbers: languages.list(numbers.map(String)) });
  const kinds = new Set(items.map((i) => i.kind));
  const first = items[0];
  if (items.length === 1 && first) return languages.t(`live.newOne.${first.kind}`, { where });
  const kind = kinds.size === 1 && first ? first.kind : 'contribution';
  return languages.t(`live.newMany.${kind}`, { count: items.length, where });
}

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; doc: DocumentVersionView }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

/** The draft, paragraph by paragraph, with a comment thread beside (or below) the one that is open. */
@Component({
  selector: 'app-document-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, RouterLink, MatProgressBar, Paragraph, CommentThread, PhaseBanner, NearViewport],
  template: `
    <div class="document-page" [attr.data-server-page]="serverPage()">
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-status">{{ liveStatus() }}</p>
      @switch (state().status) {
        @case ('loading') {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'document.loading' | transloco" />
          <p class="loading-note">{{ 'document.loadingNote' | transloco }}</p>
        }
        @case ('not-found') {
          <h1>{{ 'document.notFound' | transloco }}</h1>
          <p role="alert">{{ 'document.notFoundText' | transloco }}</p>
          <p><a routerLink="/">{{ 'document.allDocuments' | transloco }}</a></p>
        }
        @case ('error') {
          <h1>{{ 'document.loadFailed' | transloco }}</h1>
          <p class="form-alert" role="alert">{{ errorMessage() }}</p>
          <p><a routerLink="/">{{ 'common.backHome' | transloco }}</a></p>
        }
      }

      @if (doc(); as d) {
        <div class="doc-head">
          <p class="forum" [attr.lang]="d.document.language" dir="auto">{{ d.document.forum.name }}</p>
          <h1 [attr.lang]="d.document.language" dir="auto">{{ d.document.title }}</h1>
          <p class="version">
            <span class="version-label" data-testid="version-label">{{ versionLabel() }}</span>
            @if (d.version.publishedAt; as published) {
              · {{ 'document.published' | transloco }} <time [attr.datetime]="published">{{ published | translocoDate: { dateStyle: 'long' } }}</time>
            }
          </p>
          <nav class="doc-links" [attr.aria-label]="'document.linksNav' | transloco">
            <ul>
              @if (d.version.number > 1) {
                <li>
                  <a
                    [routerLink]="['/documents', d.document.slug, 'compare']"
                    [queryParams]="{ from: d.version.number - 1, to: d.version.number }"
                    >{{ 'document.compare' | transloco }}</a
                  >
                </li>
              }
              <li><a [routerLink]="['/documents', d.document.slug, 'versions']">{{ 'document.allVersions' | transloco }}</a></li>
              @if (isEditor()) {
                <li><a [routerLink]="['/documents', d.document.slug, 'triage']">{{ 'document.triage' | transloco }}</a></li>
                <li><a [routerLink]="['/documents', d.document.slug, 'merge']">{{ 'document.merge' | transloco }}</a></li>
              }
              @if (isCoordinator()) {
                <li><a [routerLink]="['/documents', d.document.slug, 'settings']">{{ 'document.settings' | transloco }}</a></li>
              }
            </ul>
          </nav>
          <app-phase-banner class="phase-banner" [state]="consultation()" />
          @if (d.document.consultationOpensAt || d.document.consultationClosesAt) {
            <p class="consultation">
              {{ 'document.consultation' | transloco }}
              @if (d.document.consultationOpensAt; as opens) {
                {{ 'document.from' | transloco }} <time [attr.datetime]="opens">{{ opens | translocoDate: { dateStyle: 'long' } }}</time>
              }
              @if (d.document.consultationClosesAt; as closes) {
                {{ 'phase.until' | transloco }} <time [attr.datetime]="closes">{{ closes | translocoDate: { dateStyle: 'long' } }}</time>
              }
            </p>
          }
          <p class="summary" [attr.lang]="d.document.language" dir="auto">{{ d.document.summary }}</p>
          <p class="how-to">
            @if (consultation().open) {
              {{ 'document.howToOpen' | transloco }}
              @if (signedIn()) {
                {{ 'document.howToQuote' | transloco }}
              }
            } @else {
              {{ 'document.howToClosed' | transloco }}
            }
          </p>
        </div>

        <nav class="toc" [attr.aria-label]="'document.toc' | transloco">
          <h2 class="toc-title">{{ 'document.contents' | transloco }}</h2>
          <ol>
            @for (section of d.sections; track section.key) {
              <li>
                <a [routerLink]="[]" [fragment]="'section-' + section.key" [attr.lang]="d.document.language" dir="auto">{{ section.title }}</a>
              </li>
            }
          </ol>
        </nav>

        @for (part of shownSections(); track part.section.key) {
          <section class="doc-section">
            <h2 [id]="'section-' + part.section.key" tabindex="-1" [attr.lang]="d.document.language" dir="auto">{{ part.section.title }}</h2>
            <!-- Long drafts: the first screen renders at once, the rest as it nears the viewport (see rendered). -->
            @for (paragraph of part.paragraphs; track paragraph.key) {
              @if (rendered().has(paragraph.key) || openKey() === paragraph.key) {
                <div class="row" [class.has-thread]="openKey() === paragraph.key" [class.live-updated]="fresh().has(paragraph.key)">
                  <app-paragraph
                    class="paragraph-col"
                    [paragraph]="paragraph"
                    [slug]="d.document.slug"
                    [lang]="d.document.language"
                    [open]="openKey() === paragraph.key"
                    [canQuote]="signedIn() && consultation().open"
                    (toggle)="toggle(paragraph.key)"
                    (quote)="commentOnQuote(paragraph.key, $event)"
                  />
                  @if (openKey() === paragraph.key) {
                    <!-- The thread and its forms are most of this page's code: loaded when a reader opens one, not before the draft can paint. -->
                    @defer (on immediate) {
                      <app-comment-thread
                        class="thread-col"
                        [slug]="d.document.slug"
                        [paragraph]="paragraph"
                        [paragraphs]="paragraphRefs()"
                        [canContribute]="consultation().open"
                        [closedReason]="closedReason()"
                        [refresh]="threadRefresh()"
                        [(quote)]="quote"
                        (closed)="close(paragraph.key)"
                        (countChange)="adjustCount(paragraph.key, $event)"
                      />
                    } @placeholder {
                      <div class="thread-col">
                        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'thread.loading' | transloco" />
                      </div>
                    }
                  }
                </div>
              } @else {
                <!-- Plain text until then: cheap to create, found by find-in-page, about the same height. -->
                <div class="row pending" [id]="'p-' + paragraph.key" (appNearViewport)="render(paragraph.key)">
                  <p class="pending-text"><span class="pending-number">¶ {{ paragraph.number }}</span>{{ paragraph.text }}</p>
                </div>
              }
            }
          </section>
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .document-page {
      max-width: 88rem;
      margin: 0 auto;
      padding: 1.5rem 1rem 5rem;
    }
    .loading-note {
      color: var(--dw-muted);
    }
    .doc-head,
    .toc {
      max-width: 70ch;
      margin-inline-start: 3.75rem;
    }
    .forum {
      margin: 0;
      font-weight: 600;
      color: var(--dw-muted);
      text-transform: uppercase;
      letter-spacing: 0.04em;
      font-size: 0.875rem;
    }
    h1 {
      margin: 0.25rem 0 0.5rem;
      font-family: var(--dw-reading-font);
      font-size: clamp(1.75rem, 1.2rem + 2vw, 2.5rem);
    }
    .version,
    .consultation {
      margin: 0.25rem 0;
      color: var(--dw-muted);
    }
    .version-label {
      font-weight: 600;
      color: var(--dw-text);
    }
    .doc-links ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.25rem;
      margin: 0.25rem 0 0.75rem;
      padding: 0;
      list-style: none;
    }
    .doc-links a {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      font-weight: 600;
    }
    .phase-banner {
      margin: 0.5rem 0 0.75rem;
    }
    .summary {
      margin: 1rem 0;
      font-family: var(--dw-reading-font);
      font-size: 1.1875rem;
      line-height: 1.65;
    }
    .how-to {
      padding: 0.75rem 1rem;
      border-inline-start: 4px solid var(--dw-accent);
      background: var(--dw-surface-alt);
    }
    .toc {
      margin-top: 1.5rem;
      margin-bottom: 2rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--dw-border);
      border-radius: 4px;
    }
    .toc-title {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
    }
    .toc ol {
      margin: 0;
      padding-inline-start: 1.5rem;
      line-height: 2;
    }
    .doc-section h2 {
      margin: 2.5rem 0 1rem 3.75rem;
      max-width: 70ch;
      font-family: var(--dw-reading-font);
      font-size: 1.5rem;
      scroll-margin-top: 1rem;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.75rem;
      margin-bottom: 0.5rem;
      scroll-margin-top: 1rem;
    }
    /*
     * Off-screen paragraphs skip layout and paint until they near the viewport (300-paragraph
     * drafts); their text stays in the DOM for screen readers and find-in-page. "auto" remembers
     * a paragraph's real height once it has been rendered. The open thread's row is left alone.
     */
    .row:not(.has-thread) {
      content-visibility: auto;
      contain-intrinsic-size: auto 15rem;
    }
    .pending {
      max-width: calc(70ch + 5rem);
      padding: 0.5rem 0.75rem 0.75rem 0.25rem;
    }
    .pending-text {
      display: grid;
      grid-template-columns: 3.25rem minmax(0, 70ch);
      gap: 0 0.5rem;
      /* Room for the comment button row the paragraph will have. */
      margin: 0 0 3rem;
      font-family: var(--dw-reading-font);
      font-size: 1.125rem;
      line-height: 1.7;
      overflow-wrap: anywhere;
    }
    .pending-number {
      padding-top: 0.1rem;
      font-family: var(--dw-ui-font);
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--dw-muted);
      text-align: end;
    }
    .row.live-updated .paragraph-col {
      border-radius: 4px;
      animation: live-flash 3s ease-out;
    }
    @keyframes live-flash {
      from {
        background-color: #fff1b8;
      }
      to {
        background-color: transparent;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .row.live-updated .paragraph-col {
        animation: none;
        outline: 2px solid var(--dw-accent);
        outline-offset: -2px;
      }
    }
    .paragraph-col {
      max-width: calc(70ch + 5rem);
    }
    .thread-col {
      margin: 0 0 1rem 3.75rem;
    }
    @media (max-width: 599.98px) {
      .doc-head,
      .toc,
      .doc-section h2,
      .thread-col {
        margin-inline-start: 0;
      }
    }
    @media (min-width: 1100px) {
      .row {
        grid-template-columns: minmax(0, 50rem) minmax(22rem, 1fr);
        align-items: start;
        gap: 1.5rem;
      }
      .paragraph-col {
        grid-column: 1;
      }
      .thread-col {
        grid-column: 2;
        margin: 0 0 1rem;
      }
    }
  `,
})
export class DocumentPage {
  /** The `:slug` route parameter (router input binding). */
  readonly slug = input.required<string>();

  private readonly documents = inject(DocumentsService);
  private readonly i18n = inject(LanguageService);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly live = inject(LiveEventsService);
  private readonly liveDelay = inject(LIVE_UPDATE_DELAY);
  private readonly destroyRef = inject(DestroyRef);
  private readonly changeDetector = inject(ChangeDetectorRef);
  /** The server renders the first screen only; the placeholders after it come in the browser, in idle time. */
  private readonly inBrowser = isPlatformBrowser(inject(PLATFORM_ID));

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly doc = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.doc : null;
  });
  protected readonly errorMessage = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  });
  protected readonly signedIn = this.auth.signedIn;
  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });

  /** When the document was loaded: the deadline's "n days left" counts from then. */
  private readonly loadedAt = signal(Date.now());
  protected readonly consultation = computed(() => {
    const doc = this.doc();
    return consultationState(doc ? doc.document : { phase: 'open', commentDeadline: null }, this.loadedAt());
  });
  /** "Version 2 · Draft for public comment" */
  protected readonly versionLabel = computed(() => {
    const version = this.doc()?.version;
    if (!version) return '';
    const number = this.i18n.t('history.version', { version: version.number });
    return version.label ? `${number} · ${version.label}` : number;
  });
  /** Why contributions are not accepted now, in the interface language; '' while open. */
  protected readonly closedReason = computed(() => {
    const state = this.consultation();
    if (state.open) return '';
    return this.i18n.t(state.phase === 'open' ? 'phase.reason.deadlinePassed' : `phase.reason.${state.phase}`);
  });
  /** Every paragraph's key and number; only recomputed when they change, not when counts move. */
  protected readonly paragraphRefs = computed(
    (): ParagraphRef[] => (this.doc()?.sections ?? []).flatMap((s) => s.paragraphs.map((p) => ({ key: p.key, number: p.number }))),
    { equal: (a, b) => a.length === b.length && a.every((ref, i) => ref.key === b[i]?.key && ref.number === b[i]?.number) },
  );

  /**
   * Paragraphs rendered as components. A draft of up to ALL_AT_ONCE paragraphs
   * renders whole; a longer one (the 300-paragraph benchmark) renders its first FIRST_SCREEN and the
   * others when they near the viewport, so the first paint does not wait for hundreds of components.
   */
  protected readonly rendered = signal<ReadonlySet<string>>(new Set());
  /**
   * How many paragraphs, in document order, are on the page at all (as components or placeholders).
   * The placeholders of a long draft arrive in slices after the first paint, each slice a short task,
   * so that the page answers input meanwhile.
   */
  protected readonly shown = signal(0);
  /** Each paragraph's place in the document. */
  protected readonly order = computed(() => new Map(this.paragraphRefs().map((ref, i) => [ref.key, i])));
  /**
   * Each section with the paragraphs on the page so far. The template loops over these alone: a loop
   * over all 300 that hid most of them still made a view for every one at the first render.
   */
  protected readonly shownSections = computed(() => {
    const order = this.order();
    const shown = this.shown();
    return (this.doc()?.sections ?? []).map((section) => ({
      section,
      paragraphs: section.paragraphs.filter((paragraph) => (order.get(paragraph.key) ?? 0) < shown),
    }));
  });
  private stopReveal: () => void = () => undefined;
  private readonly renderQueue: string[] = [];
  private renderTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * On the server only: tells the browser that this render can be read as it is, so the app may start
   * on the reader's first action (core/startup/start-on-intent.ts). Null, so absent, in the browser.
   */
  protected readonly serverPage = computed(() => {
    const doc = this.doc();
    if (this.inBrowser || !doc) return null;
    const page: ServerPage = { slug: doc.document.slug, cursor: doc.liveCursor, complete: this.shown() >= this.paragraphRefs().length };
    return JSON.stringify(page);
  });

  /** The paragraph whose thread is open; one at a time. */
  protected readonly openKey = signal<string | null>(null);
  /** The passage about to be quoted in the open thread's comment form. */
  protected readonly quote = signal<TextQuote | null>(null);

  /** Read out politely by screen readers: "New comment on paragraph 12". */
  protected readonly liveStatus = signal('');
  /** Bumped to make the open thread fetch its comments again. */
  protected readonly threadRefresh = signal(0);
  /** Paragraphs that just changed live, highlighted for a moment. */
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  /** Contributions the reader posted from this page: counted already, not announced. */
  private readonly own = new Set<string>();
  /** "<contribution id> <paragraph key>" already counted, whether by the thread or by an event. */
  private readonly counted = new Set<string>();

  private readonly fragment = toSignal(this.route.fragment, { initialValue: null });
  /** Changes when another document has loaded, not when counts move. */
  private readonly loadedSlug = computed(() => this.doc()?.document.slug ?? null);

  constructor() {
    this.destroyRef.onDestroy(() => {
      this.stopReveal();
      clearTimeout(this.renderTimer);
    });
    // A thread's actions depend on who is signed in: close it when the session changes (sign out).
    let previousUser: string | null | undefined;
    effect(() => {
      const user = this.auth.user()?.id ?? null;
      if (previousUser !== undefined && previousUser !== user) {
        untracked(() => {
          this.openKey.set(null);
          this.quote.set(null);
        });
      }
      previousUser = user;
    });

    toObservable(this.slug)
      .pipe(
        tap(() => {
          this.state.set({ status: 'loading' });
          this.openKey.set(null);
        }),
        switchMap((slug) =>
          this.documents.open(slug).pipe(
            catchError((error: unknown) => {
              if (error instanceof HttpErrorResponse && error.status === 404) {
                this.state.set({ status: 'not-found' });
              } else {
                this.state.set({ status: 'error', message: toApiError(error).message });
              }
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((doc) => {
        if (!doc) {
          this.title.setTitle(`${this.i18n.t('document.unavailable')} · Doorway`);
          return;
        }
        this.loadedAt.set(Date.now());
        const keys = doc.sections.flatMap((s) => s.paragraphs.map((p) => p.key));
        const all = keys.length <= ALL_AT_ONCE;
        this.rendered.set(new Set(all ? keys : keys.slice(0, FIRST_SCREEN)));
        this.shown.set(all ? keys.length : FIRST_SCREEN);
        if (this.inBrowser) this.revealRest(keys.length);
        this.state.set({ status: 'loaded', doc });
        this.title.setTitle(`${doc.document.title} · Doorway`);
      });

    // Live updates of the loaded document.
    const events = toObservable(this.loadedSlug).pipe(
      distinctUntilChanged(),
      // From the loaded view's cursor: what happened since that read comes first, counted once.
      switchMap((slug) => (slug ? this.live.events(slug, untracked(() => this.doc()?.liveCursor ?? null)) : EMPTY)),
      share(),
    );
    events
      .pipe(buffer(events.pipe(auditTime(this.liveDelay))), takeUntilDestroyed())
      .subscribe((batch) => this.applyLive(batch));

    // Deep links (#section-…, #p-…) only resolve once the document is on the page.
    effect(() => {
      const fragment = this.fragment();
      if (!fragment || !this.loadedSlug()) return;
      const doc = untracked(() => this.doc());
      if (!doc) return;
      if (fragment.startsWith('p-') && findParagraph(doc, fragment.slice(2))) {
        untracked(() => {
          // Its placeholder must be on the page to scroll to.
          this.shown.set(this.paragraphRefs().length);
          this.openKey.set(fragment.slice(2));
        });
      }
      afterNextRender(
        () => {
          const target = this.document.getElementById(fragment);
          if (!target) return;
          target.scrollIntoView({ block: 'start' });
          if (target.tagName === 'H2') target.focus({ preventScroll: true });
        },
        { injector: this.injector },
      );
    });
  }

  /**
   * Adds the remaining placeholders a slice per idle period, until all `total` paragraphs are on the
   * page. Each slice is rendered at once (detectChanges) so that its cost can be timed, and the next
   * slice is sized to REVEAL_BUDGET_MS from it.
   */
  private revealRest(total: number): void {
    this.stopReveal();
    let slice = 2;
    const step = (): void => {
      this.stopReveal = () => undefined;
      if (this.shown() >= total) return;
      const started = performance.now();
      this.shown.update((n) => Math.min(total, n + slice));
      this.changeDetector.detectChanges();
      const spent = Math.max(performance.now() - started, 0.1);
      slice = Math.max(1, Math.min(MAX_REVEAL_SLICE, Math.floor((slice * REVEAL_BUDGET_MS) / spent)));
      this.stopReveal = whenIdle(step);
    };
    this.stopReveal = whenIdle(step);
  }

  /**
   * A placeholder neared the viewport: its paragraph becomes a component (and stays one). Several
   * arrive together (a fast scroll, the first screen); they render a few per task, in page order.
   */
  protected render(key: string): void {
    this.renderQueue.push(key);
    if (this.renderTimer !== undefined) return;
    const flush = (): void => {
      const batch = this.renderQueue.splice(0, RENDER_SLICE);
      this.rendered.update((keys) => new Set([...keys, ...batch]));
      this.renderTimer = this.renderQueue.length > 0 ? setTimeout(flush, 0) : undefined;
    };
    this.renderTimer = setTimeout(flush, 0);
  }

  protected toggle(key: string): void {
    if (this.openKey() === key) {
      this.openKey.set(null);
    } else {
      this.quote.set(null);
      this.openKey.set(key);
    }
  }

  protected close(key: string): void {
    this.openKey.set(null);
    afterNextRender(() => this.document.getElementById(toggleId(key))?.focus(), { injector: this.injector });
  }

  protected commentOnQuote(key: string, quote: TextQuote): void {
    this.openKey.set(key);
    this.quote.set(quote);
  }

  protected adjustCount(key: string, change: CountChange): void {
    if (change.contributionId !== undefined) {
      this.own.add(change.contributionId);
      const mark = `${change.contributionId} ${key}`;
      if (change.delta > 0) {
        // Its live event came back first and counted it already.
        if (this.counted.has(mark)) return;
        this.counted.add(mark);
      }
    }
    this.state.update((state) =>
      state.status === 'loaded'
        ? { status: 'loaded', doc: adjustParagraphCount(state.doc, key, change.group, change.delta) }
        : state,
    );
  }

  /** What a batch of live events changes: counts, the open thread, the phase, and what is said. */
  private applyLive(batch: readonly LiveEvent[]): void {
    const state = this.state();
    if (state.status !== 'loaded' || batch.length === 0) return;
    let doc = state.doc;
    const openKey = this.openKey();
    const added: { kind: 'comment' | 'reply' | 'suggestion'; number: number }[] = [];
    const freshKeys = new Set<string>();
    let refreshThread = false;
    let phaseChanged = false;
    for (const event of batch) {
      switch (event.type) {
        case 'comment': {
          const mine = this.own.has(event.contributionId);
          let counted = false;
          for (const key of event.paragraphKeys) {
            const mark = `${event.contributionId} ${key}`;
            if (this.counted.has(mark)) continue;
            this.counted.add(mark);
            counted = true;
            doc = adjustParagraphCount(doc, key, event.stakeholderGroup, 1);
            if (!mine) freshKeys.add(key);
          }
          // The reader's own (the thread shows it already), or one seen before (a replay).
          if (mine || !counted) break;
          if (openKey !== null && event.paragraphKeys.includes(openKey)) refreshThread = true;
          const primary = event.paragraphKeys[0];
          const paragraph = primary === undefined ? undefined : findParagraph(doc, primary);
          if (paragraph) added.push({ kind: event.kind, number: paragraph.number });
          break;
        }
        case 'endorsement':
        case 'disposition':
          if (openKey !== null && event.paragraphKeys.includes(openKey)) refreshThread = true;
          break;
        case 'phase':
          phaseChanged = true;
          break;
      }
    }
    if (doc !== state.doc) this.state.set({ status: 'loaded', doc });
    if (refreshThread) this.threadRefresh.update((n) => n + 1);
    if (freshKeys.size > 0) this.highlight(freshKeys);
    if (added.length > 0) this.announce(describeNewComments(added, this.i18n));
    if (phaseChanged) this.refetchForPhase(doc.document.slug);
  }

  /** The document again (phase, deadline, counts), without the loading state; then say what it is now. */
  private refetchForPhase(slug: string): void {
    this.documents
      .get(slug)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (doc) => {
          if (this.doc()?.document.slug !== doc.document.slug) return;
          this.loadedAt.set(Date.now());
          this.state.set({ status: 'loaded', doc });
          this.announce(
            this.i18n.t('document.consultationUpdate', {
              phase: this.i18n.t(`phase.title.${this.consultation().open ? 'open' : this.consultation().phase === 'open' ? 'closed' : this.consultation().phase}`),
            }),
          );
        },
        // The banner stays as it was; the next phase event or a reload tries again.
        error: () => undefined,
      });
  }

  private highlight(keys: ReadonlySet<string>): void {
    this.fresh.update((current) => new Set([...current, ...keys]));
    const timer = setTimeout(() => {
      stop();
      this.fresh.update((current) => new Set([...current].filter((key) => !keys.has(key))));
    }, FRESH_MS);
    const stop = this.destroyRef.onDestroy(() => clearTimeout(timer));
  }

  /** Sets the live region's text; the same words twice in a row still get read. */
  private announce(message: string): void {
    const previous = this.liveStatus();
    this.liveStatus.set(previous === message ? `${message}\u00a0` : message);
  }
}
