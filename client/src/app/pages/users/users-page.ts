import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ROLES, STAKEHOLDER_GROUP_LABELS, groupStatusText, hasRole } from '@doorway/contracts';
import type { ManagedUser, Role } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { UsersService } from '../../services/users.service';

const ROLE_LABELS: Readonly<Record<Role, string>> = { participant: 'Participant', editor: 'Editor', coordinator: 'Coordinator' };

/** Coordinators: find people, verify their stakeholder group, change their role. */
@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButton, MatFormField, MatInput, MatLabel, MatProgressBar],
  template: `
    <div class="page users">
      <h1>Users</h1>
      @if (!isCoordinator()) {
        <p role="alert">Only coordinators can manage users.</p>
      } @else {
        <p class="intro">
          Verify a stakeholder group once you have checked it; until then it shows as "self-declared" next to the person's contributions and in
          exports. Every change is written to the audit log.
        </p>
        <form class="search" role="search" (submit)="$event.preventDefault(); search()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Name, email or organisation</mat-label>
            <input matInput type="search" data-testid="user-search" [formControl]="query" maxlength="120" />
          </mat-form-field>
          <div class="role-filter">
            <label for="users-role-filter">Role</label>
            <select id="users-role-filter" [value]="roleFilter() ?? ''" (change)="chooseRoleFilter($event)">
              <option value="">Any role</option>
              @for (role of roles; track role) {
                <option [value]="role">{{ roleLabels[role] }}</option>
              }
            </select>
          </div>
          <button mat-flat-button type="submit">Search</button>
        </form>

        <p class="count" role="status">{{ statusText() }}</p>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading users" />
        }
        @if (error(); as message) {
          <p class="form-alert" role="alert">{{ message }}</p>
        }
        @if (users().length > 0) {
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Users, their stakeholder groups and roles</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Stakeholder group</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                @for (user of users(); track user.id) {
                  <tr data-testid="user-row">
                    <th scope="row">
                      {{ user.displayName }}
                      @if (user.organisation) {
                        <span class="organisation">{{ user.organisation }}</span>
                      }
                    </th>
                    <td class="email">{{ user.email }}</td>
                    <td>
                      {{ groupLabels[user.stakeholderGroup] }}
                      <span class="group-status" [class.is-verified]="user.groupVerified" data-testid="group-status">{{ status(user) }}</span>
                      <button
                        mat-stroked-button
                        type="button"
                        class="verify"
                        data-testid="toggle-verification"
                        [attr.aria-label]="(user.groupVerified ? 'Remove the verification of ' : 'Verify the group of ') + user.displayName"
                        (click)="toggleVerification(user)"
                      >
                        {{ user.groupVerified ? 'Unverify' : 'Verify' }}
                      </button>
                    </td>
                    <td>
                      <label class="visually-hidden" [for]="'role-' + user.id">Role of {{ user.displayName }}</label>
                      <select
                        [id]="'role-' + user.id"
                        data-testid="role-select"
                        [value]="user.role"
                        [disabled]="user.id === me()"
                        (change)="changeRole(user, $event)"
                      >
                        @for (role of roles; track role) {
                          <option [value]="role">{{ roleLabels[role] }}</option>
                        }
                      </select>
                      @if (user.id === me()) {
                        <span class="hint">(you)</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (nextCursor()) {
            <button mat-stroked-button type="button" class="more" (click)="load(nextCursor())">Show more</button>
          }
        } @else if (loaded()) {
          <p class="empty">No user matches.</p>
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
    .more {
      margin-top: 1rem;
    }
  `,
})
export class UsersPage {
  private readonly usersApi = inject(UsersService);
  private readonly auth = inject(AuthService);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly groupLabels = STAKEHOLDER_GROUP_LABELS;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly roleFilter = signal<Role | null>(null);
  protected readonly users = signal<ManagedUser[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  protected readonly me = computed(() => this.auth.user()?.id ?? null);
  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });
  protected readonly statusText = computed(() => {
    if (this.done()) return this.done() ?? '';
    if (!this.loaded()) return '';
    const n = this.users().length;
    return n === 1 ? '1 user' : `${n} users${this.nextCursor() ? ' shown' : ''}`;
  });

  private started = false;

  constructor() {
    effect(() => {
      if (this.isCoordinator() && !this.started) untracked(() => this.load());
    });
  }

  protected status(user: ManagedUser): string {
    return groupStatusText(user.groupVerified);
  }

  protected chooseRoleFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.roleFilter.set(ROLES.find((r) => r === value) ?? null);
  }

  protected search(): void {
    this.done.set(null);
    this.load();
  }

  protected toggleVerification(user: ManagedUser): void {
    this.error.set(null);
    this.usersApi.setVerification(user.id, { verified: !user.groupVerified }).subscribe({
      next: (updated) => {
        this.replace(updated);
        this.done.set(`${updated.displayName}: group ${groupStatusText(updated.groupVerified)}.`);
      },
      error: (error: unknown) => this.error.set(toApiError(error).message),
    });
  }

  protected changeRole(user: ManagedUser, event: Event): void {
    const select = event.target as HTMLSelectElement;
    const role = ROLES.find((r) => r === select.value);
    if (!role || role === user.role) return;
    this.error.set(null);
    this.usersApi.changeRole(user.id, { role }).subscribe({
      next: (updated) => {
        this.replace(updated);
        this.done.set(`${updated.displayName} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`);
      },
      error: (error: unknown) => {
        // Put the select back to what is stored.
        select.value = user.role;
        this.error.set(toApiError(error).message);
      },
    });
  }

  protected load(cursor: string | null = null): void {
    if (!this.isCoordinator()) return;
    this.started = true;
    this.loading.set(true);
    this.error.set(null);
    this.usersApi.list(this.query.value, this.roleFilter(), cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.users.update((users) => (cursor ? [...users, ...page.items] : page.items));
        this.nextCursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(`The users could not be loaded. ${toApiError(error).message}`);
      },
    });
  }

  private replace(updated: ManagedUser): void {
    this.users.update((users) => users.map((u) => (u.id === updated.id ? updated : u)));
  }
}
