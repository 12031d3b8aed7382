import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { TranslocoLocaleService } from '@jsverse/transloco-locale';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ROLES, hasRole } from '@doorway/contracts';
import type { ManagedUser, Role } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { UsersService } from '../../services/users.service';
import { PagedList } from '../../shared/paging/paged-list';
import { PagedListStatus } from '../../shared/paging/paged-list-status';

/** Coordinators: find people, verify their stakeholder group, change their role. */
@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, ReactiveFormsModule, MatButton, MatFormField, MatInput, MatLabel, PagedListStatus],
  styleUrl: '../../shared/paging/list-page.css',
  template: `
    <div class="page users">
      <h1>{{ 'title.users' | transloco }}</h1>
      @if (!isCoordinator()) {
        <p role="alert">{{ 'users.coordinatorsOnly' | transloco }}</p>
      } @else {
        <p class="intro">{{ 'users.intro' | transloco }}</p>
        <form class="search" role="search" (submit)="$event.preventDefault(); search()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'users.searchLabel' | transloco }}</mat-label>
            <input dir="auto" matInput type="search" data-testid="user-search" [formControl]="query" maxlength="120" />
          </mat-form-field>
          <div class="role-filter">
            <label for="users-role-filter">{{ 'users.role' | transloco }}</label>
            <!-- Options say which is selected: a [value] on the select is set before its options exist, and is lost. -->
            <select id="users-role-filter" (change)="chooseRoleFilter($event)">
              <option value="" [selected]="roleFilter() === null">{{ 'users.anyRole' | transloco }}</option>
              @for (role of roles; track role) {
                <option [value]="role" [selected]="role === roleFilter()">{{ 'users.roles.' + role | transloco }}</option>
              }
            </select>
          </div>
          <button mat-flat-button type="submit">{{ 'users.search' | transloco }}</button>
        </form>

        <app-paged-list-status [list]="list" [text]="statusText()" [loadingLabel]="'users.loading' | transloco" />
        @if (list.items().length > 0) {
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{{ 'users.caption' | transloco }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'users.col.name' | transloco }}</th>
                  <th scope="col">{{ 'users.col.email' | transloco }}</th>
                  <th scope="col">{{ 'users.col.group' | transloco }}</th>
                  <th scope="col">{{ 'users.role' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (user of list.items(); track user.id) {
                  <tr data-testid="user-row">
                    <th scope="row">
                      {{ user.displayName }}
                      @if (user.organisation) {
                        <span class="organisation">{{ user.organisation }}</span>
                      }
                    </th>
                    <td class="email">{{ user.email }}</td>
                    <td>
                      {{ 'group.' + user.stakeholderGroup | transloco }}
                      <span class="group-status" [class.is-verified]="user.groupVerified" data-testid="group-status">
                        {{ (user.groupVerified ? 'groupStatus.verified' : 'groupStatus.selfDeclared') | transloco }}
                      </span>
                      <button
                        mat-stroked-button
                        type="button"
                        class="verify"
                        data-testid="toggle-verification"
                        [attr.aria-label]="(user.groupVerified ? 'users.unverifyAria' : 'users.verifyAria') | transloco: { name: user.displayName }"
                        (click)="toggleVerification(user)"
                      >
                        {{ (user.groupVerified ? 'users.unverify' : 'users.verify') | transloco }}
                      </button>
                    </td>
                    <td>
                      <label class="visually-hidden" [for]="'role-' + user.id">{{ 'users.roleOf' | transloco: { name: user.displayName } }}</label>
                      <select
                        [id]="'role-' + user.id"
                        data-testid="role-select"
                        [disabled]="user.id === me()"
                        (change)="changeRole(user, $event)"
                      >
                        @for (role of roles; track role) {
                          <option [value]="role" [selected]="role === user.role">{{ 'users.roles.' + role | transloco }}</option>
                        }
                      </select>
                      @if (user.id === me()) {
                        <span class="hint">{{ 'users.you' | transloco }}</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (list.nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="list.loadMore()">{{ 'paging.more' | transloco }}</button>
          }
        } @else if (list.loaded()) {
          <p class="empty">{{ 'users.empty' | transloco }}</p>
        }
      }
    </div>
  `,
  styles: `
    .search {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
      margin: 1rem 0;
    }
    .search mat-form-field {
      flex: 1 1 18rem;
    }
    .role-filter {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    select {
      min-height: 2.5rem;
      padding: 0 0.5rem;
      font: inherit;
    }
    .organisation,
    .hint {
      display: block;
      font-weight: 400;
      color: var(--dw-muted);
    }
    .email {
      overflow-wrap: anywhere;
    }
    .group-status {
      margin: 0 0.5rem;
      font-style: italic;
    }
    .group-status.is-verified {
      font-style: normal;
      font-weight: 600;
      color: #1d6b3e;
    }
  `,
})
export class UsersPage {
  private readonly usersApi = inject(UsersService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(LanguageService);
  private readonly locale = inject(TranslocoLocaleService);

  protected readonly roles = ROLES;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly roleFilter = signal<Role | null>(null);
  /** The last change made, already in words, for the status line. */
  protected readonly done = signal<string | null>(null);

  protected readonly me = computed(() => this.auth.user()?.id ?? null);
  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });
  protected readonly list = new PagedList<ManagedUser>({
    allowed: this.isCoordinator,
    fetch: (cursor) => this.usersApi.list(this.query.value, this.roleFilter(), cursor),
    failure: () => this.i18n.t('users.loadFailed'),
  });
  protected readonly statusText = computed(() => {
    if (this.done()) return this.done() ?? '';
    if (!this.list.loaded()) return '';
    const n = this.list.items().length;
    if (n === 1) return this.i18n.t('users.countOne');
    return this.i18n.t(this.list.nextCursor() ? 'users.countShown' : 'users.count', { count: this.locale.localizeNumber(n, 'decimal') });
  });

  protected chooseRoleFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.roleFilter.set(ROLES.find((r) => r === value) ?? null);
  }

  protected search(): void {
    this.done.set(null);
    this.list.load();
  }

  protected toggleVerification(user: ManagedUser): void {
    this.list.error.set(null);
    this.usersApi.setVerification(user.id, { verified: !user.groupVerified }).subscribe({
      next: (updated) => {
        this.list.replace(updated);
        this.done.set(this.i18n.t(updated.groupVerified ? 'users.doneVerified' : 'users.doneSelfDeclared', { name: updated.displayName }));
      },
      error: (error: unknown) => this.list.error.set(toApiError(error).message),
    });
  }

  protected changeRole(user: ManagedUser, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = ROLES.find((r) => r === select.value);
    if (!role || role === user.role) return;
    this.list.error.set(null);
    this.usersApi.changeRole(user.id, { role }).subscribe({
      next: (updated) => {
        this.list.replace(updated);
        this.done.set(this.i18n.t(`users.roleDone.${updated.role}`, { name: updated.displayName }));
      },
      error: (error: unknown) => {
        // Put the select back to what is stored.
        select.value = user.role;
        this.list.error.set(toApiError(error).message);
      },
    });
  }
}
