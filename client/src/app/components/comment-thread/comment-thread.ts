import { TranslocoPipe } from '@jsverse/transloco';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  model,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Subscription } from 'rxjs';
import { STAKEHOLDER_GROUPS, hasRole } from '@doorway/contracts';
import type { CommentOrder, CommentThreadView, CommentView, ParagraphView, StakeholderGroup, TextQuote } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { localeOf } from '../../core/i18n/languages';
import { CommentsService } from '../../services/comments.service';
import { CommentForm } from '../comment-form/comment-form';
import type { ParagraphRef } from '../comment-form/comment-form';
import { InterventionForm } from '../intervention-form/intervention-form';
import { paragraphId, threadId } from '../paragraph/paragraph';
import { SuggestionForm } from '../suggestion-form/suggestion-form';
import { CommentItem } from './comment-item';

export type GroupFilter = StakeholderGroup | 'all';

/** A change to a paragraph's visible comment count, by the group of the comment's author. */
export interface CountChange {
  group: StakeholderGroup;
  delta: 1 | -1;
  /** The comment that was posted or deleted. */
  contributionId?: string;
}

/** Replaces one comment (top-level or reply) by its new state, keeping replies in place. */
export function replaceComment(threads: readonly CommentThreadView[], updated: CommentView): CommentThreadView[] {
  return threads.map((thread) => {
    if (thread.id === updated.id) return { ...updated, replies: thread.replies };
    if (!thread.replies.some((reply) => reply.id === updated.id)) return thread;
    return { ...thread, replies: thread.replies.map((reply) => (reply.id === updated.id ? updated : reply)) };
  });
}

/** The comments panel of one paragraph: form, filter, sort, the threads and "Load more". */
@Component({
  selector: 'app-comment-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    CommentForm,
    CommentItem,
    InterventionForm,
    SuggestionForm,
  ],
  template: `
    <section
      class="thread"
      role="region"
      data-testid="thread"
      [id]="panelId()"
      [attr.aria-label]="'thread.heading' | transloco: { number: paragraph().number }"
    >
      <div class="thread-head">
        <h3>{{ 'thread.heading' | transloco: { number: paragraph().number } }}</h3>
        <button mat-icon-button type="button" [attr.aria-label]="'thread.close' | transloco" (click)="closed.emit()">
          <mat-icon aria-hidden="true" svgIcon="close" />
        </button>
      </div>

      <p class="status" role="status" aria-live="polite">{{ status() }}</p>

      @if (!canContribute()) {
        <p class="closed-note" data-testid="closed-note">
          <mat-icon aria-hidden="true" svgIcon="lock" />
          <span>{{ closedReason() || ('thread.notOpen' | transloco) }}</span>
        </p>
      }
      @if (user()) {
        @if (canContribute()) {
          <app-comment-form
            [slug]="slug()"
            [paragraph]="paragraph()"
            [otherParagraphs]="otherParagraphs()"
            [(quote)]="quote"
            (posted)="onPosted($event)"
            (sending)="status.set('')"
          />
        }
        @if (canContribute() || isEditor()) {
          <div class="more-actions">
            @if (canContribute()) {
              <button
                #suggestButton
                mat-stroked-button
                type="button"
                [attr.aria-expanded]="suggesting()"
                [attr.aria-controls]="ids().suggest"
                (click)="toggleSuggesting()"
              >
                <mat-icon aria-hidden="true" svgIcon="edit_note" />
                {{ 'thread.suggest' | transloco }}
              </button>
            }
            @if (isEditor()) {
              <button
                #recordButton
                mat-stroked-button
                type="button"
                [attr.aria-expanded]="recording()"
                [attr.aria-controls]="ids().record"
                (click)="toggleRecording()"
              >
                <mat-icon aria-hidden="true" svgIcon="record_voice_over" />
                {{ 'thread.record' | transloco }}
              </button>
            }
          </div>
        }
        @if (suggesting() && canContribute()) {
          <app-suggestion-form
            class="expanded-form"
            [id]="ids().suggest"
            [slug]="slug()"
            [paragraph]="paragraph()"
            (posted)="onSuggested($event)"
            (sending)="status.set('')"
            (cancelled)="closeSuggesting()"
          />
        }
        @if (recording() && isEditor()) {
          <app-intervention-form
            class="expanded-form"
            [id]="ids().record"
            [slug]="slug()"
            [paragraph]="paragraph()"
            [otherParagraphs]="otherParagraphs()"
            (posted)="onRecorded($event)"
            (sending)="status.set('')"
            (cancelled)="closeRecording()"
          />
        }
      } @else if (canContribute()) {
        <p class="sign-in">
          <a routerLink="/sign-in" [queryParams]="{ returnUrl: returnUrl() }">{{ 'thread.signIn' | transloco }}</a>
        </p>
      }

      <div class="controls">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="filter">
          <mat-label>{{ 'thread.filter' | transloco }}</mat-label>
          <mat-select [formControl]="groupFilter">
            <mat-option value="all">{{ 'thread.allGroups' | transloco }}</mat-option>
            @for (group of groups; track group) {
              <mat-option [value]="group">{{ 'group.' + group | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-button-toggle-group [formControl]="order" [attr.aria-label]="'thread.sort' | transloco" hideSingleSelectionIndicator>
          <mat-button-toggle value="newest">{{ 'thread.newest' | transloco }}</mat-button-toggle>
          <mat-button-toggle value="oldest">{{ 'thread.oldest' | transloco }}</mat-button-toggle>
        </mat-button-toggle-group>
      </div>

      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'thread.loading' | transloco" />
      }
      @if (loadError(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }

      @if (threads().length > 0) {
        <ol class="threads" [attr.aria-label]="'thread.comments' | transloco">
          @for (thread of threads(); track thread.id) {
            <li>
              <app-comment-item
                [comment]="thread"
                [currentUserId]="userId()"
                [paragraphText]="paragraph().text"
                [canContribute]="canContribute()"
                [paragraphNumbers]="paragraphNumbers()"
                (replied)="onReplied(thread.id, $event)"
                (changed)="onChanged($event)"
                (announce)="status.set($event)"
              />
              @if (thread.replies.length > 0) {
                <ol class="replies" [attr.aria-label]="'thread.replies' | transloco">
                  @for (reply of thread.replies; track reply.id) {
                    <li>
                      <app-comment-item
                        [comment]="reply"
                        [isReply]="true"
                        [currentUserId]="userId()"
                        [canContribute]="canContribute()"
                        (changed)="onChanged($event)"
                        (announce)="status.set($event)"
                      />
                    </li>
                  }
                </ol>
              }
            </li>
          }
        </ol>
      } @else if (!loading() && !loadError()) {
        <p class="empty">{{ emptyMessage() }}</p>
      }

      @if (nextCursor() && !loading()) {
        <button mat-stroked-button type="button" class="more" (click)="loadMore()">{{ 'thread.loadMore' | transloco }}</button>
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .thread {
      padding: 0.75rem 1rem 1rem;
      border: 1px solid var(--dw-border);
      border-top: 4px solid var(--dw-accent);
      border-radius: 4px;
      background: var(--dw-surface);
    }
    .thread-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    h3 {
      margin: 0;
      font-size: 1.125rem;
    }
    .status {
      min-height: 1.5em;
      margin: 0.25rem 0 0.5rem;
      font-size: 0.875rem;
      font-weight: 600;
      color: #1d6b3e;
    }
    .sign-in {
      margin: 0 0 1rem;
      font-weight: 600;
    }
    .closed-note {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      margin: 0 0 1rem;
      padding: 0.5rem 0.75rem;
      border: 2px dashed var(--dw-muted);
      border-radius: 4px;
    }
    .more-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.75rem 0 0;
    }
    .expanded-form {
      margin-top: 0.75rem;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
      margin: 0.75rem 0;
      padding-top: 0.75rem;
      border-top: 1px solid var(--dw-border);
    }
    .filter {
      flex: 1 1 14rem;
    }
    .threads,
    .replies {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .threads > li + li {
      border-top: 1px solid var(--dw-border);
    }
    .replies {
      margin: 0 0 0.5rem 1.25rem;
      padding-inline-start: 0.875rem;
      border-inline-start: 3px solid var(--dw-border);
    }
    .empty {
      color: var(--dw-muted);
    }
    .more {
      margin-top: 0.75rem;
    }
  `,
})
export class CommentThread implements OnInit {
  readonly slug = input.required<string>();
  readonly paragraph = input.required<ParagraphView>();
  /** The passage to quote in the new comment, shared with the page. */
  readonly quote = model<TextQuote | null>(null);
  /** Whether the consultation takes contributions now; when not, say why (closedReason). */
  readonly canContribute = input(true);
  readonly closedReason = input('');
  /** Every paragraph of the document, for comments about several and for naming them. */
  readonly paragraphs = input<readonly ParagraphRef[]>([]);
  /**
   * Bumped by the page when something changed on this paragraph elsewhere (live updates): the
   * loaded comments are fetched again quietly, keeping the filter, order and what is loaded.
   */
  readonly refresh = input(0);

  readonly closed = output<void>();
  readonly countChange = output<CountChange>();

  private readonly comments = inject(CommentsService);
  private readonly i18n = inject(LanguageService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly suggestButton = viewChild<string, ElementRef<HTMLElement>>('suggestButton', { read: ElementRef });
  private readonly recordButton = viewChild<string, ElementRef<HTMLElement>>('recordButton', { read: ElementRef });
  private request: Subscription | null = null;

  protected readonly groups = STAKEHOLDER_GROUPS;
  protected readonly user = this.auth.user;
  protected readonly userId = computed(() => this.auth.user()?.id ?? null);
  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly otherParagraphs = computed(() => this.paragraphs().filter((p) => p.key !== this.paragraph().key));
  protected readonly paragraphNumbers = computed(() => {
    const numbers: Record<string, number> = {};
    for (const p of this.paragraphs()) numbers[p.key] = p.number;
    return numbers;
  });
  protected readonly ids = computed(() => ({
    suggest: `suggest-${this.paragraph().key}`,
    record: `record-${this.paragraph().key}`,
  }));
  protected readonly suggesting = signal(false);
  protected readonly recording = signal(false);

  protected readonly groupFilter = new FormControl<GroupFilter>('all', { nonNullable: true });
  protected readonly order = new FormControl<CommentOrder>('newest', { nonNullable: true });

  protected readonly threads = signal<CommentThreadView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  /** Read out politely by screen readers ("Comment posted", "5 comments shown"). */
  protected readonly status = signal('');
  private readonly activeGroup = signal<GroupFilter>('all');

  protected readonly panelId = computed(() => threadId(this.paragraph().key));
  protected readonly returnUrl = computed(() => `/documents/${this.slug()}#${paragraphId(this.paragraph().key)}`);
  protected readonly emptyMessage = computed(() => {
    const group = this.activeGroup();
    return group === 'all'
      ? this.i18n.t('thread.empty')
      : this.i18n.t('thread.emptyGroup', { group: this.i18n.t(`group.${group}`) });
  });

  constructor() {
    let seen: number | undefined;
    effect(() => {
      const refresh = this.refresh();
      if (seen !== undefined && refresh !== seen) this.reloadQuietly();
      seen = refresh;
    });
  }

  ngOnInit(): void {
    this.groupFilter.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((group) => {
      this.activeGroup.set(group);
      this.load(false);
    });
    this.order.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.load(false));
    this.destroyRef.onDestroy(() => this.request?.unsubscribe());
    this.load(false);
  }

  protected loadMore(): void {
    this.load(true);
  }

  protected onPosted(comment: CommentView): void {
    this.prepend(comment);
    this.status.set(this.i18n.t('thread.posted'));
  }

  /** A new comment, suggestion or intervention goes on top, and counts for its group. */
  private prepend(comment: CommentView): void {
    this.threads.update((threads) => [{ ...comment, replies: [] }, ...threads.filter((t) => t.id !== comment.id)]);
    this.countChange.emit({ group: comment.stakeholderGroup, delta: 1, contributionId: comment.id });
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }

  protected toggleSuggesting(): void {
    this.suggesting.update((open) => !open);
  }

  protected closeSuggesting(): void {
    this.suggesting.set(false);
    this.focusAfterRender(() => this.suggestButton());
  }

  protected toggleRecording(): void {
    this.recording.update((open) => !open);
  }

  protected closeRecording(): void {
    this.recording.set(false);
    this.focusAfterRender(() => this.recordButton());
  }

  protected onSuggested(suggestion: CommentView): void {
    this.prepend(suggestion);
    this.status.set(this.i18n.t('thread.suggested'));
    this.closeSuggesting();
  }

  protected onRecorded(intervention: CommentView): void {
    this.prepend(intervention);
    this.status.set(this.i18n.t('thread.recorded'));
    this.closeRecording();
  }

  protected onReplied(parentId: string, reply: CommentView): void {
    this.threads.update((threads) =>
      threads.map((thread) => (thread.id === parentId ? { ...thread, replies: [...thread.replies, reply] } : thread)),
    );
    this.countChange.emit({ group: reply.stakeholderGroup, delta: 1, contributionId: reply.id });
  }

  protected onChanged(updated: CommentView): void {
    const before = this.find(updated.id);
    this.threads.update((threads) => replaceComment(threads, updated));
    if (updated.deleted && before && !before.deleted) {
      this.countChange.emit({ group: before.stakeholderGroup, delta: -1, contributionId: updated.id });
    }
  }

  private find(id: string): CommentView | undefined {
    for (const thread of this.threads()) {
      if (thread.id === id) return thread;
      const reply = thread.replies.find((r) => r.id === id);
      if (reply) return reply;
    }
    return undefined;
  }

  /**
   * The first page again, without a spinner or announcement: new comments go on top, the others
   * are updated in place, and comments loaded with "Load more" stay. Skipped while loading.
   */
  private reloadQuietly(): void {
    if (this.loading()) return;
    const group = this.groupFilter.value;
    this.request?.unsubscribe();
    this.request = this.comments
      .list(this.slug(), this.paragraph().key, { order: this.order.value, group: group === 'all' ? null : group, cursor: null })
      .subscribe({
        next: (page) => {
          const fresh = new Set(page.items.map((t) => t.id));
          const rest = this.threads().filter((t) => !fresh.has(t.id));
          this.threads.set([...page.items, ...rest]);
          if (rest.length === 0) this.nextCursor.set(page.nextCursor);
        },
        // Quiet: the comments shown stay; the next change or reopening tries again.
        error: () => undefined,
      });
  }

  private load(append: boolean): void {
    this.request?.unsubscribe();
    const group = this.groupFilter.value;
    const cursor = append ? this.nextCursor() : null;
    if (append && !cursor) return;
    this.loading.set(true);
    this.loadError.set(null);
    this.request = this.comments
      .list(this.slug(), this.paragraph().key, {
        order: this.order.value,
        group: group === 'all' ? null : group,
        cursor,
      })
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.nextCursor.set(page.nextCursor);
          if (append) {
            const seen = new Set(this.threads().map((t) => t.id));
            this.threads.update((threads) => [...threads, ...page.items.filter((t) => !seen.has(t.id))]);
          } else {
            this.threads.set(page.items);
          }
          const shown = this.threads().length;
          const count = new Intl.NumberFormat(localeOf(this.i18n.language())).format(shown);
          if (shown === 0) this.status.set('');
          else if (page.nextCursor) this.status.set(shown === 1 ? this.i18n.t('thread.shownOneMore') : this.i18n.t('thread.shownMore', { count }));
          else this.status.set(shown === 1 ? this.i18n.t('thread.shownOne') : this.i18n.t('thread.shown', { count }));
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.loadError.set(`${this.i18n.t('thread.loadFailed')} ${toApiError(error).message}`);
        },
      });
  }
}
