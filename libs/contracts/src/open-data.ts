import type { Disposition } from './triage';
import type { StakeholderGroup } from './stakeholder-groups';

/**
 * Open data: every public comment, reply and suggestion of a document, and its accepted case
 * studies, as CSV, JSON or pages of the API. The column names below are stable: CSV headers,
 * JSON keys and API item keys are all exactly these snake_case names. CSV flattens lists
 * (semicolon- or space-separated, as described) and objects (JSON text); JSON keeps them typed.
 * Never exported: emails, password hashes, deleted contributions, case studies not accepted.
 */
export interface OpenDataColumn {
  readonly name: string;
  readonly description: string;
}

export const OPEN_DATA_CONTRIBUTION_COLUMNS = [
  { name: 'id', description: 'Stable identifier (UUID) of the contribution' },
  { name: 'kind', description: 'comment, reply or suggestion' },
  { name: 'document', description: 'Slug of the document' },
  { name: 'paragraph_keys', description: 'Stable keys of the paragraphs it concerns, primary first (CSV: semicolon-separated)' },
  { name: 'parent_id', description: 'For a reply, the id of the comment it answers; else empty' },
  { name: 'created_at', description: 'When it was written (ISO 8601, UTC)' },
  { name: 'edited_at', description: 'When its author last edited it (ISO 8601, UTC); empty if never' },
  { name: 'stakeholder_group', description: "The author's stakeholder group at the time of writing" },
  { name: 'author_name', description: "The author's display name (for a recorded intervention, the speaker's); empty when the author chose to be shown by organisation only or anonymously" },
  { name: 'author_organisation', description: "The author's organisation (for a recorded intervention, the speaker's); empty when none was given or the author chose anonymity" },
  { name: 'recorded_by_rapporteur', description: 'true when a rapporteur recorded it on behalf of a speaker' },
  { name: 'body', description: 'The text, verbatim (plain text, never HTML)' },
  { name: 'proposed_text', description: 'For a suggestion, the proposed replacement text of the paragraph; else empty' },
  { name: 'quote_exact', description: 'The passage it quotes, exactly as in the paragraph; empty if none' },
  { name: 'version_number', description: 'The document version it was written on' },
  { name: 'disposition', description: 'Triage outcome: pending, accepted, partially_accepted, noted, declined, duplicate, out_of_scope' },
  { name: 'disposition_note', description: "The editors' note on the disposition; may be empty" },
  { name: 'answered_in_version', description: 'The version whose changes answer it; empty if none yet' },
  { name: 'endorsements_total', description: 'How many participants endorsed it' },
  { name: 'endorsements_by_group', description: 'Endorsements by stakeholder group (CSV: a JSON object)' },
  // Added last, so that CSV readers that go by position keep working.
  { name: 'language', description: 'BCP 47 tag of the language it is written in (e.g. en, fr, ar)' },
] as const satisfies readonly OpenDataColumn[];

export const OPEN_DATA_CASE_STUDY_COLUMNS = [
  { name: 'id', description: 'Stable identifier (UUID) of the case study' },
  { name: 'title', description: 'Title of the case study' },
  { name: 'region', description: 'ISO 3166-1 alpha-2 country code or UN M49 region code' },
  { name: 'year_from', description: 'First year of the story; may be empty' },
  { name: 'year_to', description: 'Last year of the story; may be empty' },
  { name: 'domains', description: 'Cybersecurity domains (CSV: semicolon-separated)' },
  { name: 'stakeholder_groups', description: 'Stakeholder groups involved (CSV: semicolon-separated)' },
  { name: 'closed_door', description: 'The closed door: what blocked dialogue' },
  { name: 'what_opened', description: 'What opened it' },
  { name: 'outcome', description: 'What changed as a result' },
  { name: 'lessons', description: 'Lessons for others' },
  { name: 'links', description: 'Sources (CSV: space-separated URLs)' },
  { name: 'paragraph_keys', description: 'Keys of the paragraphs it relates to (CSV: semicolon-separated)' },
  { name: 'submitted_by', description: 'As the submitter chose: their name, their organisation, or "Anonymous"' },
  { name: 'submitter_group', description: "The submitter's stakeholder group" },
  { name: 'accepted_at', description: 'When editors accepted it (ISO 8601, UTC)' },
  { name: 'included_in_version', description: 'The version that included it; empty if none yet' },
  { name: 'language', description: 'BCP 47 tag of the language it is written in (e.g. en, es)' },
] as const satisfies readonly OpenDataColumn[];

export type OpenDataContributionColumn = (typeof OPEN_DATA_CONTRIBUTION_COLUMNS)[number]['name'];
export type OpenDataCaseStudyColumn = (typeof OPEN_DATA_CASE_STUDY_COLUMNS)[number]['name'];

/** One contribution, as in contributions.json and in the API's pages. */
export interface OpenDataContribution {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  document: string;
  paragraph_keys: string[];
  parent_id: string | null;
  created_at: string;
  edited_at: string | null;
  stakeholder_group: StakeholderGroup;
  author_name: string;
  author_organisation: string | null;
  recorded_by_rapporteur: boolean;
  language: string;
  body: string;
  proposed_text: string | null;
  quote_exact: string | null;
  version_number: number;
  disposition: Disposition;
  disposition_note: string | null;
  answered_in_version: number | null;
  endorsements_total: number;
  endorsements_by_group: Partial<Record<StakeholderGroup, number>>;
}

/** One accepted case study, as in case-studies.json. */
export interface OpenDataCaseStudy {
  id: string;
  title: string;
  language: string;
  region: string;
  year_from: number | null;
  year_to: number | null;
  domains: string[];
  stakeholder_groups: StakeholderGroup[];
  closed_door: string;
  what_opened: string;
  outcome: string;
  lessons: string;
  links: string[];
  paragraph_keys: string[];
  submitted_by: string;
  submitter_group: StakeholderGroup;
  accepted_at: string | null;
  included_in_version: number | null;
}

/** GET /api/documents/:slug/open-data/contributions?cursor=&limit= (keyset on created_at, id). */
export interface OpenDataContributionPage {
  items: OpenDataContribution[];
  nextCursor: string | null;
}

export const OPEN_DATA_PAGE_LIMITS = { defaultSize: 100, maxSize: 500 } as const;

/** GET /api/open-data/schema */
export interface OpenDataSchema {
  contributions: readonly OpenDataColumn[];
  caseStudies: readonly OpenDataColumn[];
}
