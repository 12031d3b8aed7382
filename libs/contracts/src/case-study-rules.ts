import { CASE_STUDY_DOMAINS, CASE_STUDY_LIMITS, REGION_PATTERN, UN_REGIONS } from './case-studies';
import type { CaseStudyFields } from './case-studies';
import type { FieldError } from './errors';
import { COUNTRY_CODE_PATTERN } from './limits';
import { STAKEHOLDER_GROUPS } from './stakeholder-groups';

/** True for a known ISO 3166-1 alpha-2 code or one of the UN M49 regions offered. */
export function isKnownRegion(code: string): boolean {
  if (!REGION_PATTERN.test(code)) return false;
  if (/^\d{3}$/.test(code)) return code in UN_REGIONS;
  // Intl knows every assigned ISO 3166 code; unassigned ones come back unchanged or as "Unknown Region".
  const name = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }).of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

/** True for an assigned ISO 3166-1 alpha-2 country code, e.g. `MX`; not for a UN region or `ZZ`. */
export function isKnownCountry(code: string): boolean {
  return COUNTRY_CODE_PATTERN.test(code) && isKnownRegion(code);
}

/** A person-readable name for a region code, e.g. `NG` → Nigeria, `150` → Europe. */
export function regionName(code: string): string {
  if (code in UN_REGIONS) return UN_REGIONS[code as keyof typeof UN_REGIONS];
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * What a case study needs before it can be submitted. The client shows these as the form's errors
 * and the server refuses a submission that fails them, so both apply exactly the same rules.
 */
export function submissionProblems(fields: CaseStudyFields, thisYear = new Date().getUTCFullYear()): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, problem: string) => {
    const existing = problems.find((p) => p.field === field);
    if (existing) existing.problems.push(problem);
    else problems.push({ field, problems: [problem] });
  };
  const L = CASE_STUDY_LIMITS;
  if (fields.title.trim().length < L.title.min) add('title', `must be at least ${L.title.min} characters`);
  if (!fields.region) add('region', 'is required');
  else if (!isKnownRegion(fields.region)) add('region', 'must be an ISO 3166 country code or a UN region');
  if (fields.yearFrom === null) add('yearFrom', 'is required');
  else if (fields.yearFrom < L.years.min || fields.yearFrom > thisYear) add('yearFrom', `must be from ${L.years.min} to ${thisYear}`);
  if (fields.yearTo !== null && fields.yearFrom !== null && fields.yearTo < fields.yearFrom) {
    add('yearTo', 'must not be before the first year');
  }
  if (fields.yearTo !== null && fields.yearTo > thisYear) add('yearTo', `must not be after ${thisYear}`);
  if (fields.domains.length < L.domains.min) add('domains', 'choose at least one domain');
  if (fields.domains.some((d) => !(CASE_STUDY_DOMAINS as readonly string[]).includes(d))) add('domains', 'contains an unknown domain');
  const groups = new Set(fields.stakeholderGroups);
  if (groups.size < L.stakeholderGroups.min) add('stakeholderGroups', `choose at least ${L.stakeholderGroups.min} stakeholder groups`);
  if ([...groups].some((g) => !(STAKEHOLDER_GROUPS as readonly string[]).includes(g))) add('stakeholderGroups', 'contains an unknown group');
  for (const part of ['closedDoor', 'whatOpened', 'outcome', 'lessons'] as const) {
    if (fields[part].trim().length < L.part.min) add(part, `must be at least ${L.part.min} characters`);
  }
  if (fields.links.length > L.links.max) add('links', `at most ${L.links.max} links`);
  fields.links.forEach((link, i) => {
    if (!/^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(link.url)) add(`links.${i}.url`, 'must be an http(s) URL');
  });
  if (!fields.consentToPublish) add('consentToPublish', 'you must agree to publication before submitting');
  return problems;
}
