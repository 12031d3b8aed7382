import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { idempotencyHeaders } from '../core/interceptors/idempotency.interceptor';
import type {
  CaseStudyCard,
  CaseStudyDomain,
  CaseStudyGallery,
  CaseStudyStatus,
  CaseStudyView,
  DecideCaseStudyRequest,
  SaveCaseStudyRequest,
  StakeholderGroup,
} from '@doorway/contracts';

/** The gallery's filters; null means "any". */
export interface GalleryFilters {
  q: string | null;
  domain: CaseStudyDomain | null;
  region: string | null;
  group: StakeholderGroup | null;
  year: number | null;
}

export const NO_FILTERS: GalleryFilters = { q: null, domain: null, region: null, group: null, year: null };

export type QueueStatus = Extract<CaseStudyStatus, 'submitted' | 'in_review'>;

export interface QueueFilters {
  status: QueueStatus | null;
  mine: boolean;
}

/** The query string of a gallery request: only the filters that are set. */
export function galleryParams(filters: GalleryFilters, cursor: string | null = null): HttpParams {
  let params = new HttpParams();
  if (filters.q) params = params.set('q', filters.q);
  if (filters.domain) params = params.set('domain', filters.domain);
  if (filters.region) params = params.set('region', filters.region);
  if (filters.group) params = params.set('group', filters.group);
  if (filters.year !== null) params = params.set('year', String(filters.year));
  if (cursor) params = params.set('cursor', cursor);
  return params;
}

@Injectable({ providedIn: 'root' })
export class CaseStudiesService {
  private readonly http = inject(HttpClient);

  gallery(filters: GalleryFilters, cursor: string | null = null): Observable<CaseStudyGallery> {
    return this.http.get<CaseStudyGallery>('/api/case-studies', { params: galleryParams(filters, cursor) });
  }

  get(id: string): Observable<CaseStudyView> {
    return this.http.get<CaseStudyView>(this.url(id));
  }

  /** Starts a private draft on a document. */
  create(documentSlug: string, request: SaveCaseStudyRequest): Observable<CaseStudyView> {
    return this.http.post<CaseStudyView>(`/api/documents/${encodeURIComponent(documentSlug)}/case-studies`, request, {
      headers: idempotencyHeaders(),
    });
  }

  update(id: string, request: SaveCaseStudyRequest): Observable<CaseStudyView> {
    return this.http.patch<CaseStudyView>(this.url(id), request);
  }

  submit(id: string): Observable<CaseStudyView> {
    return this.http.post<CaseStudyView>(`${this.url(id)}/submit`, {});
  }

  /** Editors: take into review (assigned to me). */
  assign(id: string): Observable<CaseStudyView> {
    return this.http.post<CaseStudyView>(`${this.url(id)}/assign`, {});
  }

  /** Editors: accept, request changes or decline. */
  decide(id: string, request: DecideCaseStudyRequest): Observable<CaseStudyView> {
    return this.http.post<CaseStudyView>(`${this.url(id)}/decision`, request);
  }

  /** Editors: what waits for review. */
  queue(filters: QueueFilters): Observable<CaseStudyCard[]> {
    let params = new HttpParams();
    if (filters.status) params = params.set('status', filters.status);
    if (filters.mine) params = params.set('mine', 'true');
    return this.http.get<CaseStudyCard[]>('/api/case-studies/queue', { params });
  }

  /** My own case studies, in every state. */
  mine(): Observable<CaseStudyCard[]> {
    return this.http.get<CaseStudyCard[]>('/api/me/case-studies');
  }

  private url(id: string): string {
    return `/api/case-studies/${encodeURIComponent(id)}`;
  }
}
