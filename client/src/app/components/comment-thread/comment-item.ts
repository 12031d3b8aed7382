import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe, TranslocoDecimalPipe } from '@jsverse/transloco-locale';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { LIMITS, STAKEHOLDER_GROUP_ABBREVIATIONS } from '@doorway/contracts';
import type { CommentView, ReportResult } from '@doorway/contracts';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { CommentsService } from '../../services/comments.service';
import { groupsByCount } from '../../shared/contributions/contribution-text';
import { hiddenNoteText } from '../../shared/moderation/moderation-text';
import { notBlank } from '../comment-form/comment-form';
import { WordDiff, wordDiff } from '../word-diff/word-diff';
import { ConfirmDeleteDialog, DELETE_COMMENT, WITHDRAW_SUGGESTION } from './confirm-delete-dialog';
import { ReportDialog } from './report-dialog';
import type { ReportDialogData } from './report-dialog';
import type { ConfirmDeleteData } from './confirm-delete-dialog';

/** One comment or reply: who wrote it, when, the quote, the text, and the author's own actions. */
@Component({
  selector: 'app-comment-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoDatePipe,
    TranslocoDecimalPipe,
    TranslocoPipe,
    ReactiveFormsModule,
    CdkTextareaAutosize,
    MatButton,
    MatError,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    WordDiff,
  ],
  template: `
    <article
      #article
      tabindex="-1"
      class="comment"
      data-testid="comment"
      [class.is-reply]="isReply()"
      [class.is-suggestion]="isSuggestion()"
      [attr.aria-label]="articleLabel()"
    >
      <p class="head">
        @if (hiddenFromMe()) {
          <span class="author deleted-author">{{ (isReply() ? 'comment.hiddenReply' : 'comment.hiddenComment') | transloco }}</span>
        } @else if (comment().deleted || !comment().author) {
          <span class="author deleted-author">{{ (isReply() ? 'comment.deletedReply' : 'comment.deletedComment') | transloco }}</span>
        } @else {
          <span class="author">{{ comment().author?.displayName }}</span>
          @if (comment().author?.organisation; as organisation) {
            <span class="organisation">{{ organisation }}</span>
          }
          <span class="group">
            <span class="dw-group dw-group--{{ comment().stakeholderGroup }}" aria-hidden="true">{{ groupAbbreviation() }}</span>
            <span class="group-label">{{ groupLabel() }}</span>
            <span class="group-status" [class.is-verified]="comment().groupVerified" data-testid="group-status">
              @if (comment().groupVerified) {
                <mat-icon aria-hidden="true" svgIcon="verified" />
              }
              {{ groupStatus() }}
            </span>
          </span>
        }
        <time class="date" [attr.datetime]="comment().createdAt">{{ comment().createdAt | translocoDate: { dateStyle: 'medium', timeStyle: 'short' } }}</time>
        @if (comment().editedAt && !comment().deleted) {
          <span class="edited">{{ 'comment.edited' | transloco }}</span>
        }
      </p>

      <p class="tags">
        @if (isSuggestion()) {
          <span class="badge badge--suggestion">
            <mat-icon aria-hidden="true" svgIcon="edit_note" />
            {{ 'kind.suggestion' | transloco }}
          </span>
        }
        @if (comment().recordedByRapporteur && !comment().deleted) {
          <span class="badge badge--recorded">
            <mat-icon aria-hidden="true" svgIcon="record_voice_over" />
            {{ 'comment.recorded' | transloco }}
          </span>
        }
        <span class="version" data-testid="comment-version">{{ versionText() }}</span>
        @if (alsoAbout(); as also) {
          <span class="also">{{ 'comment.alsoAbout' | transloco: { paragraphs: also } }}</span>
        }
      </p>

      @if (comment().quote; as quote) {
        @if (!comment().deleted) {
          <blockquote class="quote">{{ quote.exact }}</blockquote>
        }
      }

      @if (isSuggestion() && !comment().deleted && comment().proposedText !== null) {
        <div class="proposal">
          <p class="proposal-title">{{ (paragraphText() === null ? 'comment.proposedReplacement' : 'comment.proposedChange') | transloco }}</p>
          <app-word-diff class="proposal-text" data-testid="suggestion-diff" [words]="suggestionWords()" />
        </div>
      }

      @if (comment().hidden && !hiddenFromMe() && !comment().deleted) {
        <p class="hidden-banner" data-testid="hidden-banner">{{ hiddenNote() }} {{ 'comment.moderatorView' | transloco }}</p>
      }
      @if (hiddenFromMe()) {
        <p class="body deleted" data-testid="hidden-note">{{ hiddenNote() }}</p>
      } @else if (comment().deleted) {
        <p class="body deleted">{{ (isSuggestion() ? 'comment.withdrawnBody' : 'comment.deletedBody') | transloco }}</p>
      } @else if (editing()) {
        <form class="inline-form" (submit)="$event.preventDefault(); save()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'comment.editLabel' | transloco }}</mat-label>
            <textarea dir="auto" #editInput matInput [formControl]="editBody" cdkTextareaAutosize cdkAutosizeMinRows="3"></textarea>
            @if (editBody.hasError('blank')) {
              <mat-error>{{ 'comment.editBlank' | transloco }}</mat-error>
            } @else if (editBody.hasError('maxlength')) {
              <mat-error>{{ 'commentForm.tooLong' | transloco: { max: (max | translocoDecimal) } }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit">{{ 'common.save' | transloco }}</button>
            <button mat-button type="button" (click)="cancelEdit()">{{ 'common.cancel' | transloco }}</button>
          </div>
        </form>
      } @else {
        <!-- The comment keeps the language it was written in, whatever the interface language. -->
        <p class="body" data-testid="comment-body" [attr.lang]="comment().language" dir="auto">{{ comment().body }}</p>
      }

      @if (comment().disposition !== 'pending' && !comment().deleted) {
        <div class="outcome" data-testid="disposition">
          <p class="outcome-line">
            <span class="disposition disposition--{{ comment().disposition }}">{{ dispositionLabel() }}</span>
            @if (answered(); as answeredIn) {
              <span class="answered">{{ answeredIn }}</span>
            }
          </p>
          @if (comment().dispositionNote; as note) {
            <p class="note"><span class="note-from">{{ 'comment.editorsNote' | transloco }}</span> {{ note }}</p>
          }
        </div>
      }

      @if (showEndorsements()) {
        <p class="endorsements" data-testid="endorsements">{{ endorsementSummary() }}</p>
      }

      @if (error(); as message) {
        <p class="form-alert" role="alert">{{ message }}</p>
      }

      @if (!comment().deleted && !hiddenFromMe() && !editing() && (showReply() || canEndorse() || own() || canReport() || comment().reportedByMe)) {
        <div class="actions">
          @if (showReply() && !replying()) {
            <button #replyButton mat-button type="button" (click)="openReply()">
              <mat-icon aria-hidden="true" svgIcon="reply" />
              {{ 'comment.reply' | transloco }}
            </button>
          }
          @if (canEndorse()) {
            <button mat-button type="button" class="endorse" [attr.aria-disabled]="busy() || null" (click)="toggleEndorsement()">
              <mat-icon aria-hidden="true" [svgIcon]="endorsed() ? 'undo' : 'thumb_up'" />
              {{ (endorsed() ? 'comment.unendorse' : 'comment.endorse') | transloco }}
            </button>
          }
          @if (canReport()) {
            <button mat-button type="button" class="report" (click)="openReport()">
              <mat-icon aria-hidden="true" svgIcon="flag" />
              {{ 'comment.report' | transloco }}
            </button>
          } @else if (comment().reportedByMe && !own()) {
            <span #reportedNote class="reported" data-testid="reported" tabindex="-1">{{ 'comment.reported' | transloco }}</span>
          }
          @if (own()) {
            @if (canContribute()) {
              <button #editButton mat-button type="button" (click)="startEdit()">
                <mat-icon aria-hidden="true" svgIcon="edit" />
                {{ 'common.edit' | transloco }}
              </button>
            }
            @if (!isSuggestion()) {
              <button mat-button type="button" (click)="confirmDelete()">
                <mat-icon aria-hidden="true" svgIcon="delete" />
                {{ 'common.delete' | transloco }}
              </button>
            } @else if (comment().disposition === 'pending') {
              <button mat-button type="button" (click)="confirmDelete()">
                <mat-icon aria-hidden="true" svgIcon="undo" />
                {{ 'comment.withdraw' | transloco }}
              </button>
            }
          }
        </div>
      }

      @if (replying()) {
        <form class="inline-form reply-form" (submit)="$event.preventDefault(); postReply()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'comment.yourReply' | transloco }}</mat-label>
            <textarea dir="auto" #replyInput matInput [formControl]="replyBody" cdkTextareaAutosize cdkAutosizeMinRows="2"></textarea>
            @if (replyBody.hasError('blank')) {
              <mat-error>{{ 'comment.replyBlank' | transloco }}</mat-error>
            } @else if (replyBody.hasError('maxlength')) {
              <mat-error>{{ 'comment.replyTooLong' | transloco: { max: (max | translocoDecimal) } }}</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="submit">{{ 'comment.postReply' | transloco }}</button>
            <button mat-button type="button" (click)="cancelReply()">{{ 'common.cancel' | transloco }}</button>
          </div>
        </form>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .comment {
      padding: 0.75rem 0;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.625rem;
      margin: 0 0 0.375rem;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .author {
      font-weight: 700;
      color: var(--dw-text);
    }
    .group-status {
      display: inline-flex;
      align-items: center;
      gap: 0.125rem;
      font-style: italic;
    }
    .group-status.is-verified {
      font-style: normal;
      font-weight: 600;
      color: #1d6b3e;
    }
    .group-status mat-icon {
      width: 1rem;
      height: 1rem;
      font-size: 1rem;
    }
    .hidden-banner {
      margin: 0 0 0.375rem;
      padding: 0.25rem 0.5rem;
      border-left: 4px solid var(--dw-danger);
      font-weight: 600;
    }
    .reported {
      align-self: center;
      padding: 0 0.5rem;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .deleted-author {
      font-weight: 600;
      font-style: italic;
      color: var(--dw-muted);
    }
    .group {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .edited {
      font-style: italic;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.625rem;
      margin: 0 0 0.375rem;
      font-size: 0.8125rem;
      color: var(--dw-muted);
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: 1.5rem;
      padding: 0 0.5rem;
      border: 2px solid var(--dw-accent);
      border-radius: 4px;
      font-weight: 700;
      color: var(--dw-text);
    }
    .badge mat-icon {
      width: 1.125rem;
      height: 1.125rem;
      font-size: 1.125rem;
    }
    .badge--recorded {
      border-style: dashed;
      border-color: var(--dw-muted);
    }
    .proposal {
      margin: 0 0 0.5rem;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--dw-accent);
      background: var(--dw-surface-alt);
    }
    .proposal-title {
      margin: 0 0 0.25rem;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .proposal-text {
      font-family: var(--dw-reading-font);
      line-height: 1.6;
    }
    .outcome {
      margin: 0.5rem 0 0;
    }
    .outcome-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.625rem;
      margin: 0;
      font-size: 0.875rem;
    }
    .disposition {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-weight: 700;
    }
    .disposition--accepted,
    .disposition--partially_accepted {
      border-color: #1d6b3e;
    }
    .disposition--declined {
      border-style: dashed;
      border-color: var(--dw-danger);
    }
    .answered {
      font-weight: 600;
      color: #1d6b3e;
    }
    .note {
      margin: 0.25rem 0 0;
      font-size: 0.875rem;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .note-from {
      font-weight: 600;
    }
    .endorsements {
      margin: 0.375rem 0 0;
      font-size: 0.875rem;
      color: var(--dw-muted);
    }
    .quote {
      margin: 0 0 0.5rem;
      padding: 0.125rem 0 0.125rem 0.75rem;
      border-inline-start: 4px solid var(--dw-border);
      font-family: var(--dw-reading-font);
      font-style: italic;
      color: var(--dw-muted);
      white-space: pre-line;
    }
    .body {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .deleted {
      font-style: italic;
      color: var(--dw-muted);
    }
    .inline-form mat-form-field {
      width: 100%;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-top: 0.375rem;
    }
    .reply-form {
      margin-top: 0.5rem;
    }
    .form-alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class CommentItem {
  readonly comment = input.required<CommentView>();
  readonly isReply = input(false);
  /** The signed-in user's id, or null when signed out. */
  readonly currentUserId = input<string | null>(null);
  /** The paragraph's current text: a suggestion shows its word diff against it. */
  readonly paragraphText = input<string | null>(null);
  /** Whether the consultation accepts contributions now (replies, edits, endorsements). */
  readonly canContribute = input(true);
  /** Paragraph numbers by key, to name the other paragraphs a comment is about. */
  readonly paragraphNumbers = input<Readonly<Record<string, number>>>({});

  /** A reply to this comment was posted. */
  readonly replied = output<CommentView>();
  /** This comment was edited or deleted; carries the new state. */
  readonly changed = output<CommentView>();
  /** Something happened that a screen reader should hear. */
  readonly announce = output<string>();

  private readonly comments = inject(CommentsService);
  private readonly i18n = inject(LanguageService);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly editInput = viewChild<string, ElementRef<HTMLTextAreaElement>>('editInput', { read: ElementRef });
  private readonly editButton = viewChild<string, ElementRef<HTMLElement>>('editButton', { read: ElementRef });
  private readonly replyInput = viewChild<string, ElementRef<HTMLTextAreaElement>>('replyInput', { read: ElementRef });
  private readonly replyButton = viewChild<string, ElementRef<HTMLElement>>('replyButton', { read: ElementRef });
  private readonly reportedNote = viewChild<string, ElementRef<HTMLElement>>('reportedNote', { read: ElementRef });
  private readonly article = viewChild<string, ElementRef<HTMLElement>>('article', { read: ElementRef });

  protected readonly isSuggestion = computed(() => this.comment().kind === 'suggestion');

  /** "Comment by Amina Civil", "Suggested edit by …", "Reply by …", "Deleted comment". */
  protected readonly articleLabel = computed(() => {
    const kind = this.isReply() ? 'reply' : this.isSuggestion() ? 'suggestion' : 'comment';
    const author = this.comment().author;
    if (this.hiddenFromMe()) return this.i18n.t(`comment.label.hidden.${kind}`);
    if (this.comment().deleted || !author) return this.i18n.t(`comment.label.deleted.${kind}`);
    return this.i18n.t(`comment.label.by.${kind}`, { author: author.displayName });
  });
  protected readonly max = LIMITS.comment.max;
  protected readonly own = computed(() => {
    const userId = this.currentUserId();
    return userId !== null && !this.comment().deleted && this.comment().author?.id === userId;
  });
  protected readonly showReply = computed(
    () => !this.isReply() && this.comment().kind !== 'reply' && this.currentUserId() !== null && this.canContribute(),
  );
  /** Signed-in people may endorse others' comments and suggestions (not replies) while the consultation is open. */
  protected readonly canEndorse = computed(
    () =>
      this.currentUserId() !== null &&
      !this.isReply() &&
      this.comment().kind !== 'reply' &&
      !this.comment().deleted &&
      !this.own() &&
      this.canContribute(),
  );
  /** Hidden by moderators, and the reader is not one: the API sent the reason instead of the text. */
  protected readonly hiddenFromMe = computed(() => this.comment().hidden && this.comment().body === null && !this.comment().deleted);
  protected readonly hiddenNote = computed(() => hiddenNoteText(this.comment().hiddenReason, (key, params) => this.i18n.t(key, params)));
  protected readonly groupStatus = computed(() => this.i18n.t(this.comment().groupVerified ? 'groupStatus.verified' : 'groupStatus.selfDeclared'));
  /** Signed-in people may report what others wrote, once. */
  protected readonly canReport = computed(
    () =>
      this.currentUserId() !== null &&
      !this.comment().deleted &&
      !this.comment().hidden &&
      !this.comment().reportedByMe &&
      this.comment().author?.id !== this.currentUserId(),
  );
  protected readonly endorsed = computed(() => this.currentUserId() !== null && this.comment().endorsedByMe);
  protected readonly showEndorsements = computed(
    () => !this.isReply() && !this.comment().deleted && this.comment().endorsements.total > 0,
  );
  protected readonly endorsementSummary = computed(() => {
    const { total, byGroup } = this.comment().endorsements;
    if (total <= 0) return this.i18n.t('comment.endorsements.none');
    const groups = groupsByCount(byGroup).map((entry) => `${entry.count} ${this.i18n.t(`group.${entry.group}`)}`);
    return this.i18n.t(groups.length ? 'comment.endorsements.byGroups' : 'comment.endorsements.total', { total, groups: this.i18n.shortList(groups) });
  });
  protected readonly versionText = computed(() =>
    this.i18n.t(this.comment().paragraphChangedSince ? 'comment.versionChanged' : 'comment.version', { version: this.comment().versionNumber }),
  );
  protected readonly dispositionLabel = computed(() => this.i18n.t(`disposition.${this.comment().disposition}`));
  protected readonly answered = computed(() => {
    const { answeredInVersion, disposition } = this.comment();
    if (answeredInVersion === null) return null;
    const accepted = disposition === 'accepted' || disposition === 'partially_accepted';
    return this.i18n.t(accepted ? 'comment.acceptedIn' : 'comment.answeredIn', { version: answeredInVersion });
  });
  /** "¶ 7, ¶ 9" for a comment about further paragraphs; '' otherwise. */
  protected readonly alsoAbout = computed(() => {
    const numbers = this.paragraphNumbers();
    return this.i18n.shortList(
      this.comment()
        .paragraphKeys.filter((key) => key !== this.comment().paragraphKey)
        .map((key) => numbers[key])
        .filter((n): n is number => n !== undefined)
        .sort((a, b) => a - b)
        .map((n) => `¶ ${n}`),
    );
  });
  protected readonly suggestionWords = computed(() => {
    const proposed = this.comment().proposedText ?? '';
    const current = this.paragraphText();
    return current === null ? [{ value: proposed }] : wordDiff(current, proposed);
  });
  protected readonly groupLabel = computed(() => this.i18n.t(`group.${this.comment().stakeholderGroup}`));
  protected readonly groupAbbreviation = computed(
    () => STAKEHOLDER_GROUP_ABBREVIATIONS[this.comment().stakeholderGroup],
  );

  protected readonly editing = signal(false);
  protected readonly replying = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly editBody = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });
  protected readonly replyBody = new FormControl('', {
    nonNullable: true,
    validators: [notBlank, Validators.maxLength(LIMITS.comment.max)],
  });

  protected startEdit(): void {
    this.error.set(null);
    this.editBody.reset(this.comment().body ?? '');
    this.editing.set(true);
    this.focusAfterRender(() => this.editInput());
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.error.set(null);
    this.focusAfterRender(() => this.editButton());
  }

  protected save(): void {
    if (this.busy()) return;
    this.editBody.markAsTouched();
    if (this.editBody.invalid) return;
    this.busy.set(true);
    this.comments.update(this.comment().id, { body: this.editBody.value.trim() }).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.editing.set(false);
        this.changed.emit(updated);
        this.announce.emit(this.i18n.t('comment.announce.updated'));
        this.focusAfterRender(() => this.editButton());
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected confirmDelete(): void {
    this.error.set(null);
    const withdrawing = this.isSuggestion();
    this.dialog
      .open<ConfirmDeleteDialog, ConfirmDeleteData, boolean>(ConfirmDeleteDialog, {
        role: 'alertdialog',
        autoFocus: 'dialog',
        data: withdrawing ? WITHDRAW_SUGGESTION : DELETE_COMMENT,
      })
      .afterClosed()
      .subscribe((confirmed) => {
        if (!confirmed) return;
        this.busy.set(true);
        this.comments.remove(this.comment().id).subscribe({
          next: (deleted) => {
            this.busy.set(false);
            this.changed.emit(deleted);
            this.announce.emit(this.i18n.t(withdrawing ? 'comment.announce.withdrawn' : 'comment.announce.deleted'));
          },
          error: (error: unknown) => this.fail(error),
        });
      });
  }

  protected openReply(): void {
    this.error.set(null);
    this.replying.set(true);
    this.focusAfterRender(() => this.replyInput());
  }

  protected cancelReply(): void {
    this.replying.set(false);
    this.replyBody.reset('');
    this.focusAfterRender(() => this.replyButton());
  }

  protected postReply(): void {
    if (this.busy()) return;
    this.replyBody.markAsTouched();
    if (this.replyBody.invalid) return;
    this.busy.set(true);
    this.comments.reply(this.comment().id, { body: this.replyBody.value.trim() }).subscribe({
      next: (reply) => {
        this.busy.set(false);
        this.replying.set(false);
        this.replyBody.reset('');
        this.replied.emit(reply);
        this.announce.emit(this.i18n.t('comment.announce.replied'));
        this.focusAfterRender(() => this.replyButton());
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  /** Endorse, or withdraw my endorsement; the counts come back from the API. */
  protected toggleEndorsement(): void {
    const userId = this.currentUserId();
    if (this.busy() || userId === null) return;
    const id = this.comment().id;
    const withdrawing = this.endorsed();
    this.error.set(null);
    this.busy.set(true);
    (withdrawing ? this.comments.unendorse(id) : this.comments.endorse(id)).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.changed.emit(updated);
        this.announce.emit(this.i18n.t(withdrawing ? 'comment.announce.unendorsed' : 'comment.announce.endorsed'));
      },
      error: (error: unknown) => {
        if (!withdrawing && toApiError(error).error === 'ALREADY_ENDORSED') {
          this.busy.set(false);
          this.changed.emit({ ...this.comment(), endorsedByMe: true });
          this.announce.emit(this.i18n.t('comment.announce.alreadyEndorsed'));
          return;
        }
        this.fail(error);
      },
    });
  }

  private fail(error: unknown): void {
    this.busy.set(false);
    const apiError = toApiError(error);
    this.error.set(apiError.statusCode === 401 ? this.i18n.t('comment.signedOut') : apiError.message);
  }

  /** Asks why in a dialog, which sends the report; focus comes back to the comment afterwards. */
  protected openReport(): void {
    this.error.set(null);
    const kind = this.isReply() ? 'reply' : this.isSuggestion() ? 'suggestion' : 'comment';
    this.dialog
      .open<ReportDialog, ReportDialogData, ReportResult>(ReportDialog, { data: { commentId: this.comment().id, kind }, width: '32rem' })
      .afterClosed()
      .subscribe((result) => {
        if (!result) return;
        const hidden = result.hidden && !this.comment().hidden;
        // This report reached the threshold: show it hidden at once, as the API now does to readers.
        const withheld = hidden ? { hidden: true, hiddenReason: result.hiddenReason, body: null, author: null, quote: null, proposedText: null } : {};
        this.changed.emit({ ...this.comment(), ...withheld, reportedByMe: true });
        this.announce.emit(this.i18n.t(hidden ? 'comment.announce.reportedHidden' : 'comment.announce.reported'));
        // The Report button is gone: keep focus in the comment, on the note that replaced it (or on the comment).
        this.focusAfterRender(() => this.reportedNote() ?? this.article());
      });
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
