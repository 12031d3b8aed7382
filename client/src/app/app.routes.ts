import type { Routes, UrlMatchResult, UrlSegment } from '@angular/router';

/**
 * /case-studies/new and /case-studies/:id/edit are one route, so that when the first autosave
 * creates the draft and the address becomes …/edit, the same form stays on the page.
 */
export function caseStudyFormMatcher(segments: UrlSegment[]): UrlMatchResult | null {
  const [first, second, third] = segments;
  if (first?.path !== 'case-studies') return null;
  if (segments.length === 2 && second?.path === 'new') return { consumed: segments };
  if (segments.length === 3 && second && third?.path === 'edit') return { consumed: segments, posParams: { id: second } };
  return null;
}

/** Every page is its own lazy chunk. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadChildren: () => import('./pages/home/home.routes').then((m) => m.HOME_ROUTES),
  },
  {
    path: 'documents',
    loadChildren: () => import('./pages/document/document.routes').then((m) => m.DOCUMENT_ROUTES),
  },
  {
    path: 'case-studies',
    pathMatch: 'full',
    loadChildren: () => import('./pages/case-studies/case-studies.routes').then((m) => m.CASE_STUDIES_ROUTES),
  },
  {
    matcher: caseStudyFormMatcher,
    loadChildren: () => import('./pages/case-study-form/case-study-form.routes').then((m) => m.CASE_STUDY_FORM_ROUTES),
  },
  {
    path: 'case-studies/:id',
    loadChildren: () => import('./pages/case-study/case-study.routes').then((m) => m.CASE_STUDY_ROUTES),
  },
  {
    path: 'review',
    loadChildren: () => import('./pages/review-queue/review-queue.routes').then((m) => m.REVIEW_QUEUE_ROUTES),
  },
  {
    path: 'moderation',
    loadChildren: () => import('./pages/moderation/moderation.routes').then((m) => m.MODERATION_ROUTES),
  },
  {
    path: 'users',
    loadChildren: () => import('./pages/users/users.routes').then((m) => m.USERS_ROUTES),
  },
  {
    path: 'audit',
    loadChildren: () => import('./pages/audit/audit.routes').then((m) => m.AUDIT_ROUTES),
  },
  {
    path: 'me',
    loadChildren: () => import('./pages/my-contributions/my-contributions.routes').then((m) => m.MY_CONTRIBUTIONS_ROUTES),
  },
  {
    path: 'account',
    loadChildren: () => import('./pages/account/account.routes').then((m) => m.ACCOUNT_ROUTES),
  },
  {
    path: 'sign-in',
    loadChildren: () => import('./pages/sign-in/sign-in.routes').then((m) => m.SIGN_IN_ROUTES),
  },
  {
    path: 'register',
    loadChildren: () => import('./pages/register/register.routes').then((m) => m.REGISTER_ROUTES),
  },
  {
    path: '**',
    loadChildren: () => import('./pages/not-found/not-found.routes').then((m) => m.NOT_FOUND_ROUTES),
  },
];
