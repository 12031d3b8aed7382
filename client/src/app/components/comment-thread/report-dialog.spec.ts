import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { ReportDialog } from './report-dialog';

describe('ReportDialog', () => {
  let fixture: ComponentFixture<ReportDialog>;
  let element: HTMLElement;
  let http: HttpTestingController;
  const close = jest.fn();

  beforeEach(async () => {
    close.mockReset();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: { commentId: 'c-9', kind: 'comment' } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReportDialog);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const reason = () => element.querySelector('textarea') as HTMLTextAreaElement;
  const type = async (text: string) => {
    reason().value = text;
    reason().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };

  it('has a heading and a visible, labelled, required reason field', () => {
    expect(element.querySelector('h2')?.textContent?.trim()).toBe('Report this comment');
    const label = element.querySelector('mat-label')?.textContent?.trim();
    expect(label).toBe('Reason for reporting');
    expect(reason().getAttribute('aria-describedby')).toContain('report-explainer');
    expect(reason().required).toBe(true);
  });

  it('says what is wrong with the reason, and sends nothing', async () => {
    await submit();
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Say why you are reporting it');
    await type('no');
    await submit();
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Use at least 3 characters');
    await type('x'.repeat(501));
    await submit();
    expect(element.querySelector('mat-error')?.textContent?.trim()).toBe('Use at most 500 characters');
    http.expectNone('/api/comments/c-9/reports');
    expect(close).not.toHaveBeenCalled();
  });

  it('sends the trimmed reason and closes with the result', async () => {
    await type('  It insults another participant.  ');
    await submit();
    const request = http.expectOne('/api/comments/c-9/reports');
    expect(request.request.body).toEqual({ reason: 'It insults another participant.' });
    request.flush({ contributionId: 'c-9', reportCount: 1, hidden: false, hiddenReason: null });
    expect(close).toHaveBeenCalledWith({ contributionId: 'c-9', reportCount: 1, hidden: false, hiddenReason: null });
  });

  it('keeps the dialog open with an alert when the API refuses', async () => {
    await type('Spam for a product.');
    await submit();
    http
      .expectOne('/api/comments/c-9/reports')
      .flush({ statusCode: 409, error: 'ALREADY_REPORTED', message: 'You have already reported this.' }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent?.trim()).toBe('You have already reported this.');
    expect(close).not.toHaveBeenCalled();
  });
});
