import type { GroupCounts } from './stakeholder-groups';
import type { Disposition } from './triage';

export const CONSULTATION_PHASES = ['draft', 'open', 'closed', 'final'] as const;
/** draft: editors only; open: comments welcome until the deadline; closed: read-only while editors merge; final. */
export type ConsultationPhase = (typeof CONSULTATION_PHASES)[number];

export interface SetPhaseRequest {
  phase: ConsultationPhase;
  /** ISO timestamp; only meaningful while open. Null clears it. */
  commentDeadline?: string | null;
}

export interface VersionSummary {
  number: number;
  label: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  changelog: string;
}

/** Who shaped a revision: the contributions (or case study) it answers. */
export interface ProvenanceRef {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion' | 'case_study';
  stakeholderGroup: string;
  /** As the author chose to be shown; null when anonymous or deleted. */
  authorName: string | null;
  disposition: Disposition;
  excerpt: string;
}

export interface ShapedBy {
  count: number;
  byGroup: GroupCounts;
}

/** One paragraph of the draft of the next version, as the editor sends it. */
export interface DraftParagraph {
  /** The stable key; null for a new paragraph (the server assigns one). */
  key: string | null;
  text: string;
  /** Ids of the contributions this paragraph's change answers. */
  provenance: string[];
  /** Set when the paragraph inserts an accepted case study (e.g. into the annex). */
  caseStudyId?: string | null;
}

export interface DraftSection {
  key: string;
  title: string;
  paragraphs: DraftParagraph[];
}

export interface SaveDraftRequest {
  label?: string;
  changelog?: string;
  sections: DraftSection[];
}

export type DraftChange = 'kept' | 'edited' | 'added' | 'moved' | 'edited_and_moved';

export interface DraftParagraphView extends DraftParagraph {
  key: string;
  number: number;
  /** The text in the version the draft is based on; null for a new paragraph. */
  baseText: string | null;
  baseSection: string | null;
  baseNumber: number | null;
  change: DraftChange;
  provenanceRefs: ProvenanceRef[];
}

export interface DraftSectionView {
  key: string;
  title: string;
  paragraphs: DraftParagraphView[];
}

export interface DraftView {
  documentSlug: string;
  /** The number the version will have once published. */
  number: number;
  baseNumber: number;
  /** Send as If-Match when saving or publishing. */
  lockVersion: number;
  label: string;
  changelog: string;
  /** A changelog written from the provenance, for the editor to start from. */
  generatedChangelog: string;
  sections: DraftSectionView[];
  /** Paragraphs of the base version that the draft no longer has. */
  deleted: { key: string; text: string; baseNumber: number }[];
  updatedAt: string;
}

export interface PublishRequest {
  label?: string;
  /** Defaults to the draft's changelog, else the generated one. */
  changelog?: string;
}

export interface DiffWord {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface DiffParagraph {
  key: string;
  change: 'unchanged' | 'changed' | 'added' | 'deleted' | 'moved' | 'changed_and_moved';
  from: { number: number; section: string; text: string } | null;
  to: { number: number; section: string; text: string } | null;
  /** Word-level diff of a changed paragraph; empty otherwise. */
  words: DiffWord[];
}

export interface VersionDiff {
  from: number;
  to: number;
  paragraphs: DiffParagraph[];
}

export interface ParagraphHistoryEntry {
  versionNumber: number;
  number: number;
  section: string;
  text: string;
  /** Whether the text differs from the previous version's. */
  changed: boolean;
  provenance: ProvenanceRef[];
}

export interface ParagraphHistory {
  key: string;
  entries: ParagraphHistoryEntry[];
}
