import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { AuditEntry, CurrentUser } from '@doorway/contracts';
import { COORDINATOR_USER, EDITOR_USER } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { AuditPage, detailsText } from './audit-page';

const PHASE: AuditEntry = {
  id: '7',
  at: '2016-11-01T10:00:00.000Z',
  actor: { id: 'u-coord', displayName: 'Chloé Coordinator' },
  action: 'phase_change',
  targetType: 'document',
  targetId: 'd-1-0000-0000',
  document: { slug: 'bpf', title: 'Creating spaces for dialogue' },
  reason: null,
  details: { from: 'open', to: 'closed', commentDeadline: null },
};

describe('AuditPage', () => {
  let fixture: ComponentFixture<AuditPage>;
  let element: HTMLElement;
  let http: HttpTestingController | undefined;

  async function open(user: CurrentUser): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const controller = TestBed.inject(HttpTestingController);
    http = controller;
    signInAs(user);
    fixture = TestBed.createComponent(AuditPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => http?.verify());

  it('writes details as short readable pairs, leaving out the empty ones', () => {
    expect(detailsText({ from: 'open', to: 'closed', commentDeadline: null })).toBe('from: open, to: closed');
    expect(detailsText({ reportCount: 3 })).toBe('reportCount: 3');
  });

  it('is for coordinators only', async () => {
    await open(EDITOR_USER);
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Only coordinators can read the audit log.');
    http?.expectNone((request) => request.url === '/api/audit');
  });

  it('lists entries, filters by action, document and dates (the last day included), by actor, and pages on', async () => {
    await open(COORDINATOR_USER);
    const api = http as HttpTestingController;
    api.expectOne('/api/audit').flush({ items: [PHASE], nextCursor: 'next-page' });
    await fixture.whenStable();
    const row = element.querySelector('[data-testid="audit-row"]');
    expect(row?.textContent).toContain('Phase changed');
    expect(row?.textContent).toContain('from: open, to: closed');
    expect(row?.textContent).toContain('Creating spaces for dialogue');
    for (const id of ['audit-action', 'audit-document', 'audit-from', 'audit-to']) {
      expect(element.querySelector(`label[for="${id}"]`)).not.toBeNull();
    }

    const set = (id: string, value: string, event = 'input') => {
      const control = element.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement;
      control.value = value;
      control.dispatchEvent(new Event(event));
    };
    set('audit-action', 'hide', 'change');
    set('audit-document', 'bpf');
    set('audit-from', '2016-11-01');
    set('audit-to', '2016-11-30');
    (element.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    const filtered = api.expectOne((request) => request.url === '/api/audit');
    expect(filtered.request.params.toString()).toBe('action=hide&document=bpf&from=2016-11-01&to=2016-12-01');
    filtered.flush({ items: [PHASE], nextCursor: 'next-page' });
    await fixture.whenStable();

    (element.querySelector('button.actor') as HTMLButtonElement).click();
    const byActor = api.expectOne((request) => request.url === '/api/audit');
    expect(byActor.request.params.get('actor')).toBe('u-coord');
    byActor.flush({ items: [PHASE], nextCursor: 'next-page' });
    await fixture.whenStable();
    expect(element.textContent).toContain('Only actions by Chloé Coordinator');

    (element.querySelector('button.more') as HTMLButtonElement).click();
    const more = api.expectOne((request) => request.url === '/api/audit');
    expect(more.request.params.get('cursor')).toBe('next-page');
    more.flush({ items: [{ ...PHASE, id: '6' }], nextCursor: null });
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="audit-row"]')).toHaveLength(2);
  });
});
