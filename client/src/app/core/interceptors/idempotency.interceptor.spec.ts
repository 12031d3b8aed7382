import { TestBed } from '@angular/core/testing';
import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { IDEMPOTENCY_HEADER, RETRY_DELAYS_MS, idempotencyHeaders, idempotencyInterceptor } from './idempotency.interceptor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('idempotencyInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([idempotencyInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    controller.verify();
    jest.useRealTimers();
  });

  interface Outcome {
    value?: unknown;
    error?: HttpErrorResponse;
  }

  function post(withKey = true): Outcome {
    const outcome: Outcome = {};
    http
      .post('/api/things', { body: 'x' }, withKey ? { headers: idempotencyHeaders() } : {})
      .subscribe({ next: (value) => (outcome.value = value), error: (error: HttpErrorResponse) => (outcome.error = error) });
    return outcome;
  }

  const networkDown = new ProgressEvent('error');

  it('retries network failures and gateway errors with backoff, always with the same key', () => {
    const outcome = post();
    const keys: (string | null)[] = [];
    const failWith = [0, 502, 503, 504];
    failWith.forEach((status, i) => {
      const request = controller.expectOne('/api/things');
      keys.push(request.request.headers.get(IDEMPOTENCY_HEADER));
      if (status === 0) request.error(networkDown, { status: 0 });
      else request.flush({ statusCode: status }, { status, statusText: 'Bad gateway' });
      const delay = RETRY_DELAYS_MS[i] ?? 0;
      jest.advanceTimersByTime(delay - 1);
      controller.expectNone('/api/things');
      jest.advanceTimersByTime(1);
    });
    const last = controller.expectOne('/api/things');
    keys.push(last.request.headers.get(IDEMPOTENCY_HEADER));
    last.flush({ id: 'c1' }, { status: 201, statusText: 'Created' });
    expect(outcome.value).toEqual({ id: 'c1' });
    expect(keys).toHaveLength(5);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
  });

  it('waits 0.5 s, 1 s, 2 s and 4 s', () => {
    expect(RETRY_DELAYS_MS).toEqual([500, 1000, 2000, 4000]);
  });

  it.each([400, 401, 403, 404, 422, 500])('does not retry a %i', (status) => {
    const outcome = post();
    controller.expectOne('/api/things').flush({ statusCode: status, error: 'X', message: 'No.' }, { status, statusText: 'Error' });
    jest.advanceTimersByTime(10_000);
    controller.expectNone('/api/things');
    expect(outcome.error?.status).toBe(status);
  });

  it('retries a 409 that says the first attempt of this submission is still running', () => {
    const outcome = post();
    controller
      .expectOne('/api/things')
      .flush({ statusCode: 409, error: 'IDEMPOTENCY_KEY_IN_FLIGHT', message: 'Still running.' }, { status: 409, statusText: 'Conflict' });
    jest.advanceTimersByTime(RETRY_DELAYS_MS[0] ?? 0);
    controller.expectOne('/api/things').flush({ id: 'c1' }, { status: 201, statusText: 'Created' });
    expect(outcome.value).toEqual({ id: 'c1' });
  });

  it('gives up after the last retry and passes the last error on', () => {
    const outcome = post();
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      controller.expectOne('/api/things').flush(null, { status: 503, statusText: 'Unavailable' });
      jest.advanceTimersByTime(10_000);
    }
    controller.expectNone('/api/things');
    expect(outcome.error?.status).toBe(503);
  });

  it('leaves requests without a key alone: no retry', () => {
    const outcome = post(false);
    controller.expectOne('/api/things').error(networkDown, { status: 0 });
    jest.advanceTimersByTime(10_000);
    controller.expectNone('/api/things');
    expect(outcome.error?.status).toBe(0);
  });

  it('gives every submission a fresh key', () => {
    post();
    post();
    const [first, second] = controller.match('/api/things');
    const a = first?.request.headers.get(IDEMPOTENCY_HEADER);
    const b = second?.request.headers.get(IDEMPOTENCY_HEADER);
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
    first?.flush({});
    second?.flush({});
  });
});
