import { HttpClient, HttpErrorResponse, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import type { CaseStudyCard, CaseStudyGallery, DocumentVersionView, DraftView, PublishRequest, SaveDraftRequest } from '@doorway/contracts';
import { isApiError } from '../core/http/api-error';
import { idempotencyHeaders } from '../core/interceptors/idempotency.interceptor';

/** The `If-Match` value for a draft's lockVersion: `"3"`. */
export function ifMatch(lockVersion: number): HttpHeaders {
  return new HttpHeaders({ 'If-Match': `"${lockVersion}"` });
}

/**
 * A 412 from saving or publishing: someone else saved (or published) the draft meanwhile.
 * `current` is the draft as it stands now, null when it has just been published.
 */
export interface DraftConflict {
  message: string;
  current: DraftView | null;
}

function isDraftView(value: unknown): value is DraftView {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['lockVersion'] === 'number' && Array.isArray(candidate['sections']);
}

/** The conflict a failed save or publish reports, or null when it failed for another reason. */
export function draftConflict(error: unknown): DraftConflict | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 412) return null;
  const body: unknown = error.error;
  const current = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['current'] : null;
  return {
    message: isApiError(body) ? body.message : 'The draft has changed since you opened it. Nothing was saved.',
    current: isDraftView(current) ? current : null,
  };
}

/** Editors: the draft of a document's next version, saved whole under optimistic locking. */
@Injectable({ providedIn: 'root' })
export class DraftsService {
  private readonly http = inject(HttpClient);

  /** The draft of the next version; the API creates it from the current version if there is none. */
  get(slug: string): Observable<DraftView> {
    return this.http.get<DraftView>(this.url(slug));
  }

  /** Saves the whole draft if it is still at `lockVersion`; answers with the new lockVersion. */
  save(slug: string, lockVersion: number, request: SaveDraftRequest): Observable<DraftView> {
    return this.http.put<DraftView>(this.url(slug), request, { headers: ifMatch(lockVersion) });
  }

  /** Publishes the draft at `lockVersion` as the next version. */
  publish(slug: string, lockVersion: number, request: PublishRequest): Observable<DocumentVersionView> {
    return this.http.post<DocumentVersionView>(`${this.url(slug)}/publish`, request, {
      headers: idempotencyHeaders(ifMatch(lockVersion)),
    });
  }

  /** Accepted case studies, for inserting into the annex. */
  acceptedCaseStudies(): Observable<CaseStudyCard[]> {
    const params = new HttpParams().set('limit', '100');
    return this.http
      .get<CaseStudyGallery>('/api/case-studies', { params })
      .pipe(map((gallery) => gallery.items.filter((card) => card.status === 'accepted')));
  }

  private url(slug: string): string {
    return `/api/documents/${encodeURIComponent(slug)}/draft`;
  }
}
