import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { CurrentUser } from '@doorway/contracts';
import { AuthService } from './auth.service';

const CIVIL_USER: CurrentUser = {
  id: 'u-1',
  email: 'civil1@doorway.test',
  displayName: 'Amina Civil',
  organisation: 'Open Net',
  country: 'KE',
  stakeholderGroup: 'civil_society',
  groupVerified: false,
  role: 'participant',
};

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('signs in with a POST and remembers the user', () => {
    let result: CurrentUser | null | undefined;
    auth.signIn({ email: 'civil1@doorway.test', password: 'doorway-demo-2016' }).subscribe((user) => (result = user));
    const request = http.expectOne('/api/auth/sign-in');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'civil1@doorway.test', password: 'doorway-demo-2016' });
    request.flush({ user: CIVIL_USER });
    expect(result).toEqual(CIVIL_USER);
    expect(auth.user()).toEqual(CIVIL_USER);
    expect(auth.signedIn()).toBe(true);
  });

  it('stays signed out when the credentials are refused, and passes the error on', () => {
    let status = 0;
    auth.signIn({ email: 'x@y.z', password: 'wrong-password' }).subscribe({ error: (e: { status: number }) => (status = e.status) });
    http
      .expectOne('/api/auth/sign-in')
      .flush(
        { statusCode: 401, error: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    expect(status).toBe(401);
    expect(auth.user()).toBeNull();
  });

  it('signs out and forgets the user', () => {
    auth.signIn({ email: 'civil1@doorway.test', password: 'doorway-demo-2016' }).subscribe();
    http.expectOne('/api/auth/sign-in').flush({ user: CIVIL_USER });
    auth.signOut().subscribe();
    const request = http.expectOne('/api/auth/sign-out');
    expect(request.request.method).toBe('POST');
    request.flush({ user: null });
    expect(auth.user()).toBeNull();
  });

  it('loads the session at startup and survives an unreachable API', async () => {
    const first = auth.load();
    http.expectOne('/api/auth/me').flush({ user: CIVIL_USER });
    await first;
    expect(auth.user()).toEqual(CIVIL_USER);

    const second = auth.load();
    http.expectOne('/api/auth/me').error(new ProgressEvent('error'), { status: 0 });
    await expect(second).resolves.toBeUndefined();
    expect(auth.user()).toBeNull();
  });
});
