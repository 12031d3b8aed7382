import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AuthService } from '../../core/auth/auth.service';
import { CIVIL_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { AccountPage } from './account-page';

describe('AccountPage', () => {
  let fixture: ComponentFixture<AccountPage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let open: jest.Mock;

  beforeEach(async () => {
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: MatSnackBar, useValue: { open } }],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs(CIVIL_USER);
    fixture = TestBed.createComponent(AccountPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const input = (autocomplete: string): HTMLInputElement => {
    const found = element.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`);
    if (!found) throw new Error(`no input with autocomplete=${autocomplete}`);
    return found;
  };
  const labelOf = (field: HTMLInputElement): string | undefined =>
    field.closest('mat-form-field')?.querySelector('label')?.textContent?.trim();
  const type = (field: HTMLInputElement, value: string): void => {
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const button = (name: string): HTMLButtonElement => {
    const found = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
    if (!found) throw new Error(`no button "${name}"`);
    return found;
  };
  const submit = async (): Promise<void> => {
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  };
  const errors = (): string[] => Array.from(element.querySelectorAll('mat-error')).map((e) => e.textContent?.trim() ?? '');

  it('has labelled password fields with the autocomplete hints password managers need', () => {
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Your account');
    expect(labelOf(input('current-password'))).toBe('Current password');
    expect(labelOf(input('new-password'))).toBe('New password');
    expect(input('current-password').type).toBe('password');
    expect(input('username').value).toBe(CIVIL_USER.email);
  });

  it('names the missing fields without calling the API, and moves focus to the first', async () => {
    await submit();
    expect(errors()).toEqual(['Enter your current password', 'Enter a new password']);
    expect(document.activeElement).toBe(input('current-password'));
    http.expectNone('/api/auth/password');
  });

  it('refuses a new password that is too short or the same as the current one', async () => {
    type(input('current-password'), 'correct horse battery');
    type(input('new-password'), 'short');
    await submit();
    expect(errors()).toEqual(['Use 10 to 200 characters']);
    type(input('new-password'), 'correct horse battery');
    await submit();
    expect(errors()).toEqual(['Choose a password different from your current one']);
    http.expectNone('/api/auth/password');
  });

  it('changes the password, says so, and empties the form', async () => {
    type(input('current-password'), 'correct horse battery');
    type(input('new-password'), 'a new and longer passphrase');
    await submit();
    const request = http.expectOne('/api/auth/password');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ currentPassword: 'correct horse battery', newPassword: 'a new and longer passphrase' });
    request.flush({ user: CIVIL_USER });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="password-changed"]')?.textContent).toContain('Every other device has been signed out');
    expect(input('current-password').value).toBe('');
    expect(errors()).toEqual([]);
    expect(TestBed.inject(AuthService).user()).toEqual(CIVIL_USER);
  });

  it('shows a wrong current password under that field', async () => {
    type(input('current-password'), 'not my password');
    type(input('new-password'), 'a new and longer passphrase');
    await submit();
    http.expectOne('/api/auth/password').flush(
      { statusCode: 400, error: 'WRONG_PASSWORD', message: 'currentPassword: is not your current password', details: [{ field: 'currentPassword', problems: ['is not your current password'] }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errors()).toEqual(['This is not your current password']);
    expect(TestBed.inject(AuthService).user()).toEqual(CIVIL_USER);
  });

  it('asks before signing out everywhere; Cancel goes back, Yes signs out and leaves for the sign-in page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    button('Sign out everywhere').click();
    await fixture.whenStable();
    const question = element.querySelector<HTMLElement>('#everywhere-question');
    expect(question?.textContent).toContain('Sign out on every device, including this one?');
    expect(document.activeElement).toBe(question);
    http.expectNone('/api/auth/sign-out-everywhere');

    button('Cancel').click();
    await fixture.whenStable();
    expect(element.querySelector('#everywhere-question')).toBeNull();
    expect(document.activeElement).toBe(button('Sign out everywhere'));

    button('Sign out everywhere').click();
    await fixture.whenStable();
    button('Yes, sign out everywhere').click();
    const request = http.expectOne('/api/auth/sign-out-everywhere');
    expect(request.request.method).toBe('POST');
    request.flush({ user: null });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(open).toHaveBeenCalledWith('You are signed out on every device.', 'Dismiss', expect.anything());
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });
});
