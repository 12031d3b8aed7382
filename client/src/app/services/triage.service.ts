import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type {
  BulkDispositionRequest,
  Disposition,
  DispositionChangeView,
  SetDispositionRequest,
  StakeholderGroup,
  TriageItem,
  TriageKind,
  TriagePage,
} from '@doorway/contracts';

/** The triage queue's filters; null means "any". Dates are calendar days, `YYYY-MM-DD`. */
export interface TriageFilters {
  paragraph: string | null;
  group: StakeholderGroup | null;
  kind: TriageKind | null;
  disposition: Disposition | null;
  /** Written on or after this day. */
  from: string | null;
  /** Written on or before this day (inclusive). */
  to: string | null;
  minEndorsements: number | null;
}

export const NO_TRIAGE_FILTERS: TriageFilters = {
  paragraph: null,
  group: null,
  kind: null,
  disposition: null,
  from: null,
  to: null,
  minEndorsements: null,
};

export const TRIAGE_PAGE_SIZE = 50;

/** The day after a `YYYY-MM-DD` day, so that "To" includes the whole day it names (the API's `to` is exclusive). */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The query string of a queue request: only the filters that are set. */
export function triageParams(filters: TriageFilters, cursor: string | null = null, limit = TRIAGE_PAGE_SIZE): HttpParams {
  let params = new HttpParams();
  if (filters.paragraph) params = params.set('paragraph', filters.paragraph);
  if (filters.group) params = params.set('group', filters.group);
  if (filters.kind) params = params.set('kind', filters.kind);
  if (filters.disposition) params = params.set('disposition', filters.disposition);
  if (filters.from) params = params.set('from', filters.from);
  if (filters.to) params = params.set('to', dayAfter(filters.to));
  if (filters.minEndorsements !== null) params = params.set('minEndorsements', String(filters.minEndorsements));
  if (cursor) params = params.set('cursor', cursor);
  return params.set('limit', String(limit));
}

/** Editors: one queue of every contribution to a document, and what became of each. */
@Injectable({ providedIn: 'root' })
export class TriageService {
  private readonly http = inject(HttpClient);

  queue(slug: string, filters: TriageFilters, cursor: string | null = null, limit = TRIAGE_PAGE_SIZE): Observable<TriagePage> {
    return this.http.get<TriagePage>(`/api/documents/${encodeURIComponent(slug)}/triage`, {
      params: triageParams(filters, cursor, limit),
    });
  }

  setDisposition(id: string, request: SetDispositionRequest): Observable<TriageItem> {
    return this.http.patch<TriageItem>(`${this.url(id)}/disposition`, request);
  }

  /** All or nothing: one refused item leaves every disposition as it was. */
  bulk(slug: string, request: BulkDispositionRequest): Observable<{ updated: number }> {
    return this.http.post<{ updated: number }>(`/api/documents/${encodeURIComponent(slug)}/triage/bulk`, request);
  }

  history(id: string): Observable<DispositionChangeView[]> {
    return this.http.get<DispositionChangeView[]>(`${this.url(id)}/dispositions`);
  }

  private url(id: string): string {
    return `/api/contributions/${encodeURIComponent(id)}`;
  }
}
