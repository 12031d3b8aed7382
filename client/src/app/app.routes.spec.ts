import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Router, UrlSegment, provideRouter } from '@angular/router';
import type { ActivatedRouteSnapshot, RouterStateSnapshot, UrlTree } from '@angular/router';
import { CIVIL_USER } from './testing/fixtures';
import { signInAs } from './testing/sign-in';
import { requireSignIn } from './core/auth/require-sign-in.guard';
import { caseStudyFormMatcher } from './app.routes';

const segments = (path: string): UrlSegment[] => path.split('/').map((part) => new UrlSegment(part, {}));

describe('case study form route', () => {
  it('matches /case-studies/new and /case-studies/:id/edit (one route, so the form survives the draft’s creation)', () => {
    expect(caseStudyFormMatcher(segments('case-studies/new'))?.posParams).toBeUndefined();
    expect(caseStudyFormMatcher(segments('case-studies/new'))?.consumed).toHaveLength(2);
    expect(caseStudyFormMatcher(segments('case-studies/cs-1/edit'))?.posParams?.['id']?.path).toBe('cs-1');
    expect(caseStudyFormMatcher(segments('case-studies/cs-1'))).toBeNull();
    expect(caseStudyFormMatcher(segments('case-studies'))).toBeNull();
    expect(caseStudyFormMatcher(segments('documents/new'))).toBeNull();
  });
});

describe('requireSignIn', () => {
  const run = (url: string): boolean | UrlTree =>
    TestBed.runInInjectionContext(
      () => requireSignIn({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot) as boolean | UrlTree,
    );

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
  });

  it('sends signed-out people to sign in, coming back afterwards', () => {
    const result = run('/case-studies/new?document=bpf');
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe(
      '/sign-in?returnUrl=%2Fcase-studies%2Fnew%3Fdocument%3Dbpf',
    );
  });

  it('lets signed-in people through', () => {
    signInAs(CIVIL_USER);
    expect(run('/me')).toBe(true);
    TestBed.inject(HttpTestingController).verify();
  });
});
