import { CASE_STUDY_DOMAIN_LABELS, regionName } from '@doorway/contracts';
import type { CaseStudyAttributionView, CaseStudyDomain, CaseStudyStatus } from '@doorway/contracts';

/** What each status is called wherever a person reads it. */
export const CASE_STUDY_STATUS_LABELS: Readonly<Record<CaseStudyStatus, string>> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  accepted: 'Accepted',
  declined: 'Declined',
};

/** The submitter may still change a case study in these states. */
export const EDITABLE_STATUSES: readonly CaseStudyStatus[] = ['draft', 'changes_requested'];

export function isEditable(status: CaseStudyStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/** What became of a comment, as the editors decided. */
export const DISPOSITION_LABELS: Readonly<Record<string, string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  noted: 'Noted',
  declined: 'Declined',
  duplicate: 'Duplicate',
  out_of_scope: 'Out of scope',
};

/** A disposition label; an unknown value is still shown readably ("some_state" → "Some state"). */
export function dispositionLabel(disposition: string): string {
  const known = DISPOSITION_LABELS[disposition];
  if (known) return known;
  const words = disposition.replace(/_/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Pending';
}

/** The credit the submitter chose: "Name, Organisation", only the organisation, or "Anonymous" (in the reader's language when given). */
export function attributionText(attribution: CaseStudyAttributionView, anonymous = 'Anonymous'): string {
  switch (attribution.kind) {
    case 'named': {
      const parts = [attribution.name, attribution.organisation].filter((part): part is string => !!part && part.trim() !== '');
      return parts.length > 0 ? parts.join(', ') : anonymous;
    }
    case 'organisation':
      return attribution.organisation?.trim() ? attribution.organisation : anonymous;
    default:
      return anonymous;
  }
}

/** "2014", "2014–2016", or '' when no year is known. */
export function yearsText(yearFrom: number | null, yearTo: number | null): string {
  if (yearFrom === null && yearTo === null) return '';
  if (yearFrom === null) return String(yearTo);
  if (yearTo === null || yearTo === yearFrom) return String(yearFrom);
  return `${yearFrom}–${yearTo}`;
}

/** A region's name, or '' when none was given. */
export function regionText(code: string): string {
  return code ? regionName(code) : '';
}

export function domainLabels(domains: readonly CaseStudyDomain[]): string[] {
  return domains.map((domain) => CASE_STUDY_DOMAIN_LABELS[domain] ?? domain);
}

/** Only http(s) addresses become links; anything else is shown as text. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The card excerpt is cut by the API at a fixed length: say so with an ellipsis. */
export function excerptText(excerpt: string, cutAt = 240): string {
  const text = excerpt.trim();
  return excerpt.length >= cutAt ? `${text}…` : text;
}
