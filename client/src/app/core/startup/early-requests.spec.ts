import { documentSlugOf, startEarlyRequests } from './early-requests';
import type { DocumentsService } from '../../services/documents.service';

describe('early requests at start-up', () => {
  it('finds the slug of the document page only', () => {
    expect(documentSlugOf('/documents/bpf-cybersecurity-2016')).toBe('bpf-cybersecurity-2016');
    expect(documentSlugOf('/documents/bpf-cybersecurity-2016/')).toBe('bpf-cybersecurity-2016');
    expect(documentSlugOf('/documents/a%20b')).toBe('a b');
    expect(documentSlugOf('/documents/bpf/versions')).toBeNull();
    expect(documentSlugOf('/documents/bpf/triage')).toBeNull();
    expect(documentSlugOf('/documents')).toBeNull();
    expect(documentSlugOf('/')).toBeNull();
    expect(documentSlugOf('/case-studies/new')).toBeNull();
    expect(documentSlugOf('/documents/%E0%A4%A')).toBeNull();
  });

  it('prefetches the document when the app opens on its page, and nothing elsewhere', () => {
    const prefetch = jest.fn();
    const documents = { prefetch } as unknown as DocumentsService;
    startEarlyRequests('/review', documents);
    startEarlyRequests('/documents/bpf/versions/2', documents);
    expect(prefetch).not.toHaveBeenCalled();
    startEarlyRequests('/documents/bpf', documents);
    expect(prefetch).toHaveBeenCalledWith('bpf');
  });
});
