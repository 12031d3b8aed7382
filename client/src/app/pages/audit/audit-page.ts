import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, hasRole } from '@doorway/contracts';
import type { AuditAction, AuditEntry } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { AuditService, NO_AUDIT_FILTERS } from '../../services/audit.service';
import type { AuditFilters } from '../../services/audit.service';

/** "from: open, to: closed": the details of an entry, short and readable. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

/** Coordinators: every moderation action, role change, verification, disposition and phase change. */
@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ReactiveFormsModule, MatButton, MatProgressBar],
  template: `
    <div class="page audit">
      <h1>Audit log</h1>
      @if (!isCoordinator()) {
        <p role="alert">Only coordinators can read the audit log.</p>
      } @else {
        <form class="filters" [formGroup]="form" (submit)="$event.preventDefault(); apply()" aria-label="Filter the audit log">
          <div class="field">
            <label for="audit-action">Action</label>
            <select id="audit-action" formControlName="action">
              <option value="">Any action</option>
              @for (action of actions; track action) {
                <option [value]="action">{{ actionLabels[action] }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="audit-document">Document (slug)</label>
            <input id="audit-document" type="text" formControlName="document" maxlength="80" autocomplete="off" />
          </div>
          <div class="field">
            <label for="audit-from">From</label>
            <input id="audit-from" type="date" formControlName="from" />
          </div>
          <div class="field">
            <label for="audit-to">To</label>
            <input id="audit-to" type="date" formControlName="to" />
          </div>
          <div class="buttons">
            <button mat-flat-button type="submit">Filter</button>
            <button mat-button type="button" (click)="clear()">Clear</button>
          </div>
        </form>
        @if (actorFilter(); as actor) {
          <p class="actor-filter">
            Only actions by {{ actor.name }}
            <button mat-button type="button" (click)="filterByActor(null)">Show everyone's</button>
          </p>
        }

        <p class="count" role="status">{{ statusText() }}</p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the audit log" />
        }
        @if (error(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (entries().length > 0) {
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Audit log entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Document</th>
                  <th scope="col">Reason and details</th>
                </tr>
              </thead>
              <tbody>
                @for (entry of entries(); track entry.id) {
                  <tr data-testid="audit-row">
                    <td><time [attr.datetime]="entry.at">{{ entry.at | date: 'd MMM y, HH:mm:ss' }}</time></td>
                    <td>
                      @if (entry.actor; as actor) {
                        <button
                          mat-button
                          type="button"
                          class="actor"
                          [attr.aria-label]="'Only actions by ' + actor.displayName"
                          (click)="filterByActor({ id: actor.id, name: actor.displayName })"
                        >
                          {{ actor.displayName }}
                        </button>
                      } @else {
                        <span class="system">Automatic</span>
                      }
                    </td>
                    <th scope="row">
                      {{ actionLabels[entry.action] }}
                      <span class="target">{{ entry.targetType }} {{ entry.targetId.slice(0, 8) }}</span>
                    </th>
                    <td>{{ entry.document?.title ?? '—' }}</td>
                    <td>
                      @if (entry.reason) {
                        <q>{{ entry.reason }}</q>
                      }
                      <span class="details">{{ details(entry) }}</span>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="load(nextCursor())">Show older entries</button>
          }
        } @else if (loaded()) {
          <p class="empty">No entry matches.</p>
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
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1rem;
      margin: 1rem 0;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .field label {
      font-weight: 600;
    }
    select,
    input {
      min-height: 2.5rem;
      padding: 0 0.5rem;
      font: inherit;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
    .count {
      font-weight: 600;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 0.5rem;
      border-bottom: 1px solid var(--dw-border);
      text-align: start;
      vertical-align: top;
    }
    tbody th {
      font-weight: 600;
    }
    .target,
    .details,
    .system {
      display: block;
      font-weight: 400;
      color: var(--dw-muted);
      overflow-wrap: anywhere;
    }
    .more {
      margin-top: 1rem;
    }
  `,
})
export class AuditPage {
  private readonly audit = inject(AuditService);
  private readonly auth = inject(AuthService);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly form = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    document: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly actorFilter = signal<{ id: string; name: string } | null>(null);
  private readonly filters = signal<AuditFilters>(NO_AUDIT_FILTERS);
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });
  protected readonly statusText = computed(() => {
    if (!this.loaded()) return '';
    const n = this.entries().length;
    return `${n === 1 ? '1 entry' : `${n} entries`}${this.nextCursor() ? ', more below' : ''}`;
  });

  private started = false;

  constructor() {
    effect(() => {
      if (this.isCoordinator() && !this.started) untracked(() => this.load());
    });
  }

  protected details(entry: AuditEntry): string {
    return detailsText(entry.details);
  }

  protected apply(): void {
    const value = this.form.getRawValue();
    const action = AUDIT_ACTIONS.find((a): a is AuditAction => a === value.action) ?? null;
    this.filters.set({
      action,
      actor: this.actorFilter()?.id ?? null,
      document: value.document.trim() || null,
      from: value.from || null,
      to: value.to || null,
    });
    this.load();
  }

  protected clear(): void {
    this.form.reset();
    this.actorFilter.set(null);
    this.apply();
  }

  protected filterByActor(actor: { id: string; name: string } | null): void {
    this.actorFilter.set(actor);
    this.apply();
  }

  protected load(cursor: string | null = null): void {
    if (!this.isCoordinator()) return;
    this.started = true;
    this.loading.set(true);
    this.error.set(null);
    this.audit.list(this.filters(), cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.entries.update((entries) => (cursor ? [...entries, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(`The audit log could not be loaded. ${toApiError(error).message}`);
      },
    });
  }
}
