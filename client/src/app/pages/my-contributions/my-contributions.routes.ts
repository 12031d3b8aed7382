import type { Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { MyContributionsPage } from './my-contributions-page';

export const MY_CONTRIBUTIONS_ROUTES: Routes = [
  { path: '', component: MyContributionsPage, canActivate: [requireSignIn], title: 'title.myContributions' },
];
