import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import { LIMITS } from '@doorway/contracts';
import { CIVIL_USER } from '../../testing/fixtures';
import { RegisterPage } from './register-page';

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RegisterPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  function field(label: string): HTMLInputElement {
    const labelElement = Array.from(element.querySelectorAll('label')).find((l) => l.textContent?.trim() === label);
    const id = labelElement?.getAttribute('for');
    const input = id ? element.querySelector<HTMLInputElement>(`#${id}`) : null;
    if (!input) throw new Error(`No field labelled ${label}`);
    return input;
  }

  function type(label: string, value: string): void {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  const submit = (): void => {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
  };

  const errors = (): string[] => Array.from(element.querySelectorAll('mat-error')).map((e) => e.textContent?.trim() ?? '');

  it('has the heading and labelled fields people expect', () => {
    expect(element.querySelector('h1')?.textContent).toBe('Create an account');
    for (const label of ['Email', 'Password', 'Display name', 'Organisation', 'Country']) {
      expect(field(label)).toBeTruthy();
    }
    expect(element.textContent).toContain("Type your country's name, or its two-letter code");
    // Input purposes for autofill (WCAG 1.3.5), the country's too although it is an autocomplete.
    expect(['Email', 'Display name', 'Organisation', 'Country'].map((label) => field(label).getAttribute('autocomplete'))).toEqual([
      'email',
      'name',
      'organization',
      'country',
    ]);
  });

  it('says a short password must be at least 10 characters', async () => {
    type('Password', 'short');
    await fixture.whenStable();
    expect(errors()).toContain(`Password must be at least ${LIMITS.password.min} characters`);
    expect(errors()).toContain('Password must be at least 10 characters');
  });

  it('shows every missing required field on submit without calling the API', async () => {
    submit();
    await fixture.whenStable();
    expect(errors()).toEqual(
      expect.arrayContaining(['Enter your email', 'Enter your password', 'Enter your display name', 'Choose your stakeholder group']),
    );
    http.expectNone('/api/auth/register');
  });

  it('maps server field problems to the fields and shows the rest in an alert', async () => {
    type('Email', 'taken@example.org');
    type('Password', 'long-enough-password');
    type('Display name', 'Amina');
    type('Country', 'mx');
    fixture.componentInstance['form'].controls.stakeholderGroup.setValue('civil_society');
    submit();
    const request = http.expectOne('/api/auth/register');
    expect(request.request.body).toEqual({
      email: 'taken@example.org',
      password: 'long-enough-password',
      displayName: 'Amina',
      country: 'MX',
      stakeholderGroup: 'civil_society',
    });
    request.flush(
      {
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: 'displayName: is not allowed',
        details: [{ field: 'displayName', problems: ['contains a forbidden word'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errors()).toContain('Display name contains a forbidden word');
  });

  const fillRequired = (): void => {
    type('Email', 'new@example.org');
    type('Password', 'long-enough-password');
    type('Display name', 'Amina');
    fixture.componentInstance['form'].controls.stakeholderGroup.setValue('civil_society');
  };

  it('saves a country typed by name as its code, and says so before sending', async () => {
    fillRequired();
    type('Country', 'Mexico');
    await fixture.whenStable();
    expect(element.textContent).toContain('Mexico (MX)');
    submit();
    expect(http.expectOne('/api/auth/register').request.body).toEqual(expect.objectContaining({ country: 'MX' }));
  });

  it('refuses a country it cannot name, instead of guessing from its first letters', async () => {
    fillRequired();
    type('Country', 'Narnia');
    submit();
    await fixture.whenStable();
    expect(errors()).toContain('No country by that name or code: choose one from the list');
    http.expectNone('/api/auth/register');
  });

  it('shows a 409 message in a role="alert" element', async () => {
    type('Email', 'civil1@doorway.test');
    type('Password', 'long-enough-password');
    type('Display name', 'Amina');
    fixture.componentInstance['form'].controls.stakeholderGroup.setValue('civil_society');
    submit();
    http
      .expectOne('/api/auth/register')
      .flush(
        { statusCode: 409, error: 'EMAIL_TAKEN', message: 'An account with this email already exists.' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('An account with this email already exists.');
  });

  it('goes to the BPF draft after creating the account', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type('Email', 'new@example.org');
    type('Password', 'long-enough-password');
    type('Display name', 'Amina');
    fixture.componentInstance['form'].controls.stakeholderGroup.setValue('civil_society');
    submit();
    http.expectOne('/api/auth/register').flush({ user: CIVIL_USER });
    http.expectOne('/api/documents').flush([
      { slug: 'other' },
      { slug: 'bpf-cybersecurity-2016' },
    ]);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/documents/bpf-cybersecurity-2016');
  });
});
