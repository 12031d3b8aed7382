import type { Routes } from '@angular/router';
import { requireSignIn } from '../../core/auth/require-sign-in.guard';
import { UsersPage } from './users-page';

export const USERS_ROUTES: Routes = [{ path: '', component: UsersPage, canActivate: [requireSignIn], title: 'title.users' }];
