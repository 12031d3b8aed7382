import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { HideRequest, ModerationItem, ModerationPage, ModerationState, ReportRequest, ReportResult, RestoreRequest } from '@doorway/contracts';

export interface ModerationFilters {
  /** Document slug; null for every document. */
  document: string | null;
  /** Null for both reported and hidden items. */
  state: ModerationState | null;
}

/** Reports (anyone signed in) and the moderation queue (editors). */
@Injectable({ providedIn: 'root' })
export class ModerationService {
  private readonly http = inject(HttpClient);

  report(commentId: string, request: ReportRequest): Observable<ReportResult> {
    return this.http.post<ReportResult>(`/api/comments/${encodeURIComponent(commentId)}/reports`, request);
  }

  queue(filters: ModerationFilters, cursor: string | null = null): Observable<ModerationPage> {
    let params = new HttpParams();
    if (filters.document) params = params.set('document', filters.document);
    if (filters.state) params = params.set('state', filters.state);
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<ModerationPage>('/api/moderation/queue', { params });
  }

  hide(id: string, request: HideRequest): Observable<ModerationItem> {
    return this.http.post<ModerationItem>(`/api/contributions/${encodeURIComponent(id)}/hide`, request);
  }

  restore(id: string, request: RestoreRequest): Observable<ModerationItem> {
    return this.http.post<ModerationItem>(`/api/contributions/${encodeURIComponent(id)}/restore`, request);
  }
}
