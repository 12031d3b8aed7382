import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { AuditAction, AuditPage } from '@doorway/contracts';

/** The audit log's filters; null means "any". Dates are calendar days, `YYYY-MM-DD`, both included. */
export interface AuditFilters {
  action: AuditAction | null;
  actor: string | null;
  document: string | null;
  from: string | null;
  to: string | null;
}

export const NO_AUDIT_FILTERS: AuditFilters = { action: null, actor: null, document: null, from: null, to: null };

/** The day after a `YYYY-MM-DD` day: the API's `to` is exclusive, the form's is inclusive. */
function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export function auditParams(filters: AuditFilters, cursor: string | null): HttpParams {
  let params = new HttpParams();
  if (filters.action) params = params.set('action', filters.action);
  if (filters.actor) params = params.set('actor', filters.actor);
  if (filters.document) params = params.set('document', filters.document);
  if (filters.from) params = params.set('from', filters.from);
  if (filters.to) params = params.set('to', dayAfter(filters.to));
  if (cursor) params = params.set('cursor', cursor);
  return params;
}

/** Coordinators: who did what, when and why. */
@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);

  list(filters: AuditFilters, cursor: string | null = null): Observable<AuditPage> {
    return this.http.get<AuditPage>('/api/audit', { params: auditParams(filters, cursor) });
  }
}
