import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, signal, viewChild } from '@angular/core';
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
      @if (user()) {
        <!-- On a phone a signed-in header (up to eight links, the name, the language) filled the first screen. -->
        <button
          #menuToggle
          type="button"
          class="menu-toggle"
          aria-controls="header-menu"
          [attr.aria-expanded]="menuOpen()"
          (click)="menuOpen.set(!menuOpen())"
        >
          <mat-icon aria-hidden="true" svgIcon="menu" />{{ 'header.menu' | transloco }}
        </button>
      }
      <div id="header-menu" class="menu" [class.collapsible]="user() !== null" [class.open]="menuOpen()" (keydown.escape)="closeMenu()">
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
      </div>
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
    /* Wide screens: no toggle, and the menu's box steps aside so both navs sit in the header's row. */
    .menu {
      display: contents;
    }
    .menu-toggle {
      display: none;
      align-items: center;
      gap: 0.375rem;
      min-height: 2.75rem;
      padding: 0 0.75rem;
      border: 1px solid var(--dw-border);
      border-radius: 999px;
      background: transparent;
      color: var(--dw-accent);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    @media (max-width: 40rem) {
      .menu-toggle {
        display: inline-flex;
        margin-inline-start: auto;
      }
      .menu.collapsible {
        display: none;
      }
      .menu.collapsible.open {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 0.5rem;
        width: 100%;
      }
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
  private readonly menuToggle = viewChild<string, ElementRef<HTMLElement>>('menuToggle', { read: ElementRef });

  /** The narrow-screen menu of a signed-in reader; wide screens show it whatever this says. */
  protected readonly menuOpen = signal(false);

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

  constructor() {
    // Following a link in the menu (or any navigation) folds it away again.
    effect(() => {
      this.url();
      this.menuOpen.set(false);
    });
  }

  /** Escape folds the menu and puts focus back on its button. */
  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.menuToggle()?.nativeElement.focus();
  }

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
