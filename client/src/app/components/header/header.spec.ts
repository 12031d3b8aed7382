import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUser } from '@doorway/contracts';
import { CIVIL_USER, COORDINATOR_USER, EDITOR_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { Header } from './header';

describe('Header', () => {
  let fixture: ComponentFixture<Header>;
  let element: HTMLElement;

  async function open(user: CurrentUser | null): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    if (user) signInAs(user);
    fixture = TestBed.createComponent(Header);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  const links = (): string[] => Array.from(element.querySelectorAll('nav a')).map((a) => a.textContent?.trim() ?? '');

  it('shows anyone the case studies, and the account links', async () => {
    await open(null);
    expect(links()).toEqual(['Case studies', 'Sign in', 'Register']);
  });

  it('adds "My contributions" and "Account" for participants, and "Review queue" only for editors and coordinators', async () => {
    await open(CIVIL_USER);
    expect(links()).toEqual(['Case studies', 'My contributions', 'Account']);
    expect(element.querySelector('[data-testid="account-link"]')?.getAttribute('href')).toBe('/account');
    fixture.destroy();
    TestBed.resetTestingModule();

    await open(EDITOR_USER);
    expect(links()).toEqual(['Case studies', 'My contributions', 'Review queue', 'Moderation', 'Account']);
    const review = Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Review queue');
    expect(review?.getAttribute('href')).toBe('/review');
    expect(element.querySelector('[data-testid="current-user"]')?.textContent).toContain('Elena Editor');
  });

  it('adds "Users" and "Audit log" for coordinators only', async () => {
    await open(COORDINATOR_USER);
    expect(links()).toEqual(['Case studies', 'My contributions', 'Review queue', 'Moderation', 'Users', 'Audit log', 'Account']);
    const hrefs = Array.from(element.querySelectorAll('nav a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining(['/moderation', '/users', '/audit']));
  });

  it('gives signed-in readers a Menu button that folds the navigation on narrow screens', async () => {
    await open(null);
    expect(element.querySelector('.menu-toggle')).toBeNull();
    fixture.destroy();
    TestBed.resetTestingModule();

    await open(CIVIL_USER);
    const toggle = element.querySelector<HTMLButtonElement>('.menu-toggle');
    const menu = element.querySelector<HTMLElement>('#header-menu');
    expect(toggle?.textContent?.trim()).toBe('Menu');
    expect(toggle?.getAttribute('aria-controls')).toBe('header-menu');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(menu?.classList.contains('open')).toBe(false);

    toggle?.click();
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(menu?.classList.contains('open')).toBe(true);

    // Escape inside the menu folds it and gives focus back to its button.
    element.querySelector<HTMLElement>('[data-testid="account-link"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });
});
