import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of } from 'rxjs';
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

  /** Coordinators: the consultation phase and the comment deadline. */
  setPhase(slug: string, request: SetPhaseRequest): Observable<DocumentSummary> {
    return this.http.patch<DocumentSummary>(`/api/documents/${encodeURIComponent(slug)}/phase`, request);
  }
}
