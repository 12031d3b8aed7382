import { TestBed } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { documentView } from '../../testing/fixtures';
import { VersionPage, versionNumber } from './version-page';

describe('VersionPage', () => {
  it('renders an older version read-only, saying so, with a link to the current one', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(VersionPage);
    fixture.componentRef.setInput('slug', 'bpf');
    fixture.componentRef.setInput('number', '1');
    await fixture.whenStable();
    http
      .expectOne('/api/documents/bpf/versions/1')
      .flush(documentView({ version: { number: 1, label: 'First draft' }, document: { currentVersion: { number: 2, label: 'Draft', publishedAt: null } } }));
    await fixture.whenStable();
    http.verify();

    const element = fixture.nativeElement as HTMLElement;
    const notice = element.querySelector('[data-testid="old-version-notice"]');
    expect(notice?.textContent?.replace(/\s+/g, ' ').trim()).toBe('You are reading version 1. Read the current version');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/documents/bpf');
    expect(element.querySelector('[data-testid="version-label"]')?.textContent).toBe('Version 1 · First draft');
    expect(element.querySelector('[data-testid="paragraph-5"]')).not.toBeNull();
    expect(element.querySelector('.comments-toggle')).toBeNull();
    expect(element.querySelectorAll('h2').length).toBe(1);
  });

  it('accepts only positive whole version numbers', () => {
    expect(versionNumber('2')).toBe(2);
    expect(versionNumber('0')).toBeNull();
    expect(versionNumber('1e3')).toBeNull();
    expect(versionNumber(undefined)).toBeNull();
  });
});
