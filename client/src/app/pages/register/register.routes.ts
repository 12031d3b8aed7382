import type { Routes } from '@angular/router';
import { RegisterPage } from './register-page';

export const REGISTER_ROUTES: Routes = [{ path: '', component: RegisterPage, title: 'title.register' }];
