import type { Routes } from '@angular/router';

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
