import type { Routes } from '@angular/router';
import { HomePage } from './home-page';

export const HOME_ROUTES: Routes = [{ path: '', component: HomePage, title: 'title.home' }];
