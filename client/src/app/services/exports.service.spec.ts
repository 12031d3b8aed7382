import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { ExportJobView } from '@doorway/contracts';
import { ExportsService } from './exports.service';

function exportJob(overrides: Partial<ExportJobView> = {}): ExportJobView {
  return {
    id: 'job-1',
    document: 'bpf',
    versionNumber: 1,
    format: 'docx',
    annexes: ['A'],
    status: 'queued',
    progress: 0,
    stage: 'queued',
    error: null,
    fileName: null,
    byteSize: null,
    downloadUrl: null,
    createdAt: '2016-11-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

type Listener = (event: MessageEvent<string>) => void;

/** Stands in for the browser's EventSource, which jsdom lacks. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, Listener[]>();
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  emit(type: string, data = ''): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }

  progress(job: ExportJobView): void {
    this.emit('progress', JSON.stringify(job));
  }
}

interface WithEventSource {
  EventSource?: unknown;
}

describe('ExportsService', () => {
  const global = globalThis as WithEventSource;
  const original = global.EventSource;
  let service: ExportsService;
  let http: HttpTestingController;

  beforeEach(() => {
    FakeEventSource.instances = [];
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(ExportsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    if (original === undefined) delete global.EventSource;
    else global.EventSource = original;
    jest.useRealTimers();
    http.verify();
  });

  it('starts an export of a version with the chosen format and annexes', () => {
    let started: ExportJobView | undefined;
    service.start('bpf cyber', 2, { format: 'pdf', annexes: ['A', 'C'] }).subscribe((job) => (started = job));
    const request = http.expectOne('/api/documents/bpf%20cyber/versions/2/exports');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ format: 'pdf', annexes: ['A', 'C'] });
    request.flush(exportJob(), { status: 202, statusText: 'Accepted' });
    expect(started?.id).toBe('job-1');
  });

  it('follows the job through its progress events and closes the stream when it is done', () => {
    global.EventSource = FakeEventSource;
    const seen: ExportJobView[] = [];
    let completed = false;
    service.watch('job-1').subscribe({ next: (job) => seen.push(job), complete: () => (completed = true) });

    const [source] = FakeEventSource.instances;
    expect(source?.url).toBe('/api/exports/job-1/events');
    source?.progress(exportJob({ status: 'running', progress: 0.2, stage: 'reading contributions' }));
    source?.progress(exportJob({ status: 'done', progress: 1, stage: 'done', downloadUrl: '/api/exports/job-1/file' }));

    expect(seen.map((job) => [job.status, job.progress])).toEqual([
      ['running', 0.2],
      ['done', 1],
    ]);
    expect(completed).toBe(true);
    expect(source?.closed).toBe(true);
    // A late event after the end is ignored.
    source?.progress(exportJob({ status: 'running' }));
    expect(seen).toHaveLength(2);
  });

  it('completes on a failed job too', () => {
    global.EventSource = FakeEventSource;
    const seen: ExportJobView[] = [];
    let completed = false;
    service.watch('job-1').subscribe({ next: (job) => seen.push(job), complete: () => (completed = true) });
    FakeEventSource.instances[0]?.progress(exportJob({ status: 'failed', stage: 'failed', error: 'The renderer broke.' }));
    expect(seen.map((job) => job.error)).toEqual(['The renderer broke.']);
    expect(completed).toBe(true);
    expect(FakeEventSource.instances[0]?.closed).toBe(true);
  });

  it('closes the stream when the watcher unsubscribes', () => {
    global.EventSource = FakeEventSource;
    const subscription = service.watch('job-1').subscribe();
    const [source] = FakeEventSource.instances;
    expect(source?.closed).toBe(false);
    subscription.unsubscribe();
    expect(source?.closed).toBe(true);
  });

  it('polls the job every second when the browser has no EventSource', () => {
    jest.useFakeTimers();
    delete global.EventSource;
    const seen: ExportJobView[] = [];
    let completed = false;
    service.watch('job-1').subscribe({ next: (job) => seen.push(job), complete: () => (completed = true) });

    jest.advanceTimersByTime(0);
    http.expectOne('/api/exports/job-1').flush(exportJob({ status: 'running', progress: 0.1 }));
    jest.advanceTimersByTime(999);
    http.expectNone('/api/exports/job-1');
    jest.advanceTimersByTime(1);
    http.expectOne('/api/exports/job-1').flush(exportJob({ status: 'done', progress: 1 }));

    expect(seen.map((job) => job.status)).toEqual(['running', 'done']);
    expect(completed).toBe(true);
    jest.advanceTimersByTime(5000);
    http.expectNone('/api/exports/job-1');
  });

  it('falls back to polling when the stream breaks before the job ends', () => {
    jest.useFakeTimers();
    global.EventSource = FakeEventSource;
    const seen: ExportJobView[] = [];
    let completed = false;
    service.watch('job-1').subscribe({ next: (job) => seen.push(job), complete: () => (completed = true) });
    const [source] = FakeEventSource.instances;
    source?.progress(exportJob({ status: 'running', progress: 0.2 }));
    source?.emit('error');
    expect(source?.closed).toBe(true);

    jest.advanceTimersByTime(0);
    http.expectOne('/api/exports/job-1').flush(exportJob({ status: 'done', progress: 1 }));
    expect(seen.map((job) => job.status)).toEqual(['running', 'done']);
    expect(completed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('stops polling when the watcher unsubscribes', () => {
    jest.useFakeTimers();
    delete global.EventSource;
    const subscription = service.watch('job-1').subscribe();
    jest.advanceTimersByTime(0);
    http.expectOne('/api/exports/job-1').flush(exportJob({ status: 'running' }));
    subscription.unsubscribe();
    jest.advanceTimersByTime(3000);
    http.expectNone('/api/exports/job-1');
  });
});
