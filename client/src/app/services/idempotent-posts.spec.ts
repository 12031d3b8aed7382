import { TestBed } from '@angular/core/testing';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { IDEMPOTENCY_HEADER, RETRY_DELAYS_MS, idempotencyInterceptor } from '../core/interceptors/idempotency.interceptor';
import { CaseStudiesService } from './case-studies.service';
import { CommentsService } from './comments.service';
import { DraftsService } from './drafts.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('services that create contributions send an Idempotency-Key', () => {
  let controller: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([idempotencyInterceptor])), provideHttpClientTesting()],
    });
    controller = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    controller.verify();
    jest.useRealTimers();
  });

  it('sends a fresh key with each comment, and the same one with its retry', () => {
    jest.useFakeTimers();
    const comments = TestBed.inject(CommentsService);
    let created: unknown;
    comments.create('doc', 'p1', { body: 'Hello' }).subscribe((view) => (created = view));
    const first = controller.expectOne('/api/documents/doc/paragraphs/p1/comments');
    const key = first.request.headers.get(IDEMPOTENCY_HEADER);
    expect(key).toMatch(UUID);
    first.error(new ProgressEvent('error'), { status: 0 });
    jest.advanceTimersByTime(RETRY_DELAYS_MS[0] ?? 0);
    const retry = controller.expectOne('/api/documents/doc/paragraphs/p1/comments');
    expect(retry.request.headers.get(IDEMPOTENCY_HEADER)).toBe(key);
    retry.flush({ id: 'c1' }, { status: 201, statusText: 'Created' });
    expect(created).toEqual({ id: 'c1' });

    comments.create('doc', 'p1', { body: 'Hello' }).subscribe();
    const next = controller.expectOne('/api/documents/doc/paragraphs/p1/comments');
    expect(next.request.headers.get(IDEMPOTENCY_HEADER)).toMatch(UUID);
    expect(next.request.headers.get(IDEMPOTENCY_HEADER)).not.toBe(key);
    next.flush({ id: 'c2' });
  });

  it('sends a key with replies, suggestions, interventions, endorsements, case studies and publishing', () => {
    const comments = TestBed.inject(CommentsService);
    comments.reply('c1', { body: 'Yes' }).subscribe();
    comments.suggest('doc', 'p1', { body: 'Why', proposedText: 'New text' }).subscribe();
    comments.recordIntervention('doc', 'p1', { body: 'Said', speakerName: 'Amara', stakeholderGroup: 'government' }).subscribe();
    comments.endorse('c1').subscribe();
    TestBed.inject(CaseStudiesService).create('doc', { title: 'A story' }).subscribe();
    TestBed.inject(DraftsService).publish('doc', 3, {}).subscribe();
    const requests = controller.match(() => true);
    expect(requests.map((r) => r.request.url)).toEqual([
      '/api/comments/c1/replies',
      '/api/documents/doc/paragraphs/p1/suggestions',
      '/api/documents/doc/paragraphs/p1/interventions',
      '/api/comments/c1/endorsements',
      '/api/documents/doc/case-studies',
      '/api/documents/doc/draft/publish',
    ]);
    for (const r of requests) expect(r.request.headers.get(IDEMPOTENCY_HEADER)).toMatch(UUID);
    expect(new Set(requests.map((r) => r.request.headers.get(IDEMPOTENCY_HEADER))).size).toBe(requests.length);
    expect(requests[5]?.request.headers.get('If-Match')).toBe('"3"');
    for (const r of requests) r.flush({});
  });
});
