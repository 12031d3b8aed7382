import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { DocumentVersionView } from '@doorway/contracts';
import { DocumentsService } from './documents.service';

/** Only the identity matters here: the service hands responses through untouched. */
const response = (slug: string) => ({ document: { slug } }) as unknown as DocumentVersionView;

describe('DocumentsService prefetch and open', () => {
  let service: DocumentsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(DocumentsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends the request when prefetched, and the page that opens that document reuses it', () => {
    service.prefetch('bpf');
    const request = http.expectOne('/api/documents/bpf');
    const seen: DocumentVersionView[] = [];
    service.open('bpf').subscribe((doc) => seen.push(doc));
    request.flush(response('bpf'));
    expect(seen).toEqual([response('bpf')]);
    // No second request was made for the page.
    http.expectNone('/api/documents/bpf');
  });

  it('hands the prefetched response out once: the next opening asks the server again', () => {
    service.prefetch('bpf');
    http.expectOne('/api/documents/bpf').flush(response('bpf'));
    service.open('bpf').subscribe();
    service.open('bpf').subscribe();
    http.expectOne('/api/documents/bpf').flush(response('bpf'));
  });

  it('asks for the right document when the first page opened is another one, and drops the prefetch', () => {
    service.prefetch('bpf');
    http.expectOne('/api/documents/bpf').flush(response('bpf'));
    const seen: DocumentVersionView[] = [];
    service.open('other').subscribe((doc) => seen.push(doc));
    http.expectOne('/api/documents/other').flush(response('other'));
    expect(seen).toEqual([response('other')]);
    service.open('bpf').subscribe();
    http.expectOne('/api/documents/bpf').flush(response('bpf'));
  });

  it('does not keep a failed prefetch: the page asks again, and reports what it gets', () => {
    service.prefetch('bpf');
    http.expectOne('/api/documents/bpf').flush({ message: 'gone' }, { status: 503, statusText: 'Unavailable' });
    let status = 0;
    service.open('bpf').subscribe({ error: (error: { status: number }) => (status = error.status) });
    http.expectOne('/api/documents/bpf').flush({ message: 'gone' }, { status: 404, statusText: 'Not Found' });
    expect(status).toBe(404);
  });
});
