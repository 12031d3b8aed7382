import type { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { CaseStudyFormPage } from './case-study-form-page';

/** Both /case-studies/new and /case-studies/:id/edit (one route, so creating the draft keeps the page). */
export const CASE_STUDY_FORM_ROUTES: Routes = [
  {
    path: '',
    component: CaseStudyFormPage,
    canActivate: [requireSignIn],
    title: (route: ActivatedRouteSnapshot) =>
      route.paramMap.has('id') ? 'title.caseStudyEdit' : 'title.caseStudyNew',
  },
];
