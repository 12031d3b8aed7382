import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { documentView, versionSummary } from '../../testing/fixtures';
import { VersionsPage } from './versions-page';

describe('VersionsPage', () => {
  it('lists the published versions, newest first, with changelog and links to read and compare', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(VersionsPage);
    fixture.componentRef.setInput('slug', 'bpf');
    await fixture.whenStable();
    http.expectOne('/api/documents/bpf').flush(documentView());
    http.expectOne('/api/documents/bpf/versions').flush([
      versionSummary({ number: 1, label: 'First draft', publishedAt: '2016-10-01T10:00:00.000Z', changelog: 'Initial text.' }),
      versionSummary({
        number: 2,
        label: 'Draft for public comment',
        publishedAt: '2016-11-01T10:00:00.000Z',
        changelog: '¶ 14: travel grants (suggested by Civil society).\n<b>Annex</b>: one case study added.',
      }),
      versionSummary({ number: 3, label: 'Work in progress', status: 'draft', publishedAt: null }),
    ]);
    await fixture.whenStable();
    http.verify();

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Versions of Creating spaces for multistakeholder dialogue');
    const versions = Array.from(element.querySelectorAll<HTMLElement>('[data-testid="version"]'));
    expect(versions.map((v) => v.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Version 2 · Draft for public comment',
      'Version 1 · First draft',
    ]);
    const [second, first] = versions;
    expect(second?.textContent).toContain('Published 1 November 2016');
    expect(second?.textContent).toContain('Current version');
    expect(second?.querySelector('.changelog-text')?.textContent).toBe(
      '¶ 14: travel grants (suggested by Civil society).\n<b>Annex</b>: one case study added.',
    );
    expect(second?.querySelector('b')).toBeNull();
    const links = (v: HTMLElement | undefined): [string, string | null][] =>
      Array.from(v?.querySelectorAll('a') ?? []).map((a) => [a.textContent?.trim() ?? '', a.getAttribute('href')]);
    expect(links(second)).toEqual([
      ['Read version 2', '/documents/bpf/versions/2'],
      ['Compare with previous', '/documents/bpf/compare?from=1&to=2'],
    ]);
    expect(links(first)).toEqual([['Read version 1', '/documents/bpf/versions/1']]);
    expect(first?.textContent).not.toContain('Current version');
  });
});
