import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoDatePipe, TranslocoLocaleService } from '@jsverse/transloco-locale';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { AUDIT_ACTIONS, hasRole } from '@doorway/contracts';
import type { AuditAction, AuditEntry } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { AuditService, NO_AUDIT_FILTERS } from '../../services/audit.service';
import type { AuditFilters } from '../../services/audit.service';
import { PagedList } from '../../shared/paging/paged-list';
import { PagedListStatus } from '../../shared/paging/paged-list-status';

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
  imports: [TranslocoPipe, TranslocoDatePipe, ReactiveFormsModule, MatButton, PagedListStatus],
  styleUrl: '../../shared/paging/list-page.css',
  template: `
    <div class="page audit">
      <h1>{{ 'title.audit' | transloco }}</h1>
      @if (!isCoordinator()) {
        <p role="alert">{{ 'audit.coordinatorsOnly' | transloco }}</p>
      } @else {
        <form class="filters" [formGroup]="form" (submit)="$event.preventDefault(); apply()" [attr.aria-label]="'audit.filterAria' | transloco">
          <div class="field">
            <label for="audit-action">{{ 'audit.action' | transloco }}</label>
            <select id="audit-action" formControlName="action">
              <option value="">{{ 'audit.anyAction' | transloco }}</option>
              @for (action of actions; track action) {
                <option [value]="action">{{ 'audit.actions.' + action | transloco }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="audit-document">{{ 'audit.document' | transloco }}</label>
            <input id="audit-document" type="text" formControlName="document" maxlength="80" autocomplete="off" />
          </div>
          <div class="field">
            <label for="audit-from">{{ 'audit.from' | transloco }}</label>
            <input id="audit-from" type="date" formControlName="from" />
          </div>
          <div class="field">
            <label for="audit-to">{{ 'audit.to' | transloco }}</label>
            <input id="audit-to" type="date" formControlName="to" />
          </div>
          <div class="buttons">
            <button mat-flat-button type="submit">{{ 'audit.filter' | transloco }}</button>
            <button mat-button type="button" (click)="clear()">{{ 'audit.clear' | transloco }}</button>
          </div>
        </form>
        @if (actorFilter(); as actor) {
          <p class="actor-filter">
            {{ 'audit.onlyBy' | transloco: { name: actor.name } }}
            <button mat-button type="button" (click)="filterByActor(null)">{{ 'audit.everyone' | transloco }}</button>
          </p>
        }

        <app-paged-list-status [list]="list" [text]="statusText()" [loadingLabel]="'audit.loading' | transloco" />
        @if (list.items().length > 0) {
          <!-- Focusable: on a narrow screen it scrolls sideways, and the table has nothing else to focus. -->
          <div class="table-wrap" role="region" tabindex="0" [attr.aria-label]="'audit.caption' | transloco">
            <table>
              <caption class="visually-hidden">{{ 'audit.caption' | transloco }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'audit.col.when' | transloco }}</th>
                  <th scope="col">{{ 'audit.col.who' | transloco }}</th>
                  <th scope="col">{{ 'audit.col.action' | transloco }}</th>
                  <th scope="col">{{ 'audit.col.document' | transloco }}</th>
                  <th scope="col">{{ 'audit.col.reason' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (entry of list.items(); track entry.id) {
                  <tr data-testid="audit-row">
                    <td>
                      <time [attr.datetime]="entry.at">{{ entry.at | translocoDate: { dateStyle: 'medium', timeStyle: 'medium' } }}</time>
                    </td>
                    <td>
                      @if (entry.actor; as actor) {
                        <button
                          mat-button
                          type="button"
                          class="actor"
                          [attr.aria-label]="'audit.onlyBy' | transloco: { name: actor.displayName }"
                          (click)="filterByActor({ id: actor.id, name: actor.displayName })"
                        >
                          {{ actor.displayName }}
                        </button>
                      } @else {
                        <span class="system">{{ 'audit.automatic' | transloco }}</span>
                      }
                    </td>
                    <th scope="row">
                      {{ 'audit.actions.' + entry.action | transloco }}
                      <span class="target">{{ 'audit.target.' + entry.targetType | transloco }} {{ entry.targetId.slice(0, 8) }}</span>
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
          @if (list.nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="list.loadMore()">{{ 'paging.older' | transloco }}</button>
          }
        } @else if (list.loaded()) {
          <p class="empty">{{ 'audit.empty' | transloco }}</p>
        }
      }
    </div>
  `,
  styles: `
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
    .target,
    .details,
    .system {
      display: block;
      font-weight: 400;
      color: var(--dw-muted);
      overflow-wrap: anywhere;
    }
  `,
})
export class AuditPage {
  private readonly audit = inject(AuditService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(LanguageService);
  private readonly locale = inject(TranslocoLocaleService);

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly form = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    document: new FormControl('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly actorFilter = signal<{ id: string; name: string } | null>(null);
  private readonly filters = signal<AuditFilters>(NO_AUDIT_FILTERS);

  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });
  protected readonly list = new PagedList<AuditEntry>({
    allowed: this.isCoordinator,
    fetch: (cursor) => this.audit.list(this.filters(), cursor),
    failure: () => this.i18n.t('audit.loadFailed'),
  });
  protected readonly statusText = computed(() => {
    if (!this.list.loaded()) return '';
    const n = this.list.items().length;
    const more = this.list.nextCursor() !== null;
    if (n === 1) return this.i18n.t(more ? 'audit.countOneMore' : 'audit.countOne');
    return this.i18n.t(more ? 'audit.countMore' : 'audit.count', { count: this.locale.localizeNumber(n, 'decimal') });
  });

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
    this.list.load();
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
}
