import type { Routes } from '@angular/router';
import { DocumentPage } from './document-page';

export const DOCUMENT_ROUTES: Routes = [
  { path: ':slug', component: DocumentPage, title: 'title.document' },
  {
    path: ':slug/versions',
    loadComponent: () => import('../versions/versions-page').then((m) => m.VersionsPage),
    title: 'title.versions',
  },
  {
    path: ':slug/versions/:number',
    loadComponent: () => import('../version/version-page').then((m) => m.VersionPage),
    title: 'title.version',
  },
  {
    path: ':slug/compare',
    loadComponent: () => import('../compare/compare-page').then((m) => m.ComparePage),
    title: 'title.compare',
  },
  {
    path: ':slug/settings',
    loadComponent: () => import('../document-settings/document-settings-page').then((m) => m.DocumentSettingsPage),
    title: 'title.settings',
  },
  {
    path: ':slug/triage',
    loadComponent: () => import('../triage/triage-page').then((m) => m.TriagePage),
    title: 'title.triage',
  },
  {
    path: ':slug/merge',
    loadComponent: () => import('../merge/merge-page').then((m) => m.MergePage),
    title: 'title.merge',
  },
  { path: '', pathMatch: 'full', redirectTo: '/' },
];
