import type { Routes } from '@angular/router';
import { DocumentPage } from './document-page';

export const DOCUMENT_ROUTES: Routes = [
  { path: ':slug', component: DocumentPage, title: 'Document · Doorway' },
  {
    path: ':slug/versions',
    loadComponent: () => import('../versions/versions-page').then((m) => m.VersionsPage),
    title: 'Versions · Doorway',
  },
  {
    path: ':slug/versions/:number',
    loadComponent: () => import('../version/version-page').then((m) => m.VersionPage),
    title: 'Version · Doorway',
  },
  {
    path: ':slug/compare',
    loadComponent: () => import('../compare/compare-page').then((m) => m.ComparePage),
    title: 'Compare versions · Doorway',
  },
  {
    path: ':slug/settings',
    loadComponent: () => import('../document-settings/document-settings-page').then((m) => m.DocumentSettingsPage),
    title: 'Consultation settings · Doorway',
  },
  {
    path: ':slug/triage',
    loadComponent: () => import('../triage/triage-page').then((m) => m.TriagePage),
    title: 'Triage · Doorway',
  },
  {
    path: ':slug/merge',
    loadComponent: () => import('../merge/merge-page').then((m) => m.MergePage),
    title: 'Compose the next version · Doorway',
  },
  { path: '', pathMatch: 'full', redirectTo: '/' },
];
