import type { Routes } from '@angular/router';
import { SignInPage } from './sign-in-page';

export const SIGN_IN_ROUTES: Routes = [{ path: '', component: SignInPage, title: 'title.signIn' }];
