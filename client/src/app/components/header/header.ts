import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { filter, map } from 'rxjs';
import { TranslocoPipe } from '@jsverse/transloco';
import { hasRole } from '@doorway/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { safeReturnUrl } from '../../core/navigation/return-url';
import { LanguageService } from '../../core/i18n/language.service';
import { LanguageSwitcher } from '../../core/i18n/language-switcher';

/** The banner: app name and the account navigation. */
@Component({
  selector: 'app-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, MatButton, MatIcon, TranslocoPipe, LanguageSwitcher],
  template: `
    <header class="header">
      <a class="brand" routerLink="/">
        <mat-icon aria-hidden="true" svgIcon="forum" />
        <span>Doorway</span>
      </a>
      <nav [attr.aria-label]="'header.mainNav' | transloco" class="main-nav">
        <a class="nav-link" routerLink="/case-studies" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.caseStudies' | transloco }}</a>
        @if (user()) {
          <a class="nav-link" routerLink="/me" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.myContributions' | transloco }}</a>
          @if (isEditor()) {
            <a class="nav-link" routerLink="/review" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.reviewQueue' | transloco }}</a>
            <a class="nav-link" routerLink="/moderation" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.moderation' | transloco }}</a>
          }
          @if (isCoordinator()) {
            <a class="nav-link" routerLink="/users" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.users' | transloco }}</a>
            <a class="nav-link" routerLink="/audit" routerLinkActive="active" ariaCurrentWhenActive="page">{{ 'header.audit' | transloco }}</a>
          }
        }
      </nav>
      <nav [attr.aria-label]="'header.accountNav' | transloco" class="account">
        <app-language-switcher />
        @if (user(); as me) {
          <span class="current-user" data-testid="current-user">
            <span class="name">{{ me.displayName }}</span>
            <span class="group">{{ groupLabel() }}</span>
          </span>
          <a class="nav-link" routerLink="/account" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="account-link">{{ 'header.account' | transloco }}</a>
          <button mat-stroked-button type="button" (click)="signOut()">{{ 'header.signOut' | transloco }}</button>
        } @else {
          <a #signInLink class="nav-link" routerLink="/sign-in" [queryParams]="returnParams()">{{ 'header.signIn' | transloco }}</a>
          <a class="nav-link register" routerLink="/register">{{ 'header.register' | transloco }}</a>
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
      margin-inline-end: auto;
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
      margin-inline-end: 0.5rem;
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
  private readonly i18n = inject(LanguageService);
  private readonly signInLink = viewChild<string, ElementRef<HTMLElement>>('signInLink', { read: ElementRef });

  protected readonly user = this.auth.user;
  protected readonly isEditor = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'editor');
  });
  protected readonly isCoordinator = computed(() => {
    const user = this.auth.user();
    return user !== null && hasRole(user.role, 'coordinator');
  });
  protected readonly groupLabel = computed(() => {
    const user = this.auth.user();
    return user ? this.i18n.t(`group.${user.stakeholderGroup}`) : '';
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
      this.snackBar.open(this.i18n.t('header.signedOut'), this.i18n.t('common.dismiss'), { duration: 4000, politeness: 'polite' });
      afterNextRender(() => this.signInLink()?.nativeElement.focus(), { injector: this.injector });
    });
  }
}
