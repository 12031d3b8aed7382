import type { Attribution } from './case-studies';
import type { GroupCounts, StakeholderGroup } from './stakeholder-groups';

export const DISPOSITIONS = ['pending', 'accepted', 'partially_accepted', 'noted', 'declined', 'duplicate', 'out_of_scope'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  pending: 'Pending',
  accepted: 'Accepted',
  partially_accepted: 'Partially accepted',
  noted: 'Noted',
  declined: 'Declined',
  duplicate: 'Duplicate',
  out_of_scope: 'Out of scope',
};

export const TRIAGE_KINDS = ['comment', 'reply', 'suggestion', 'case_study'] as const;
export type TriageKind = (typeof TRIAGE_KINDS)[number];

export interface EndorsementCounts {
  total: number;
  byGroup: GroupCounts;
}

export interface TriageItem {
  id: string;
  kind: TriageKind;
  paragraphKeys: string[];
  stakeholderGroup: StakeholderGroup;
  authorName: string;
  /** Set when a rapporteur recorded it on someone's behalf. */
  recordedBy: string | null;
  excerpt: string;
  proposedText: string | null;
  createdAt: string;
  disposition: Disposition;
  dispositionNote: string | null;
  duplicateOfId: string | null;
  answeredInVersion: number | null;
  endorsements: EndorsementCounts;
}

export interface TriagePage {
  items: TriageItem[];
  total: number;
  nextCursor: string | null;
}

export interface SetDispositionRequest {
  disposition: Disposition;
  /** A public note to the author. */
  note?: string;
  /** Required for duplicate: the original. */
  duplicateOf?: string;
}

export interface BulkDispositionRequest extends SetDispositionRequest {
  ids: string[];
}

export interface DispositionChangeView {
  from: Disposition;
  to: Disposition;
  note: string | null;
  by: string;
  at: string;
}

export interface CreateSuggestionRequest {
  /** The proposed replacement for the whole paragraph. */
  proposedText: string;
  /** Why: shown beside the diff. */
  body: string;
  /** How to show the author; by name when left out. */
  attribution?: Attribution;
  /** BCP 47 tag of the language it is written in (see LANGUAGE_TAG_PATTERN); the interface language when left out. */
  language?: string;
}

export interface RecordInterventionRequest {
  body: string;
  speakerName: string;
  speakerOrganisation?: string;
  stakeholderGroup: StakeholderGroup;
  /** Further paragraphs it concerns, beyond the one in the URL. */
  alsoParagraphs?: string[];
  /** BCP 47 tag of the language it is written in (see LANGUAGE_TAG_PATTERN); the interface language when left out. */
  language?: string;
}
