import type { GroupCounts } from './stakeholder-groups';
import type { ConsultationPhase, ShapedBy } from './versions';

export interface DocumentSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** BCP 47 tag of the language the document's own text is written in: the title, summary, sections and paragraphs. */
  language: string;
  forum: { slug: string; name: string };
  consultationOpensAt: string | null;
  consultationClosesAt: string | null;
  currentVersion: { number: number; label: string; publishedAt: string | null } | null;
  commentCount: number;
  phase: ConsultationPhase;
  /** While open: comments are accepted until then (server clock). */
  commentDeadline: string | null;
  /** Contributions that moderators (or enough reports) have hidden: public, so that moderation is visible. */
  hiddenCount: number;
}

export interface ParagraphView {
  /** The paragraph's stable key: it survives new versions, and comments hang on it. */
  key: string;
  /** The number shown to readers in this version (1-based, across the whole document). */
  number: number;
  text: string;
  commentCount: number;
  commentsByGroup: GroupCounts;
  /** Accepted case studies that relate to this paragraph. */
  caseStudies: { id: string; title: string }[];
  /** The contributions behind this paragraph's current text; null when it has not changed since v1. */
  shapedBy: ShapedBy | null;
}

export interface SectionView {
  key: string;
  title: string;
  paragraphs: ParagraphView[];
}

export interface DocumentVersionView {
  document: DocumentSummary;
  version: { number: number; label: string; publishedAt: string | null };
  sections: SectionView[];
  /**
   * The id of the document's last live event as this view was read (null: none yet), read in the
   * same statement as the counts. A page that follows live events starts after it (`?since=`):
   * what happened between this read and the stream's opening is neither missed nor counted twice.
   */
  liveCursor: string | null;
}
