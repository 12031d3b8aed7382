import { TestBed } from '@angular/core/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { TestRequest } from '@angular/common/http/testing';
import { Router, provideRouter } from '@angular/router';
import type { CaseStudyGallery } from '@doorway/contracts';
import { CIVIL_USER, caseStudyCard } from '../../testing/fixtures';
import { signInAs } from '../../testing/sign-in';
import { CaseStudiesPage } from './case-studies-page';
import { filtersFromParams, paramsFromFilters, toggleFacet } from './gallery-filters';
import type { GalleryQueryParams } from './gallery-filters';

const GALLERY: CaseStudyGallery = {
  items: [caseStudyCard(), caseStudyCard({ id: 'cs-2', title: 'A school network learns to report', region: '002' })],
  total: 2,
  facets: {
    domain: [
      { value: 'capacity_building', count: 3 },
      { value: 'incident_response', count: 1 },
    ],
    region: [
      { value: 'KE', count: 2 },
      { value: '002', count: 1 },
    ],
    group: [
      { value: 'government', count: 2 },
      { value: 'intergovernmental', count: 1 },
    ],
    year: [{ value: '2016', count: 2 }],
  },
  nextCursor: null,
};

describe('CaseStudiesPage', () => {
  let fixture: ComponentFixture<CaseStudiesPage>;
  let element: HTMLElement;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function open(params: GalleryQueryParams = {}, signedIn = false): Promise<TestRequest> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
    if (signedIn) signInAs(CIVIL_USER);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(CaseStudiesPage);
    for (const [key, value] of Object.entries(params)) fixture.componentRef.setInput(key, value);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    return http.expectOne((request) => request.url === '/api/case-studies');
  }

  afterEach(() => http.verify());

  const buttons = (): HTMLButtonElement[] => Array.from(element.querySelectorAll('button'));
  const facet = (key: string): string[] =>
    Array.from(element.querySelectorAll(`[data-testid="facet-${key}"] button`)).map((b) => b.textContent?.replace(/\s+/g, ' ').trim() ?? '');

  it('asks the API for exactly the filters in the URL', async () => {
    const request = await open({ q: 'briefings', domain: 'capacity_building', year: '2016', group: 'nobody' });
    expect(request.request.params.get('q')).toBe('briefings');
    expect(request.request.params.get('domain')).toBe('capacity_building');
    expect(request.request.params.get('year')).toBe('2016');
    expect(request.request.params.has('group')).toBe(false);
    expect(request.request.params.has('region')).toBe(false);
    request.flush(GALLERY);
  });

  it('shows the heading, the count in a live region, and a card per case study', async () => {
    (await open()).flush(GALLERY);
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Doors that opened');
    const count = element.querySelector('[data-testid="result-count"]');
    expect(count?.textContent?.trim()).toBe('2 case studies');
    expect(count?.getAttribute('aria-live')).toBe('polite');
    const cards = element.querySelectorAll('[data-testid="case-study-card"]');
    expect(cards).toHaveLength(2);
    const link = cards[0]?.querySelector('h2 a');
    expect(link?.textContent?.trim()).toBe('Open briefings between the CERT and the ministry');
    expect(link?.getAttribute('href')).toBe('/case-studies/cs-1');
    expect(cards[0]?.textContent).toContain('Kenya');
    expect(cards[0]?.textContent).toContain('2014–2016');
    expect(cards[0]?.textContent).toContain('Shared by Ministry of ICT');
    expect(cards[1]?.textContent).toContain('Africa');
  });

  it('shows every facet value with its count, under the four filter headings', async () => {
    (await open({ domain: 'capacity_building' })).flush(GALLERY);
    await fixture.whenStable();
    expect(Array.from(element.querySelectorAll('.facet-group h3')).map((h) => h.textContent?.trim())).toEqual([
      'Domain',
      'Country or region',
      'Stakeholder group',
      'Year',
    ]);
    expect(facet('domain')).toEqual(['Capacity building (3)', 'Incident response and CERTs (1)']);
    expect(facet('region')).toEqual(['Kenya (2)', 'Africa (1)']);
    expect(facet('group')).toEqual(['Government (2)', 'Intergovernmental (1)']);
    expect(facet('year')).toEqual(['2016 (2)']);
    const chosen = element.querySelector('[data-testid="facet-domain"] button');
    expect(chosen?.getAttribute('aria-pressed')).toBe('true');
  });

  it('puts a chosen facet in the URL, and clears it when chosen again', async () => {
    (await open({ q: 'briefings', domain: 'capacity_building' })).flush(GALLERY);
    await fixture.whenStable();
    buttons()
      .find((b) => b.textContent?.includes('Kenya (2)'))
      ?.click();
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { q: 'briefings', domain: 'capacity_building', region: 'KE' } }));
    buttons()
      .find((b) => b.textContent?.includes('Capacity building (3)'))
      ?.click();
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { q: 'briefings' } }));
    buttons()
      .find((b) => b.textContent?.trim() === 'Clear filters')
      ?.click();
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: {} }));
  });

  it('searches with the one Search button', async () => {
    (await open()).flush(GALLERY);
    await fixture.whenStable();
    expect(buttons().filter((b) => /search/i.test(b.textContent ?? ''))).toHaveLength(1);
    const input = element.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
    const label = element.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent?.trim()).toBe('Search case studies');
    input.value = '  quokka ';
    input.dispatchEvent(new Event('input'));
    element.querySelector('form')?.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenLastCalledWith([], expect.objectContaining({ queryParams: { q: 'quokka' } }));
  });

  it('offers "Share a case study" only to signed-in people', async () => {
    (await open()).flush(GALLERY);
    await fixture.whenStable();
    const share = (): Element | undefined =>
      Array.from(element.querySelectorAll('a')).find((a) => a.textContent?.trim() === 'Share a case study');
    expect(share()).toBeUndefined();
    expect(Array.from(element.querySelectorAll('a')).some((a) => /sign in/i.test(a.textContent ?? ''))).toBe(false);
    fixture.destroy();
    TestBed.resetTestingModule();

    (await open({}, true)).flush(GALLERY);
    await fixture.whenStable();
    expect(share()?.getAttribute('href')).toBe('/case-studies/new');
  });

  it('renders a <script> title as text', async () => {
    (await open()).flush({ ...GALLERY, items: [caseStudyCard({ title: '<script>window.hacked = true</script>' })], total: 1 });
    await fixture.whenStable();
    expect(element.querySelector('script')).toBeNull();
    expect(element.querySelector('[data-testid="case-study-card"] h2 a')?.textContent).toBe('<script>window.hacked = true</script>');
  });

  it('loads more with the cursor, keeping the filters', async () => {
    (await open({ domain: 'awareness' })).flush({ ...GALLERY, nextCursor: 'next-1' });
    await fixture.whenStable();
    buttons()
      .find((b) => b.textContent?.trim() === 'Load more')
      ?.click();
    const more = http.expectOne((request) => request.url === '/api/case-studies' && request.params.get('cursor') === 'next-1');
    expect(more.request.params.get('domain')).toBe('awareness');
    more.flush({ ...GALLERY, items: [caseStudyCard({ id: 'cs-3', title: 'Third' })], nextCursor: null });
    await fixture.whenStable();
    expect(element.querySelectorAll('[data-testid="case-study-card"]')).toHaveLength(3);
    expect(buttons().some((b) => b.textContent?.trim() === 'Load more')).toBe(false);
  });

  it('says so when nothing matches', async () => {
    (await open({ q: 'nothing' })).flush({ ...GALLERY, items: [], total: 0 });
    await fixture.whenStable();
    expect(element.textContent).toContain('No case studies match');
    expect(element.querySelector('[data-testid="result-count"]')?.textContent?.trim()).toBe('0 case studies');
  });
});

describe('gallery filters', () => {
  it('ignores malformed values from the URL', () => {
    expect(filtersFromParams({ q: '  ', domain: 'pizza', region: 'k', group: 'aliens', year: '16' })).toEqual({
      q: null,
      domain: null,
      region: null,
      group: null,
      year: null,
    });
    expect(filtersFromParams({ region: 'ke', year: '2016', group: 'academia' })).toEqual({
      q: null,
      domain: null,
      region: 'KE',
      group: 'academia',
      year: 2016,
    });
  });

  it('keeps one value per facet and round-trips through the URL', () => {
    const start = filtersFromParams({ domain: 'awareness' });
    const withYear = toggleFacet(toggleFacet(start, 'year', '2015'), 'year', '2016');
    expect(withYear.year).toBe(2016);
    expect(toggleFacet(withYear, 'year', '2016').year).toBeNull();
    expect(toggleFacet(withYear, 'domain', 'awareness').domain).toBeNull();
    expect(paramsFromFilters(withYear)).toEqual({ domain: 'awareness', year: '2016' });
    expect(filtersFromParams(paramsFromFilters(withYear))).toEqual(withYear);
  });
});
