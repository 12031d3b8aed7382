import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { CurrentUser, ManagedUser } from '@doorway/contracts';
import { COORDINATOR_USER, EDITOR_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { UsersPage } from './users-page';

const AMINA: ManagedUser = {
  id: 'u-amina',
  email: 'amina@example.org',
  displayName: 'Amina Civil',
  organisation: 'Open Net',
  stakeholderGroup: 'civil_society',
  groupVerified: false,
  role: 'participant',
  createdAt: '2016-10-01T10:00:00.000Z',
};

describe('UsersPage', () => {
  let fixture: ComponentFixture<UsersPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  async function open(user: CurrentUser): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    signInAs(user);
    fixture = TestBed.createComponent(UsersPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('is for coordinators only: editors are told so and nothing is asked', async () => {
    await open(EDITOR_USER);
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Users');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Only coordinators can manage users.');
    http.expectNone((request) => request.url === '/api/users');
  });

  it('shows self-declared groups, verifies one, and changes a role through labelled controls', async () => {
    await open(COORDINATOR_USER);
    http.expectOne('/api/users').flush({ items: [AMINA], nextCursor: null });
    await fixture.whenStable();
    const row = element.querySelector('[data-testid="user-row"]');
    expect(row?.querySelector('[data-testid="group-status"]')?.textContent?.trim()).toBe('self-declared');

    const verify = row?.querySelector('[data-testid="toggle-verification"]') as HTMLButtonElement;
    expect(verify.getAttribute('aria-label')).toBe('Verify the group of Amina Civil');
    verify.click();
    const verification = http.expectOne('/api/users/u-amina/verification');
    expect(verification.request.body).toEqual({ verified: true });
    verification.flush({ ...AMINA, groupVerified: true });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="group-status"]')?.textContent?.trim()).toBe('verified');
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Amina Civil: group verified.');

    const select = element.querySelector('[data-testid="role-select"]') as HTMLSelectElement;
    expect(element.querySelector(`label[for="${select.id}"]`)?.textContent?.trim()).toBe('Role of Amina Civil');
    select.value = 'editor';
    select.dispatchEvent(new Event('change'));
    const role = http.expectOne('/api/users/u-amina/role');
    expect(role.request.body).toEqual({ role: 'editor' });
    role.flush({ ...AMINA, groupVerified: true, role: 'editor' });
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toContain('Amina Civil is now editor.');
  });

  it("shows each person's stored role in their role control", async () => {
    await open(COORDINATOR_USER);
    http.expectOne('/api/users').flush({
      items: [
        { ...AMINA, id: 'u-editor', displayName: 'Eda Editor', role: 'editor' },
        { ...AMINA, id: 'u-coordinator', displayName: 'Cora Coordinator', role: 'coordinator' },
        AMINA,
      ],
      nextCursor: null,
    });
    await fixture.whenStable();
    const selects = Array.from(element.querySelectorAll<HTMLSelectElement>('[data-testid="role-select"]'));
    expect(selects.map((select) => select.value)).toEqual(['editor', 'coordinator', 'participant']);
    expect(selects.map((select) => select.selectedOptions[0]?.textContent?.trim())).toEqual(['Editor', 'Coordinator', 'Participant']);
  });

  it('searches by name, email or organisation, and by role', async () => {
    await open(COORDINATOR_USER);
    http.expectOne('/api/users').flush({ items: [], nextCursor: null });
    await fixture.whenStable();
    expect(element.textContent).toContain('No user matches.');
    const input = element.querySelector('[data-testid="user-search"]') as HTMLInputElement;
    input.value = 'open net';
    input.dispatchEvent(new Event('input'));
    const role = element.querySelector('#users-role-filter') as HTMLSelectElement;
    role.value = 'editor';
    role.dispatchEvent(new Event('change'));
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    const search = http.expectOne((request) => request.url === '/api/users');
    expect([search.request.params.get('search'), search.request.params.get('role')]).toEqual(['open net', 'editor']);
    search.flush({ items: [AMINA], nextCursor: null });
  });
});
