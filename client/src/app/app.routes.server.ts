import { RenderMode, type ServerRoute } from '@angular/ssr';

/**
 * Only a document's own page is rendered on the server: it is what a crowd of readers opens first,
 * and its text is the page's largest paint. Every other page is the client-rendered shell as before.
 */
export const serverRoutes: ServerRoute[] = [
  { path: 'documents/:slug', renderMode: RenderMode.Server },
  { path: '**', renderMode: RenderMode.Client },
];
