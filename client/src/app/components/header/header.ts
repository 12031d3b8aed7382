import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, map } from 'rxjs';
import { STAKEHOLDER_GROUP_LABELS, hasRole } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { safeReturnUrl } from '../../core/navigation/return-url';

/** The banner: app name and the account navigation. */
@Component({
  selector: 'app-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, MatButton, MatIcon],
  template: `
    <header class="header">
      <a class="brand" routerLink="/">
        <mat-icon aria-hidden="true">forum</mat-icon>
        <span>Doorway</span>
      </a>
      <nav aria-label="Main" class="main-nav">
        <a class="nav-link" routerLink="/case-studies" routerLinkActive="active" ariaCurrentWhenActive="page">Case studies</a>
        @if (user()) {
          <a class="nav-link" routerLink="/me" routerLinkActive="active" ariaCurrentWhenActive="page">My contributions</a>
          @if (isEditor()) {
            <a class="nav-link" routerLink="/review" routerLinkActive="active" ariaCurrentWhenActive="page">Review queue</a>
          }
        }
      </nav>
      <nav aria-label="Account" class="account">
        @if (user(); as me) {
          <span class="current-user" data-testid="current-user">
            <span class="name">{{ me.displayName }}</span>
            <span class="group">{{ groupLabel() }}</span>
          </span>
          <button mat-stroked-button type="button" (click)="signOut()">Sign out</button>
        } @else {
          <a #signInLink class="nav-link" routerLink="/sign-in" [queryParams]="returnParams()">Sign in</a>
          <a class="nav-link register" routerLink="/register">Register</a>
        }
      </nav>
    </header>
  `,
  styles: `
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      padding: 0.5rem 1rem;
      border-bottom: 1px solid var(--dw-border);
      background: var(--dw-surface);
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.75rem;
      font-size: 1.375rem;
      font-weight: 700;
      color: var(--dw-text);
      text-decoration: none;
    }
    .brand mat-icon {
      color: var(--dw-accent);
    }
    .main-nav {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.5rem;
      margin-right: auto;
    }
    .main-nav .active {
      text-decoration-thickness: 3px;
    }
    .account {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .current-user {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.5rem;
    }
    .current-user .name {
      font-weight: 600;
    }
    .current-user .group {
      color: var(--dw-muted);
      font-size: 0.9375rem;
    }
    .current-user .group::before {
      content: '·';
      margin-right: 0.5rem;
    }
    .nav-link {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0 0.5rem;
      font-weight: 600;
    }
    .register {
      padding: 0 1rem;
      border: 2px solid var(--dw-accent);
      border-radius: 999px;
      text-decoration: none;
    }
  `,
})
export class Header {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly signInLink = viewChild<string, ElementRef<HTMLElement>>('signInLink', { read: ElementRef });

  protected readonly user = this.auth.user;
  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly groupLabel = computed(() => {
    const user = this.auth.user();
    return user ? STAKEHOLDER_GROUP_LABELS[user.stakeholderGroup] : '';
  });

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );

  /** Come back here after signing in (unless "here" is an auth page or the start page). */
  protected readonly returnParams = computed((): Record<string, string> => {
    const back = safeReturnUrl(this.url());
    return back && back !== '/' ? { returnUrl: back } : {};
  });

  protected signOut(): void {
    this.auth.signOut().subscribe(() => {
      this.snackBar.open('You are signed out.', 'Dismiss', { duration: 4000, politeness: 'polite' });
      afterNextRender(() => this.signInLink()?.nativeElement.focus(), { injector: this.injector });
    });
  }
}
