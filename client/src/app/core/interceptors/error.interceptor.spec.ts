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

  it.each([400, 401, 404, 409, 412, 428])('leaves %i to the form or page that asked, without a snackbar', (status) => {
    const error = fail(status, { statusCode: status, error: 'X', message: 'Handled by the form.' });
    expect(open).not.toHaveBeenCalled();
    expect(error?.status).toBe(status);
  });
});
