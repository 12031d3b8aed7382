import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { DocumentVersionView, ParagraphHistory, VersionDiff, VersionSummary } from '@doorway/contracts';

/** A document's published versions, the difference between two, and one paragraph's history. */
@Injectable({ providedIn: 'root' })
export class VersionsService {
  private readonly http = inject(HttpClient);

  /** Oldest first; editors also get the draft of the next version (status 'draft'). */
  list(slug: string): Observable<VersionSummary[]> {
    return this.http.get<VersionSummary[]>(`${this.base(slug)}/versions`);
  }

  get(slug: string, number: number): Observable<DocumentVersionView> {
    return this.http.get<DocumentVersionView>(`${this.base(slug)}/versions/${encodeURIComponent(String(number))}`);
  }

  diff(slug: string, from: number, to: number): Observable<VersionDiff> {
    const params = new HttpParams().set('from', String(from)).set('to', String(to));
    return this.http.get<VersionDiff>(`${this.base(slug)}/diff`, { params });
  }

  history(slug: string, paragraphKey: string): Observable<ParagraphHistory> {
    return this.http.get<ParagraphHistory>(`${this.base(slug)}/paragraphs/${encodeURIComponent(paragraphKey)}/history`);
  }

  private base(slug: string): string {
    return `/api/documents/${encodeURIComponent(slug)}`;
  }
}
