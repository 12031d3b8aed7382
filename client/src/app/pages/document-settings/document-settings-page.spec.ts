import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { COORDINATOR_USER, EDITOR_USER, documentSummary, documentView } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { fromLocalInputValue } from '../../shared/consultation/phase';
import { DocumentSettingsPage } from './document-settings-page';

describe('DocumentSettingsPage', () => {
  let fixture: ComponentFixture<DocumentSettingsPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  async function open(): Promise<void> {
    fixture = TestBed.createComponent(DocumentSettingsPage);
    fixture.componentRef.setInput('slug', 'bpf');
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  const input = (type: string): HTMLInputElement => {
    const found = element.querySelector<HTMLInputElement>(`input[type="${type}"]`);
    if (!found) throw new Error(`no ${type} input`);
    return found;
  };

  it('tells editors and participants that only coordinators may change the settings', async () => {
    signInAs(EDITOR_USER);
    await open();
    expect(element.querySelector('h1')?.textContent).toBe('Consultation settings');
    expect(element.querySelector('[data-testid="settings-refusal"]')?.textContent).toContain('Only coordinators');
    expect(element.querySelector('form')).toBeNull();
    http.expectNone('/api/documents/bpf');
  });

  it('sets a comment deadline and sends the phase and the instant', async () => {
    signInAs(COORDINATOR_USER);
    await open();
    http.expectOne('/api/documents/bpf').flush(documentView({ document: { phase: 'open', commentDeadline: null } }));
    await fixture.whenStable();
    const deadline = input('datetime-local');
    expect(deadline.disabled).toBe(true);
    input('checkbox').click();
    await fixture.whenStable();
    expect(deadline.disabled).toBe(false);
    deadline.value = '2099-11-30T23:59';
    deadline.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(element.textContent).not.toContain('This time has already passed');

    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Save settings'))?.click();
    await fixture.whenStable();
    const patch = http.expectOne('/api/documents/bpf/phase');
    expect(patch.request.method).toBe('PATCH');
    const instant = fromLocalInputValue('2099-11-30T23:59');
    expect(patch.request.body).toEqual({ phase: 'open', commentDeadline: instant });
    patch.flush(documentSummary({ phase: 'open', commentDeadline: instant }));
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toMatch(
      // Dates follow the interface language (en-GB in English): "30 November 2016 at 23:59".
      /^Settings saved\. The document is now open for comment until 30 November 2099 at 23:59\.$/,
    );
  });

  it('warns that a deadline already past closes the document, and says so once saved', async () => {
    signInAs(COORDINATOR_USER);
    await open();
    http.expectOne('/api/documents/bpf').flush(documentView({ document: { phase: 'open', commentDeadline: null } }));
    await fixture.whenStable();
    input('checkbox').click();
    await fixture.whenStable();
    const deadline = input('datetime-local');
    deadline.value = '2016-12-16T23:59';
    deadline.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(element.textContent).toContain('This time has already passed: saving it closes the document for comment.');

    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Save settings'))?.click();
    const instant = fromLocalInputValue('2016-12-16T23:59');
    http.expectOne('/api/documents/bpf/phase').flush(documentSummary({ phase: 'open', commentDeadline: instant }));
    await fixture.whenStable();
    expect(element.querySelector('[role="status"]')?.textContent).toBe(
      'Settings saved. The deadline, 16 December 2016 at 23:59, has already passed, so the document is closed for comment.',
    );
  });

  it('closes the consultation without a deadline, and shows the API’s refusal', async () => {
    signInAs(COORDINATOR_USER);
    await open();
    http.expectOne('/api/documents/bpf').flush(documentView({ document: { phase: 'open', commentDeadline: '2016-11-30T23:59:00.000Z' } }));
    await fixture.whenStable();
    expect(input('checkbox').checked).toBe(false);
    input('checkbox').click();
    element.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.trim() === 'Closed')
      ?.click();
    await fixture.whenStable();

    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes('Save settings'))?.click();
    const patch = http.expectOne('/api/documents/bpf/phase');
    expect(patch.request.body).toEqual({ phase: 'closed', commentDeadline: null });
    patch.flush(
      { statusCode: 403, error: 'ROLE_REQUIRED', message: 'coordinator only' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    expect(element.querySelector('.form-alert')?.textContent).toContain('Only coordinators can change the consultation settings.');
  });
});
