import type { Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { AccountPage } from './account-page';

export const ACCOUNT_ROUTES: Routes = [{ path: '', component: AccountPage, canActivate: [requireSignIn], title: 'title.account' }];
