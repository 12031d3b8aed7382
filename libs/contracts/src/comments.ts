import type { Attribution } from './case-studies';
import type { StakeholderGroup } from './stakeholder-groups';
import type { Disposition, EndorsementCounts } from './triage';

/** A quoted passage, as in the W3C Web Annotation TextQuoteSelector. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Who wrote it, as they chose to be shown. `id` is null unless they chose to be named (or the
 * reader is the author), so that an anonymous comment cannot be linked to its author's others.
 */
export interface CommentAuthor {
  id: string | null;
  displayName: string;
  organisation: string | null;
}

export interface CommentView {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  /** The primary paragraph. */
  paragraphKey: string;
  /** Every paragraph it concerns, the primary one first. */
  paragraphKeys: string[];
  /** For suggestions: the proposed replacement text of the paragraph. */
  proposedText: string | null;
  parentId: string | null;
  /** Null once deleted: the comment stays in the thread as "deleted" so replies keep their place. */
  body: string | null;
  quote: TextQuote | null;
  author: CommentAuthor | null;
  /** How the author chose to be shown: by name, by organisation only, or anonymously. */
  attribution: Attribution;
  /** BCP 47 tag of the language it is written in, e.g. "fr". */
  language: string;
  /** The author's stakeholder group when they wrote it, not today's. */
  stakeholderGroup: StakeholderGroup;
  /** The version number the comment was written against. */
  versionNumber: number;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** True when the paragraph's text has changed since the version the comment was written on. */
  paragraphChangedSince: boolean;
  /** Set when a rapporteur recorded an intervention made in the room. */
  recordedByRapporteur: boolean;
  disposition: Disposition;
  dispositionNote: string | null;
  /** "Accepted in vN": the version that answered it. */
  answeredInVersion: number | null;
  endorsements: EndorsementCounts;
  /** Whether the signed-in reader has endorsed it; false for anonymous readers. */
  endorsedByMe: boolean;
  /** Whether a coordinator has checked the author's stakeholder group; unverified groups are "self-declared". */
  groupVerified: boolean;
  /**
   * Hidden by moderators (or by enough reports) until reviewed. Readers who are not editors then
   * get no body, quote, proposed text or author, only `hiddenReason`; editors get it all, marked hidden.
   */
  hidden: boolean;
  hiddenReason: string | null;
  /** Whether the signed-in reader has reported it; false for anonymous readers. */
  reportedByMe: boolean;
}

export interface CommentThreadView extends CommentView {
  replies: CommentView[];
}

export type CommentOrder = 'newest' | 'oldest';

export interface CommentPage {
  items: CommentThreadView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CreateCommentRequest {
  body: string;
  quote?: TextQuote;
  /** Further paragraphs the comment concerns (e.g. 37, 39 and 40); it shows on each, and is triaged once. */
  alsoParagraphs?: string[];
  /** How to show the author; by name when left out. */
  attribution?: Attribution;
  /** BCP 47 tag of the language it is written in (see LANGUAGE_TAG_PATTERN); the interface language when left out. */
  language?: string;
}

export interface CreateReplyRequest {
  body: string;
  attribution?: Attribution;
  /** BCP 47 tag of the language it is written in (see LANGUAGE_TAG_PATTERN); the interface language when left out. */
  language?: string;
}

export interface UpdateCommentRequest {
  body: string;
  /** BCP 47 tag of the language it is written in (see LANGUAGE_TAG_PATTERN); the interface language when left out. */
  language?: string;
}

/** A comment as its author sees it on "My contributions", with what became of it. */
export interface MyCommentView extends CommentView {
  documentSlug: string;
  documentTitle: string;
  /** The paragraph's number in the document's current version ("¶ 12"); null if that version dropped it. */
  paragraphNumber: number | null;
}
