import { ChangeDetectionStrategy, Component, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe, TranslocoDecimalPipe, TranslocoLocaleService } from '@jsverse/transloco-locale';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { hasRole } from '@doorway/contracts';
import type { ModerationItem, ModerationState } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { ModerationService } from '../../services/moderation.service';
import { hiddenNoteText } from '../../shared/moderation/moderation-text';
import { PagedList } from '../../shared/paging/paged-list';
import { PagedListStatus } from '../../shared/paging/paged-list-status';
import { ReasonDialog } from './reason-dialog';
import type { ReasonDialogData } from './reason-dialog';

type StateChoice = ModerationState | 'all';

const STATE_CHOICES: readonly StateChoice[] = ['all', 'reported', 'hidden'];

/** Editors and coordinators: reported and hidden contributions, to hide or restore with a reason. */
@Component({
  selector: 'app-moderation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, TranslocoDatePipe, TranslocoDecimalPipe, RouterLink, MatButton, PagedListStatus, MatRadioButton, MatRadioGroup],
  styleUrl: '../../shared/paging/list-page.css',
  template: `
    <div class="page moderation">
      <h1>{{ 'title.moderation' | transloco }}</h1>
      @if (!isEditor()) {
        <p role="alert">{{ 'moderation.editorsOnly' | transloco }}</p>
      } @else {
        <p class="intro">{{ 'moderation.intro' | transloco }}</p>
        <div class="filters">
          <span id="moderation-state-label" class="filter-label">{{ 'moderation.show' | transloco }}</span>
          <mat-radio-group aria-labelledby="moderation-state-label" [value]="stateChoice()" (change)="chooseState($event.value)">
            @for (choice of stateChoices; track choice) {
              <mat-radio-button [value]="choice">{{ 'moderation.state.' + choice | transloco }}</mat-radio-button>
            }
          </mat-radio-group>
        </div>

        <app-paged-list-status [list]="list" [text]="statusText()" [loadingLabel]="'moderation.loading' | transloco" />
        @if (list.items().length > 0) {
          <ul class="items">
            @for (item of list.items(); track item.id) {
              <li>
                <article class="item" data-testid="moderation-item" [attr.aria-labelledby]="'moderation-' + item.id">
                  <h2 [id]="'moderation-' + item.id">
                    {{ 'comment.label.by.' + item.kind | transloco: { author: item.authorName } }}
                    <span class="state state--{{ item.state }}">{{ 'moderation.state.' + item.state | transloco }}</span>
                  </h2>
                  <p class="facts">
                    <span>{{ 'group.' + item.stakeholderGroup | transloco }}</span>
                    <span>
                      {{ 'moderation.on' | transloco }}
                      <a [routerLink]="['/documents', item.documentSlug]">{{ item.documentTitle }}</a>
                    </span>
                    <span>
                      {{ 'moderation.written' | transloco }}
                      <time [attr.datetime]="item.createdAt">{{ item.createdAt | translocoDate: { dateStyle: 'medium', timeStyle: 'short' } }}</time>
                    </span>
                  </p>
                  @if (item.state === 'hidden') {
                    <p class="hidden-reason" data-testid="hidden-reason">
                      {{ hiddenNote(item) }}
                      <span class="by">
                        ({{ item.hiddenBy ? ('moderation.hiddenBy' | transloco: { name: item.hiddenBy }) : ('moderation.hiddenByThreshold' | transloco) }})
                      </span>
                    </p>
                  }
                  <blockquote class="body">{{ item.body }}</blockquote>
                  @if (item.proposedText) {
                    <p class="proposed">
                      <span class="label">{{ 'moderation.proposed' | transloco }}</span>
                      {{ item.proposedText }}
                    </p>
                  }
                  @if (item.reports.length > 0) {
                    <h3>
                      {{ (item.reports.length === 1 ? 'moderation.reportsOne' : 'moderation.reports') | transloco: { count: (item.reports.length | translocoDecimal) } }}
                    </h3>
                    <ul class="reports">
                      @for (report of item.reports; track $index) {
                        <li>
                          <q>{{ report.reason }}</q>
                          <span class="by">{{ report.reporterName }}, <time [attr.datetime]="report.at">{{ report.at | translocoDate: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } }}</time></span>
                        </li>
                      }
                    </ul>
                  }
                  <div class="actions">
                    @if (item.state === 'hidden') {
                      <button mat-flat-button type="button" data-testid="restore" (click)="restore(item)" [attr.aria-disabled]="busy() || null">
                        {{ 'moderation.restore' | transloco }}
                      </button>
                    } @else {
                      <button mat-flat-button type="button" data-testid="hide" (click)="hide(item)" [attr.aria-disabled]="busy() || null">
                        {{ 'moderation.hide' | transloco }}
                      </button>
                      <button mat-stroked-button type="button" data-testid="dismiss" (click)="restore(item)" [attr.aria-disabled]="busy() || null">
                        {{ 'moderation.keepShown' | transloco }}
                      </button>
                    }
                  </div>
                </article>
              </li>
            }
          </ul>
          @if (list.nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="list.loadMore()">{{ 'paging.more' | transloco }}</button>
          }
        } @else if (list.loaded()) {
          <p class="empty">{{ 'moderation.empty' | transloco }}</p>
        }
      }
    </div>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 1rem 0;
    }
    .filter-label {
      font-weight: 600;
    }
    .items,
    .reports {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .reports {
      gap: 0.25rem;
    }
    .item {
      padding: 0.75rem 1rem;
      border: 1px solid var(--dw-border);
      border-radius: 8px;
    }
    .item h2 {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0 0 0.375rem;
      font-size: 1.1875rem;
      overflow-wrap: anywhere;
    }
    .item h3 {
      margin: 0.5rem 0 0.25rem;
      font-size: 1rem;
    }
    .state {
      padding: 0 0.5rem;
      border: 2px solid var(--dw-muted);
      border-radius: 4px;
      font-size: 0.875rem;
    }
    .state--hidden {
      border-color: var(--dw-danger);
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0 0 0.5rem;
      color: var(--dw-muted);
    }
    .hidden-reason {
      font-weight: 600;
    }
    .by {
      margin-left: 0.25rem;
      font-weight: 400;
      color: var(--dw-muted);
    }
    .body {
      margin: 0.5rem 0;
      padding-left: 0.75rem;
      border-left: 4px solid var(--dw-border);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
  `,
})
export class ModerationPage {
  private readonly moderation = inject(ModerationService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(LanguageService);
  private readonly locale = inject(TranslocoLocaleService);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly status = viewChild(PagedListStatus);

  protected readonly stateChoices = STATE_CHOICES;
  protected readonly stateChoice = signal<StateChoice>('all');
  protected readonly busy = signal(false);
  /** The key of the last thing done, for screen readers (the status line says it). */
  protected readonly done = signal<string | null>(null);

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly list = new PagedList<ModerationItem>({
    allowed: this.isEditor,
    fetch: (cursor) => {
      const choice = this.stateChoice();
      return this.moderation.queue({ document: null, state: choice === 'all' ? null : choice }, cursor);
    },
    failure: () => this.i18n.t('moderation.loadFailed'),
  });
  protected readonly statusText = computed(() => {
    const doneKey = this.done();
    const done = doneKey ? this.i18n.t(doneKey) : null;
    if (!this.list.loaded()) return done ?? '';
    const n = this.list.items().length;
    const count = this.i18n.t(n === 1 ? 'moderation.countOne' : 'moderation.count', { count: this.locale.localizeNumber(n, 'decimal') });
    return done ? `${done} ${count}` : count;
  });

  protected hiddenNote(item: ModerationItem): string {
    return hiddenNoteText(item.hiddenReason, (key, params) => this.i18n.t(key, params));
  }

  protected chooseState(value: unknown): void {
    const choice = STATE_CHOICES.find((c) => c === value);
    if (!choice) return;
    this.stateChoice.set(choice);
    this.done.set(null);
    this.list.load();
  }

  protected hide(item: ModerationItem): void {
    this.ask(
      item,
      {
        title: this.i18n.t('moderation.dialog.hideTitle'),
        text: this.i18n.t('moderation.dialog.hideText'),
        label: this.i18n.t('moderation.dialog.hideLabel'),
        confirm: this.i18n.t('moderation.hide'),
      },
      (reason) => this.moderation.hide(item.id, { reason }),
      'moderation.done.hidden',
    );
  }

  protected restore(item: ModerationItem): void {
    const hidden = item.state === 'hidden';
    this.ask(
      item,
      {
        title: this.i18n.t(hidden ? 'moderation.dialog.restoreTitle' : 'moderation.dialog.keepTitle'),
        text: this.i18n.t(hidden ? 'moderation.dialog.restoreText' : 'moderation.dialog.keepText'),
        label: this.i18n.t('moderation.dialog.reason'),
        confirm: this.i18n.t(hidden ? 'moderation.restore' : 'moderation.keepShown'),
      },
      (reason) => this.moderation.restore(item.id, { reason }),
      hidden ? 'moderation.done.restored' : 'moderation.done.reviewed',
    );
  }

  private ask(
    item: ModerationItem,
    data: ReasonDialogData,
    act: (reason: string) => ReturnType<ModerationService['hide']>,
    doneKey: string,
  ): void {
    if (this.busy()) return;
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '32rem' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.busy.set(true);
        this.list.error.set(null);
        act(reason).subscribe({
          next: (updated) => {
            this.busy.set(false);
            if (updated.state === 'hidden' || updated.reports.length > 0) this.list.replace(updated);
            else this.list.remove(item.id);
            this.done.set(doneKey);
            // The button pressed may be gone: focus the status line, which says what happened.
            afterNextRender(() => this.status()?.focus(), { injector: this.injector });
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.list.error.set(toApiError(error).message);
          },
        });
      });
  }
}
