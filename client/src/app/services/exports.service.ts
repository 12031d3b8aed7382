import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, Subscription, exhaustMap, takeWhile, timer } from 'rxjs';
import type { CreateExportRequest, ExportJobView, ExportStatus } from '@doorway/contracts';

/** How often the fallback asks for the job when server-sent events are not available. */
export const EXPORT_POLL_INTERVAL_MS = 1000;

const finished = (status: ExportStatus): boolean => status === 'done' || status === 'failed';

/** Export jobs of a document version: start one, then follow it until its file is ready. */
@Injectable({ providedIn: 'root' })
export class ExportsService {
  private readonly http = inject(HttpClient);

  start(slug: string, number: number, request: CreateExportRequest): Observable<ExportJobView> {
    const version = `/api/documents/${encodeURIComponent(slug)}/versions/${encodeURIComponent(String(number))}`;
    return this.http.post<ExportJobView>(`${version}/exports`, request);
  }

  get(id: string): Observable<ExportJobView> {
    return this.http.get<ExportJobView>(this.url(id));
  }

  /**
   * The job each time it changes, completing once it is done or failed. Listens to the server's
   * events; if the browser has no EventSource, or the stream breaks before the end, asks every second instead.
   */
  watch(id: string): Observable<ExportJobView> {
    return new Observable<ExportJobView>((subscriber) => {
      let source: EventSource | null = null;
      let polling: Subscription | null = null;
      let ended = false;

      const closeSource = (): void => {
        source?.close();
        source = null;
      };
      const poll = (): void => {
        closeSource();
        polling = timer(0, EXPORT_POLL_INTERVAL_MS)
          .pipe(
            // A slow answer is not asked again before it arrives.
            exhaustMap(() => this.get(id)),
            takeWhile((job) => !finished(job.status), true),
          )
          .subscribe({
            next: (job) => subscriber.next(job),
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
      };

      const EventSourceImpl: typeof EventSource | undefined = globalThis.EventSource;
      if (typeof EventSourceImpl !== 'function') {
        poll();
      } else {
        // Same origin, so the session cookie goes with it.
        const opened = new EventSourceImpl(`${this.url(id)}/events`);
        source = opened;
        opened.addEventListener('progress', (event: MessageEvent<string>) => {
          if (ended) return;
          let job: ExportJobView;
          try {
            job = JSON.parse(event.data) as ExportJobView;
          } catch {
            poll();
            return;
          }
          subscriber.next(job);
          if (finished(job.status)) {
            ended = true;
            closeSource();
            subscriber.complete();
          }
        });
        // EventSource would reconnect on its own, forever; a broken stream switches to polling instead.
        opened.addEventListener('error', () => {
          if (!ended && source === opened) poll();
        });
      }

      return () => {
        ended = true;
        closeSource();
        polling?.unsubscribe();
      };
    });
  }

  private url(id: string): string {
    return `/api/exports/${encodeURIComponent(id)}`;
  }
}
