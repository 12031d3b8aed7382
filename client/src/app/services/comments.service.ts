import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { idempotencyHeaders } from '../core/interceptors/idempotency.interceptor';
import { LIMITS } from '@doorway/contracts';
import { LanguageService } from '../core/i18n/language.service';
import type {
  CommentOrder,
  CommentPage,
  CommentView,
  CreateCommentRequest,
  CreateReplyRequest,
  CreateSuggestionRequest,
  MyCommentView,
  RecordInterventionRequest,
  StakeholderGroup,
  UpdateCommentRequest,
} from '@doorway/contracts';

export interface CommentQuery {
  order: CommentOrder;
  group: StakeholderGroup | null;
  cursor: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class CommentsService {
  private readonly languages = inject(LanguageService);

  /**
   * A contribution keeps the language it is written in; forms that do not ask (replies, suggestions)
   * assume the interface language the author is using.
   */
  private withLanguage<T extends { language?: string }>(request: T): T {
    return request.language ? request : { ...request, language: this.languages.language() };
  }

  private readonly http = inject(HttpClient);

  list(slug: string, paragraphKey: string, query: CommentQuery): Observable<CommentPage> {
    let params = new HttpParams()
      .set('order', query.order)
      .set('limit', String(query.limit ?? LIMITS.page.defaultSize));
    if (query.group) params = params.set('group', query.group);
    if (query.cursor) params = params.set('cursor', query.cursor);
    return this.http.get<CommentPage>(this.paragraphUrl(slug, paragraphKey), { params });
  }

  create(slug: string, paragraphKey: string, request: CreateCommentRequest): Observable<CommentView> {
    return this.http.post<CommentView>(this.paragraphUrl(slug, paragraphKey), this.withLanguage(request), { headers: idempotencyHeaders() });
  }

  /** A suggested edit: replacement text for the whole paragraph, and why. */
  suggest(slug: string, paragraphKey: string, request: CreateSuggestionRequest): Observable<CommentView> {
    return this.http.post<CommentView>(`${this.paragraphBase(slug, paragraphKey)}/suggestions`, this.withLanguage(request), {
      headers: idempotencyHeaders(),
    });
  }

  /** Editors: what a speaker said in the room, recorded on their behalf. */
  recordIntervention(slug: string, paragraphKey: string, request: RecordInterventionRequest): Observable<CommentView> {
    return this.http.post<CommentView>(`${this.paragraphBase(slug, paragraphKey)}/interventions`, this.withLanguage(request), {
      headers: idempotencyHeaders(),
    });
  }

  /** Endorse a comment or suggestion (409 ALREADY_ENDORSED the second time). */
  endorse(commentId: string): Observable<CommentView> {
    return this.http.post<CommentView>(
      `/api/comments/${encodeURIComponent(commentId)}/endorsements`,
      {},
      { headers: idempotencyHeaders() },
    );
  }

  unendorse(commentId: string): Observable<CommentView> {
    return this.http.delete<CommentView>(`/api/comments/${encodeURIComponent(commentId)}/endorsements`);
  }

  reply(commentId: string, request: CreateReplyRequest): Observable<CommentView> {
    return this.http.post<CommentView>(`/api/comments/${encodeURIComponent(commentId)}/replies`, this.withLanguage(request), {
      headers: idempotencyHeaders(),
    });
  }

  update(commentId: string, request: UpdateCommentRequest): Observable<CommentView> {
    return this.http.patch<CommentView>(`/api/comments/${encodeURIComponent(commentId)}`, request);
  }

  /** Deletes a comment, or withdraws a suggestion while it is pending (409 SUGGESTION_TRIAGED after). */
  remove(commentId: string): Observable<CommentView> {
    return this.http.delete<CommentView>(`/api/comments/${encodeURIComponent(commentId)}`);
  }

  /** My own comments and replies, across documents, with what became of them. */
  mine(): Observable<MyCommentView[]> {
    return this.http.get<MyCommentView[]>('/api/me/comments');
  }

  private paragraphUrl(slug: string, paragraphKey: string): string {
    return `${this.paragraphBase(slug, paragraphKey)}/comments`;
  }

  private paragraphBase(slug: string, paragraphKey: string): string {
    return `/api/documents/${encodeURIComponent(slug)}/paragraphs/${encodeURIComponent(paragraphKey)}`;
  }
}
