import type { Routes } from '@angular/router';
import { DocumentPage } from './document-page';

export const DOCUMENT_ROUTES: Routes = [
  { path: ':slug', component: DocumentPage, title: 'Document · Doorway' },
  { path: '', pathMatch: 'full', redirectTo: '/' },
];
