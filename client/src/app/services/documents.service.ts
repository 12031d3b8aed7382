import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of, shareReplay } from 'rxjs';
import type { DocumentSummary, DocumentVersionView, SetPhaseRequest } from '@doorway/contracts';

/** The slug of the BPF 2016 draft, the document people are sent to after signing in. */
export const FEATURED_DOCUMENT_SLUG = 'bpf-cybersecurity-2016';

export function landingUrlFor(documents: readonly DocumentSummary[]): string {
  const featured = documents.find((d) => d.slug === FEATURED_DOCUMENT_SLUG) ?? documents[0];
  return featured ? `/documents/${featured.slug}` : '/';
}

@Injectable({ providedIn: 'root' })
export class DocumentsService {
  private readonly http = inject(HttpClient);
  /** A document asked for at start-up, before its page existed; handed to the first page that opens. */
  private early: { slug: string; response: Observable<DocumentVersionView> } | null = null;

  list(): Observable<DocumentSummary[]> {
    return this.http.get<DocumentSummary[]>('/api/documents');
  }

  /** Where to send people after they sign in: the BPF draft if it exists, else the first document, else home. */
  landingUrl(): Observable<string> {
    return this.list().pipe(
      map((documents) => landingUrlFor(documents)),
      catchError(() => of('/')),
    );
  }

  get(slug: string): Observable<DocumentVersionView> {
    return this.http.get<DocumentVersionView>(`/api/documents/${encodeURIComponent(slug)}`);
  }

  /**
   * Starts loading a document while the app is still starting (its scripts, the session, the page's
   * own code), so the document's request is not the last of a chain of round trips: on a slow link
   * each of those costs a few hundred milliseconds before the reader sees any text.
   */
  prefetch(slug: string): void {
    // A response is kept for the page; a failure is not (shareReplay resets on error), so the page
    // asks again and reports what it then gets.
    const response = this.get(slug).pipe(shareReplay({ bufferSize: 1, refCount: false }));
    // Subscribing sends the request now.
    response.subscribe({ error: () => undefined });
    this.early = { slug, response };
  }

  /**
   * The document as its page opens it: the prefetched response if it was for this slug, else a
   * new request. The prefetched one is used at most once, by the first page that opens, so a
   * later visit never sees an old copy.
   */
  open(slug: string): Observable<DocumentVersionView> {
    const early = this.early;
    this.early = null;
    return early?.slug === slug ? early.response : this.get(slug);
  }

  /** Coordinators: the consultation phase and the comment deadline. */
  setPhase(slug: string, request: SetPhaseRequest): Observable<DocumentSummary> {
    return this.http.patch<DocumentSummary>(`/api/documents/${encodeURIComponent(slug)}/phase`, request);
  }
}
