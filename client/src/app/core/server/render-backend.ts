import { FetchBackend, type HttpEvent, HttpResponse, type HttpRequest } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { type Observable, map } from 'rxjs';

/**
 * The HTTP backend while a page renders on the server (app.config.server.ts). The app's requests
 * go to the API process that asked for the page (the renderer's origin is that process's own
 * address), and their answers lose the headers that stop Angular's transfer cache from embedding
 * them in the page: `Cache-Control: no-cache` and `Set-Cookie` are meant for a browser that keeps
 * a response or a cookie; here an answer serves this one render, and the page that carries it is
 * itself sent with no-cache. The browser then starts from these answers instead of asking again.
 * This has to happen below the interceptors, which see responses after the transfer cache has.
 */
@Injectable()
export class RenderBackend extends FetchBackend {
  override handle(request: HttpRequest<unknown>): Observable<HttpEvent<unknown>> {
    return super
      .handle(request)
      .pipe(
        map((event) =>
          event instanceof HttpResponse ? event.clone({ headers: event.headers.delete('cache-control').delete('set-cookie') }) : event,
        ),
      );
  }
}
