import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { STAKEHOLDER_GROUP_LABELS, hasRole, hiddenText } from '@doorway/contracts';
import type { ModerationItem, ModerationState } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { ModerationService } from '../../services/moderation.service';
import { ReasonDialog } from './reason-dialog';
import type { ReasonDialogData } from './reason-dialog';

type StateChoice = ModerationState | 'all';

const STATE_CHOICES: { value: StateChoice; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'reported', label: 'Reported' },
  { value: 'hidden', label: 'Hidden' },
];

const KIND_LABELS: Readonly<Record<ModerationItem['kind'], string>> = { comment: 'Comment', reply: 'Reply', suggestion: 'Suggested edit' };

/** Editors and coordinators: reported and hidden contributions, to hide or restore with a reason. */
@Component({
  selector: 'app-moderation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink, MatButton, MatProgressBar, MatRadioButton, MatRadioGroup],
  template: `
    <div class="page moderation">
      <h1>Moderation queue</h1>
      @if (!isEditor()) {
        <p role="alert">Only editors and coordinators can moderate.</p>
      } @else {
        <p class="intro">
          Contributions that people reported, and those hidden by moderators or by reports. Readers see a hidden contribution's reason,
          never its text.
        </p>
        <div class="filters">
          <span id="moderation-state-label" class="filter-label">Show</span>
          <mat-radio-group aria-labelledby="moderation-state-label" [value]="stateChoice()" (change)="chooseState($event.value)">
            @for (choice of stateChoices; track choice.value) {
              <mat-radio-button [value]="choice.value">{{ choice.label }}</mat-radio-button>
            }
          </mat-radio-group>
        </div>

        <p #status class="count" role="status" tabindex="-1">{{ statusText() }}</p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the moderation queue" />
        }
        @if (error(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (items().length > 0) {
          <ul class="items">
            @for (item of items(); track item.id) {
              <li>
                <article class="item" data-testid="moderation-item" [attr.aria-labelledby]="'moderation-' + item.id">
                  <h2 [id]="'moderation-' + item.id">
                    {{ kindLabels[item.kind] }} by {{ item.authorName }}
                    <span class="state state--{{ item.state }}">{{ item.state === 'hidden' ? 'Hidden' : 'Reported' }}</span>
                  </h2>
                  <p class="facts">
                    <span>{{ groupLabels[item.stakeholderGroup] }}</span>
                    <span>
                      On
                      <a [routerLink]="['/documents', item.documentSlug]">{{ item.documentTitle }}</a>
                    </span>
                    <span>Written <time [attr.datetime]="item.createdAt">{{ item.createdAt | date: 'd MMM y, HH:mm' }}</time></span>
                  </p>
                  @if (item.state === 'hidden') {
                    <p class="hidden-reason" data-testid="hidden-reason">
                      {{ hiddenNote(item) }}
                      <span class="by">({{ item.hiddenBy ? 'by ' + item.hiddenBy : 'by the report threshold' }})</span>
                    </p>
                  }
                  <blockquote class="body">{{ item.body }}</blockquote>
                  @if (item.proposedText) {
                    <p class="proposed"><span class="label">Proposed text:</span> {{ item.proposedText }}</p>
                  }
                  @if (item.reports.length > 0) {
                    <h3>{{ item.reports.length === 1 ? '1 open report' : item.reports.length + ' open reports' }}</h3>
                    <ul class="reports">
                      @for (report of item.reports; track $index) {
                        <li>
                          <q>{{ report.reason }}</q>
                          <span class="by">{{ report.reporterName }}, <time [attr.datetime]="report.at">{{ report.at | date: 'd MMM, HH:mm' }}</time></span>
                        </li>
                      }
                    </ul>
                  }
                  <div class="actions">
                    @if (item.state === 'hidden') {
                      <button mat-flat-button type="button" data-testid="restore" (click)="restore(item)" [attr.aria-disabled]="busy() || null">
                        Restore
                      </button>
                    } @else {
                      <button mat-flat-button type="button" data-testid="hide" (click)="hide(item)" [attr.aria-disabled]="busy() || null">Hide</button>
                      <button mat-stroked-button type="button" data-testid="dismiss" (click)="restore(item)" [attr.aria-disabled]="busy() || null">
                        Keep shown
                      </button>
                    }
                  </div>
                </article>
              </li>
            }
          </ul>
          @if (nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="loadMore()">Show more</button>
          }
        } @else if (loaded()) {
          <p class="empty">Nothing waits for moderation.</p>
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
      gap: 0.5rem 1rem;
      margin: 1rem 0;
    }
    .filter-label {
      font-weight: 600;
    }
    .count {
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
    .more {
      margin-top: 1rem;
    }
  `,
})
export class ModerationPage {
  private readonly moderation = inject(ModerationService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly status = viewChild<string, ElementRef<HTMLElement>>('status', { read: ElementRef });

  protected readonly stateChoices = STATE_CHOICES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly groupLabels = STAKEHOLDER_GROUP_LABELS;
  protected readonly stateChoice = signal<StateChoice>('all');
  protected readonly items = signal<ModerationItem[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The last thing done, for screen readers (the status line says it). */
  protected readonly done = signal<string | null>(null);

  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly statusText = computed(() => {
    const done = this.done();
    if (!this.loaded()) return done ?? '';
    const n = this.items().length;
    const count = n === 1 ? '1 item' : `${n} items`;
    return done ? `${done} ${count} in the queue.` : `${count} in the queue.`;
  });

  constructor() {
    // The session may arrive after the page: load once it says this is an editor.
    effect(() => {
      if (this.isEditor() && !this.started) untracked(() => this.load());
    });
  }

  private started = false;

  protected hiddenNote(item: ModerationItem): string {
    return hiddenText(item.hiddenReason);
  }

  protected chooseState(value: unknown): void {
    const choice = STATE_CHOICES.find((c) => c.value === value);
    if (!choice) return;
    this.stateChoice.set(choice.value);
    this.done.set(null);
    this.load();
  }

  protected loadMore(): void {
    this.load(this.nextCursor());
  }

  protected hide(item: ModerationItem): void {
    this.ask(item, {
      title: 'Hide this contribution?',
      text: 'Readers will see "Hidden by moderators" with your reason instead of the text. Editors still see it.',
      label: 'Reason shown to readers',
      confirm: 'Hide',
    }, (reason) => this.moderation.hide(item.id, { reason }), 'Hidden.');
  }

  protected restore(item: ModerationItem): void {
    const hidden = item.state === 'hidden';
    this.ask(item, {
      title: hidden ? 'Restore this contribution?' : 'Keep this contribution shown?',
      text: hidden
        ? 'Everyone will see it again. Its open reports are marked reviewed. The reason goes to the audit log.'
        : 'Its reports are marked reviewed and it leaves the queue. The reason goes to the audit log.',
      label: 'Reason',
      confirm: hidden ? 'Restore' : 'Keep shown',
    }, (reason) => this.moderation.restore(item.id, { reason }), hidden ? 'Restored.' : 'Reports reviewed.');
  }

  private ask(
    item: ModerationItem,
    data: ReasonDialogData,
    act: (reason: string) => ReturnType<ModerationService['hide']>,
    doneText: string,
  ): void {
    if (this.busy()) return;
    this.dialog
      .open<ReasonDialog, ReasonDialogData, string>(ReasonDialog, { data, width: '32rem' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.busy.set(true);
        this.error.set(null);
        act(reason).subscribe({
          next: (updated) => {
            this.busy.set(false);
            this.items.update((items) =>
              updated.state === 'hidden' || updated.reports.length > 0
                ? items.map((i) => (i.id === item.id ? updated : i))
                : items.filter((i) => i.id !== item.id),
            );
            this.done.set(doneText);
            // The button pressed may be gone: focus the status line, which says what happened.
            afterNextRender(() => this.status()?.nativeElement.focus(), { injector: this.injector });
          },
          error: (error: unknown) => {
            this.busy.set(false);
            this.error.set(toApiError(error).message);
          },
        });
      });
  }

  private load(cursor: string | null = null): void {
    if (!this.isEditor()) return;
    this.started = true;
    const choice = this.stateChoice();
    this.loading.set(true);
    this.error.set(null);
    this.moderation.queue({ document: null, state: choice === 'all' ? null : choice }, cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.items.update((items) => (cursor ? [...items, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(`The moderation queue could not be loaded. ${toApiError(error).message}`);
      },
    });
  }
}
