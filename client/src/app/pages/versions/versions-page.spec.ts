import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { CIVIL_USER, documentView, versionSummary } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { VersionsPage } from './versions-page';

describe('VersionsPage', () => {
  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => overlay.remove());
  });

  async function openAs(signedIn: boolean): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    if (signedIn) signInAs(CIVIL_USER);
    const fixture = TestBed.createComponent(VersionsPage);
    fixture.componentRef.setInput('slug', 'bpf');
    await fixture.whenStable();
    http.expectOne('/api/documents/bpf').flush(documentView());
    http.expectOne('/api/documents/bpf/versions').flush([
      versionSummary({ number: 1, label: 'First draft' }),
      versionSummary({ number: 2, label: 'Draft for public comment', publishedAt: '2016-11-01T10:00:00.000Z' }),
    ]);
    await fixture.whenStable();
    http.verify();
    return fixture.nativeElement as HTMLElement;
  }

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

  it('offers everyone the open-data files of the document', async () => {
    const element = await openAs(false);
    const section = element.querySelector<HTMLElement>('section.open-data');
    const headingId = section?.getAttribute('aria-labelledby') ?? '';
    expect(element.querySelector(`#${headingId}`)?.textContent?.trim()).toBe('Open data');
    const links = Array.from(section?.querySelectorAll('a') ?? []).map((a) => [a.textContent?.trim(), a.getAttribute('href'), a.hasAttribute('download')]);
    expect(links).toEqual([
      ['Comments and suggestions (CSV)', '/api/documents/bpf/open-data/contributions.csv', true],
      ['Comments and suggestions (JSON)', '/api/documents/bpf/open-data/contributions.json', true],
      ['Accepted case studies (CSV)', '/api/documents/bpf/open-data/case-studies.csv', true],
      ['Accepted case studies (JSON)', '/api/documents/bpf/open-data/case-studies.json', true],
    ]);
    // Exporting needs an account: signed out, there is no export button.
    expect(Array.from(element.querySelectorAll('button')).filter((b) => b.textContent?.includes('Export'))).toEqual([]);
  });

  it('lets a signed-in reader export each version, in a dialog titled with its number', async () => {
    const element = await openAs(true);
    const exportButtons = Array.from(element.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.trim() === 'Export…');
    expect(exportButtons.map((b) => b.getAttribute('aria-label'))).toEqual(['Export version 2', 'Export version 1']);

    exportButtons[1]?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container');
    expect(dialog?.getAttribute('role')).toBe('dialog');
    expect(dialog?.querySelector('h2')?.textContent?.trim()).toBe('Export version 1');
    expect(dialog?.textContent).toContain('First draft');
    TestBed.inject(MatDialog).closeAll();
  });
});
