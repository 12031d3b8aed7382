import type { DocumentsService } from '../../services/documents.service';

/** The document page's own address, /documents/<slug>: not its versions, triage or settings. */
const DOCUMENT_PAGE = /^\/documents\/([^/]+)\/?$/;

/**
 * Starts what the first screen will need before the router gets to it. The router only navigates
 * once the session is known (/api/auth/me), then fetches the page's code, and only then does the
 * page ask for its document: three round trips one after the other. Opened straight on a document,
 * the app now asks for the document and the page's code alongside the session.
 */
export function startEarlyRequests(path: string, documents: DocumentsService): void {
  const slug = documentSlugOf(path);
  if (!slug) return;
  documents.prefetch(slug);
  // The same chunk the router loads for this route: the browser fetches it once, and the router's
  // own import finds it ready.
  void import('../../pages/document/document.routes');
}

export function documentSlugOf(path: string): string | null {
  const raw = DOCUMENT_PAGE.exec(path)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape: leave it to the router, which shows its own page for it.
    return null;
  }
}
