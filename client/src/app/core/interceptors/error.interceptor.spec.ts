import { TestBed } from '@angular/core/testing';
import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorInterceptor } from './error.interceptor';

describe('errorInterceptor', () => {
  let http: HttpClient;
  let controller: HttpTestingController;
  type Open = (message: string, action?: string, config?: object) => void;
  let open: jest.Mock<void, Parameters<Open>>;

  beforeEach(() => {
    open = jest.fn<void, Parameters<Open>>();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    http = TestBed.inject(HttpClient);
    controller = TestBed.inject(HttpTestingController);
  });

  afterEach(() => controller.verify());

  function fail(status: number, body: object | null): HttpErrorResponse | undefined {
    let caught: HttpErrorResponse | undefined;
    http.get('/api/thing').subscribe({ error: (error: HttpErrorResponse) => (caught = error) });
    controller.expectOne('/api/thing').flush(body, { status, statusText: 'Error' });
    return caught;
  }

  it('shows the API message of a server error in a snackbar and still rethrows it', () => {
    const error = fail(500, { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong on our side.' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][0]).toBe('Something went wrong on our side.');
    expect(error?.status).toBe(500);
  });

  it('tells people when the network is down', () => {
    let caught: HttpErrorResponse | undefined;
    http.get('/api/thing').subscribe({ error: (error: HttpErrorResponse) => (caught = error) });
    controller.expectOne('/api/thing').error(new ProgressEvent('error'), { status: 0 });
    expect(open.mock.calls[0][0]).toMatch(/could not reach/i);
    expect(caught?.status).toBe(0);
  });

  it('explains a comment rate limit with the wait from Retry-After, and that the text is kept', () => {
    let caught: HttpErrorResponse | undefined;
    http.post('/api/thing', {}).subscribe({ error: (error: HttpErrorResponse) => (caught = error) });
    controller
      .expectOne('/api/thing')
      .flush(
        { statusCode: 429, error: 'COMMENT_RATE_LIMITED', message: 'You can post at most 10 comments, replies and suggestions a minute.' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } },
      );
    expect(open.mock.calls[0][0]).toBe('You are posting faster than the limit allows. Your text is kept: try again in 42 seconds.');
    expect(caught?.status).toBe(429);
  });

  it('falls back to a general wait for a 429 without Retry-After', () => {
    fail(429, { statusCode: 429, error: 'TOO_MANY_SIGN_INS', message: 'Too many.' });
    expect(open.mock.calls[0][0]).toBe('Too many attempts. Try again later.');
  });

  it.each([400, 401, 404, 409, 412, 428])('leaves %i to the form or page that asked, without a snackbar', (status) => {
    const error = fail(status, { statusCode: status, error: 'X', message: 'Handled by the form.' });
    expect(open).not.toHaveBeenCalled();
    expect(error?.status).toBe(status);
  });
});
