import { HttpErrorResponse } from '@angular/common/http';
import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { CursorPage } from './paged-list';
import { PagedList } from './paged-list';

interface Row {
  id: string;
  name: string;
}

describe('PagedList', () => {
  function setUp() {
    const allowed = signal(false);
    const requests: { cursor: string | null; answer: Subject<CursorPage<Row>> }[] = [];
    const list = runInInjectionContext(TestBed.inject(Injector), () =>
      new PagedList<Row>({
        allowed,
        fetch: (cursor) => {
          const answer = new Subject<CursorPage<Row>>();
          requests.push({ cursor, answer });
          return answer;
        },
        failure: () => 'The rows could not be loaded.',
      }),
    );
    return { allowed, requests, list };
  }

  function answer(subject: Subject<CursorPage<Row>> | undefined, page: CursorPage<Row>): void {
    subject?.next(page);
    subject?.complete();
  }

  it('asks for nothing until allowed, then loads the first page once', () => {
    const { allowed, requests, list } = setUp();
    TestBed.tick();
    expect(requests).toHaveLength(0);
    list.load();
    expect(requests).toHaveLength(0);

    allowed.set(true);
    TestBed.tick();
    expect(requests.map((r) => r.cursor)).toEqual([null]);
    expect(list.loading()).toBe(true);
    answer(requests[0]?.answer, { items: [{ id: 'a', name: 'A' }], nextCursor: 'c1' });
    expect([list.loading(), list.loaded(), list.items().map((r) => r.id), list.nextCursor()]).toEqual([false, true, ['a'], 'c1']);

    allowed.set(false);
    TestBed.tick();
    allowed.set(true);
    TestBed.tick();
    expect(requests).toHaveLength(1);
  });

  it('appends the next page, starts over on load(), and replaces or removes one item', () => {
    const { allowed, requests, list } = setUp();
    allowed.set(true);
    TestBed.tick();
    answer(requests[0]?.answer, { items: [{ id: 'a', name: 'A' }], nextCursor: 'c1' });
    list.loadMore();
    expect(requests[1]?.cursor).toBe('c1');
    answer(requests[1]?.answer, { items: [{ id: 'b', name: 'B' }], nextCursor: null });
    expect(list.items().map((r) => r.id)).toEqual(['a', 'b']);
    expect(list.nextCursor()).toBeNull();

    list.replace({ id: 'b', name: 'B2' });
    expect(list.items().map((r) => r.name)).toEqual(['A', 'B2']);
    list.remove('a');
    expect(list.items().map((r) => r.id)).toEqual(['b']);

    list.load();
    expect(requests[2]?.cursor).toBeNull();
    answer(requests[2]?.answer, { items: [{ id: 'c', name: 'C' }], nextCursor: null });
    expect(list.items().map((r) => r.id)).toEqual(['c']);
  });

  it('says why a page failed, after the failure sentence', () => {
    const { allowed, requests, list } = setUp();
    allowed.set(true);
    TestBed.tick();
    requests[0]?.answer.error(
      new HttpErrorResponse({ status: 403, error: { statusCode: 403, error: 'ROLE_REQUIRED', message: 'Only coordinators can do this.' } }),
    );
    expect(list.loading()).toBe(false);
    expect(list.loaded()).toBe(false);
    expect(list.error()).toBe('The rows could not be loaded. Only coordinators can do this.');
  });
});
