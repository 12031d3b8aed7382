import type { Params } from '@angular/router';
import { CASE_STUDY_DOMAINS, CASE_STUDY_DOMAIN_LABELS, CASE_STUDY_LIMITS, REGION_PATTERN, STAKEHOLDER_GROUP_LABELS, isStakeholderGroup, regionName } from '@doorway/contracts';
import type { CaseStudyDomain, CaseStudyGallery, FacetCount } from '@doorway/contracts';
import type { GalleryFilters } from '../../services/case-studies.service';

export type FacetKey = 'domain' | 'region' | 'group' | 'year';

/** The raw query parameters the gallery reads (router input binding). */
export interface GalleryQueryParams {
  q?: string | null;
  domain?: string | null;
  region?: string | null;
  group?: string | null;
  year?: string | null;
}

const isDomain = (value: string): value is CaseStudyDomain => (CASE_STUDY_DOMAINS as readonly string[]).includes(value);

/** Filters from the URL; anything malformed is ignored rather than sent to the API. */
export function filtersFromParams(params: GalleryQueryParams): GalleryFilters {
  const q = params.q?.trim() ?? '';
  const region = params.region?.trim().toUpperCase() ?? '';
  const year = params.year && /^\d{4}$/.test(params.year) ? Number(params.year) : null;
  return {
    q: q === '' ? null : q.slice(0, 200),
    domain: params.domain && isDomain(params.domain) ? params.domain : null,
    region: REGION_PATTERN.test(region) ? region : null,
    group: isStakeholderGroup(params.group) ? params.group : null,
    year: year !== null && year >= CASE_STUDY_LIMITS.years.min ? year : null,
  };
}

/** The URL's query parameters for these filters (unset ones are left out, so links stay short). */
export function paramsFromFilters(filters: GalleryFilters): Params {
  const params: Params = {};
  if (filters.q) params['q'] = filters.q;
  if (filters.domain) params['domain'] = filters.domain;
  if (filters.region) params['region'] = filters.region;
  if (filters.group) params['group'] = filters.group;
  if (filters.year !== null) params['year'] = String(filters.year);
  return params;
}

export function sameFilters(a: GalleryFilters, b: GalleryFilters): boolean {
  return a.q === b.q && a.domain === b.domain && a.region === b.region && a.group === b.group && a.year === b.year;
}

export function hasFacetFilter(filters: GalleryFilters): boolean {
  return filters.domain !== null || filters.region !== null || filters.group !== null || filters.year !== null;
}

/** One value per facet: choosing the one already chosen clears it. */
export function toggleFacet(filters: GalleryFilters, key: FacetKey, value: string): GalleryFilters {
  switch (key) {
    case 'domain':
      return { ...filters, domain: filters.domain === value || !isDomain(value) ? null : value };
    case 'region':
      return { ...filters, region: filters.region === value ? null : value };
    case 'group':
      return { ...filters, group: filters.group === value || !isStakeholderGroup(value) ? null : value };
    case 'year':
      return { ...filters, year: String(filters.year) === value ? null : Number(value) };
  }
}

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export interface FacetGroup {
  key: FacetKey;
  title: string;
  options: FacetOption[];
}

const TITLES: Record<FacetKey, string> = {
  domain: 'Domain',
  region: 'Country or region',
  group: 'Stakeholder group',
  year: 'Year',
};

function labelFor(key: FacetKey, value: string): string {
  switch (key) {
    case 'domain':
      return isDomain(value) ? CASE_STUDY_DOMAIN_LABELS[value] : value;
    case 'region':
      return regionName(value);
    case 'group':
      return isStakeholderGroup(value) ? STAKEHOLDER_GROUP_LABELS[value] : value;
    case 'year':
      return value;
  }
}

function selectedValue(filters: GalleryFilters, key: FacetKey): string | null {
  const value = filters[key];
  return value === null ? null : String(value);
}

/**
 * The four filter groups with a count beside every value. The chosen value stays listed even if
 * the API did not count it (e.g. a hand-typed URL), so it can always be cleared.
 */
export function facetGroups(facets: CaseStudyGallery['facets'], filters: GalleryFilters): FacetGroup[] {
  return (['domain', 'region', 'group', 'year'] as const).map((key) => {
    const selected = selectedValue(filters, key);
    const counts: FacetCount[] = [...facets[key]];
    if (selected !== null && !counts.some((c) => c.value === selected)) counts.unshift({ value: selected, count: 0 });
    return {
      key,
      title: TITLES[key],
      options: counts.map((c) => ({ value: c.value, label: labelFor(key, c.value), count: c.count, selected: c.value === selected })),
    };
  });
}

export function countText(total: number): string {
  return total === 1 ? '1 case study' : `${total.toLocaleString('en')} case studies`;
}
