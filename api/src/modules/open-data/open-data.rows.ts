import { isStakeholderGroup } from '@doorway/contracts';
import type {
  Attribution,
  Disposition,
  OpenDataCaseStudy,
  OpenDataContribution,
  StakeholderGroup,
} from '@doorway/contracts';
import { parsePgArray } from '../../common/sql/pg-array';

/**
 * What the open-data queries select. Only public columns: no email, no password hash, and for a
 * rapporteur-recorded intervention the speaker, never the editor who typed it.
 */
export interface ContributionRow {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  document: string;
  paragraph_key: string | null;
  paragraph_keys: string[] | string | null;
  parent_id: string | null;
  created_at: Date;
  cursor_at: string;
  edited_at: Date | null;
  author_group: StakeholderGroup;
  author_name: string | null;
  author_organisation: string | null;
  recorded: boolean;
  language: string;
  body: string;
  proposed_text: string | null;
  quote_exact: string | null;
  version_number: number;
  disposition: Disposition;
  disposition_note: string | null;
  answered_in_version: number | null;
  endorsements: Record<string, number> | null;
}

export interface CaseStudyRow {
  id: string;
  title: string;
  language: string;
  region: string;
  year_from: number | null;
  year_to: number | null;
  domains: string[] | string | null;
  stakeholder_groups: string[] | string | null;
  closed_door: string;
  what_opened: string;
  outcome: string;
  lessons: string;
  links: { url: string; title?: string }[] | null;
  paragraph_keys: string[] | string | null;
  attribution: Attribution;
  author_name: string;
  author_organisation: string | null;
  author_group: StakeholderGroup;
  decided_at: Date | null;
  included_in_version: number | null;
}

export function toOpenDataContribution(row: ContributionRow): OpenDataContribution {
  const keys = parsePgArray(row.paragraph_keys);
  const byGroup: Partial<Record<StakeholderGroup, number>> = {};
  for (const [group, n] of Object.entries(row.endorsements ?? {})) if (isStakeholderGroup(group)) byGroup[group] = n;
  return {
    id: row.id,
    kind: row.kind,
    document: row.document,
    paragraph_keys: keys.length || row.paragraph_key === null ? keys : [row.paragraph_key],
    parent_id: row.parent_id,
    created_at: row.created_at.toISOString(),
    edited_at: row.edited_at?.toISOString() ?? null,
    stakeholder_group: row.author_group,
    author_name: row.author_name ?? '',
    author_organisation: row.author_organisation,
    recorded_by_rapporteur: row.recorded,
    body: row.body,
    proposed_text: row.proposed_text,
    quote_exact: row.quote_exact,
    version_number: row.version_number,
    disposition: row.disposition,
    disposition_note: row.disposition_note,
    answered_in_version: row.answered_in_version,
    endorsements_total: Object.values(byGroup).reduce((a, b) => a + b, 0),
    endorsements_by_group: byGroup,
    language: row.language,
  };
}

/** The submitter chose how to be credited: by name, by organisation, or not at all. */
export function submittedBy(attribution: Attribution, name: string, organisation: string | null): string {
  if (attribution === 'named') return name;
  if (attribution === 'organisation' && organisation) return organisation;
  return 'Anonymous';
}

export function toOpenDataCaseStudy(row: CaseStudyRow): OpenDataCaseStudy {
  return {
    id: row.id,
    title: row.title,
    region: row.region,
    year_from: row.year_from,
    year_to: row.year_to,
    domains: parsePgArray(row.domains),
    stakeholder_groups: parsePgArray(row.stakeholder_groups).filter(isStakeholderGroup),
    closed_door: row.closed_door,
    what_opened: row.what_opened,
    outcome: row.outcome,
    lessons: row.lessons,
    links: (row.links ?? []).map((link) => link.url),
    paragraph_keys: parsePgArray(row.paragraph_keys),
    submitted_by: submittedBy(row.attribution, row.author_name, row.author_organisation),
    submitter_group: row.author_group,
    accepted_at: row.decided_at?.toISOString() ?? null,
    included_in_version: row.included_in_version,
    language: row.language,
  };
}

type CsvCell = string;

function cell(value: unknown, listSeparator: string): CsvCell {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(listSeparator);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One CSV record: lists joined, objects as JSON text, booleans as true/false, nulls empty. */
export function contributionCsvRecord(item: OpenDataContribution): CsvCell[] {
  return [
    item.id,
    item.kind,
    item.document,
    cell(item.paragraph_keys, ';'),
    cell(item.parent_id, ''),
    item.created_at,
    cell(item.edited_at, ''),
    item.stakeholder_group,
    item.author_name,
    cell(item.author_organisation, ''),
    String(item.recorded_by_rapporteur),
    item.body,
    cell(item.proposed_text, ''),
    cell(item.quote_exact, ''),
    String(item.version_number),
    item.disposition,
    cell(item.disposition_note, ''),
    cell(item.answered_in_version, ''),
    String(item.endorsements_total),
    JSON.stringify(item.endorsements_by_group),
    item.language,
  ];
}

export function caseStudyCsvRecord(item: OpenDataCaseStudy): CsvCell[] {
  return [
    item.id,
    item.title,
    item.region,
    cell(item.year_from, ''),
    cell(item.year_to, ''),
    cell(item.domains, ';'),
    cell(item.stakeholder_groups, ';'),
    item.closed_door,
    item.what_opened,
    item.outcome,
    item.lessons,
    cell(item.links, ' '),
    cell(item.paragraph_keys, ';'),
    item.submitted_by,
    item.submitter_group,
    cell(item.accepted_at, ''),
    cell(item.included_in_version, ''),
    item.language,
  ];
}
