import type { Params } from '@angular/router';
import { DISPOSITIONS, STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_LABELS, TRIAGE_KINDS, isStakeholderGroup } from '@doorway/contracts';
import type { Disposition, EndorsementCounts, TriageKind } from '@doorway/contracts';
import type { TriageFilters } from '../../services/triage.service';

/** The raw query parameters the triage page reads (router input binding). */
export interface TriageQueryParams {
  paragraph?: string | null;
  group?: string | null;
  kind?: string | null;
  disposition?: string | null;
  from?: string | null;
  to?: string | null;
  minEndorsements?: string | null;
}

const PARAGRAPH_KEY = /^[a-z0-9][a-z0-9-]{0,59}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isTriageKind = (value: unknown): value is TriageKind =>
  typeof value === 'string' && (TRIAGE_KINDS as readonly string[]).includes(value);

export const isDisposition = (value: unknown): value is Disposition =>
  typeof value === 'string' && (DISPOSITIONS as readonly string[]).includes(value);

function validDay(value: string | null | undefined): string | null {
  if (!value || !DAY.test(value)) return null;
  return Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) ? null : value;
}

/** Filters from the URL; anything malformed is ignored rather than sent to the API. */
export function triageFiltersFromParams(params: TriageQueryParams): TriageFilters {
  const min = params.minEndorsements?.trim() ?? '';
  return {
    paragraph: params.paragraph && PARAGRAPH_KEY.test(params.paragraph) ? params.paragraph : null,
    group: isStakeholderGroup(params.group) ? params.group : null,
    kind: isTriageKind(params.kind) ? params.kind : null,
    disposition: isDisposition(params.disposition) ? params.disposition : null,
    from: validDay(params.from),
    to: validDay(params.to),
    minEndorsements: /^\d{1,6}$/.test(min) ? Number(min) : null,
  };
}

/** The URL's query parameters for these filters (unset ones are left out). */
export function paramsFromTriageFilters(filters: TriageFilters): Params {
  const params: Params = {};
  if (filters.paragraph) params['paragraph'] = filters.paragraph;
  if (filters.group) params['group'] = filters.group;
  if (filters.kind) params['kind'] = filters.kind;
  if (filters.disposition) params['disposition'] = filters.disposition;
  if (filters.from) params['from'] = filters.from;
  if (filters.to) params['to'] = filters.to;
  if (filters.minEndorsements !== null) params['minEndorsements'] = String(filters.minEndorsements);
  return params;
}

export function sameTriageFilters(a: TriageFilters, b: TriageFilters): boolean {
  return (
    a.paragraph === b.paragraph &&
    a.group === b.group &&
    a.kind === b.kind &&
    a.disposition === b.disposition &&
    a.from === b.from &&
    a.to === b.to &&
    a.minEndorsements === b.minEndorsements
  );
}

/**
 * "endorsed by 12: 5 civil society, 4 technical community, 3 government": the most endorsing
 * group first (ties keep the usual group order); "no endorsements" when nobody endorsed it.
 */
export function endorsementText(endorsements: EndorsementCounts): string {
  if (endorsements.total <= 0) return 'no endorsements';
  const parts = STAKEHOLDER_GROUPS.map((group) => ({ group, count: endorsements.byGroup[group] ?? 0 }))
    .filter((part) => part.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((part) => `${part.count} ${STAKEHOLDER_GROUP_LABELS[part.group].toLowerCase()}`);
  return parts.length > 0 ? `endorsed by ${endorsements.total}: ${parts.join(', ')}` : `endorsed by ${endorsements.total}`;
}

/** "¶ 14", "¶ 37, 39, 40": the reader's numbers of the paragraphs a contribution concerns. */
export function paragraphNumbersText(keys: readonly string[], numbers: ReadonlyMap<string, number>): string {
  const known = keys.map((key) => numbers.get(key)).filter((n): n is number => n !== undefined);
  if (known.length === 0) return keys.length > 0 ? 'a paragraph no longer in the document' : 'the whole document';
  return `¶ ${[...new Set(known)].sort((a, b) => a - b).join(', ')}`;
}

/** "1 contribution", "1,204 contributions". */
export function contributionCountText(total: number): string {
  return total === 1 ? '1 contribution' : `${total.toLocaleString('en')} contributions`;
}
