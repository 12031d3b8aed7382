import type { StakeholderGroup } from './stakeholder-groups';

/** A quoted passage, as in the W3C Web Annotation TextQuoteSelector. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface CommentAuthor {
  id: string;
  displayName: string;
  organisation: string | null;
}

export interface CommentView {
  id: string;
  paragraphKey: string;
  parentId: string | null;
  /** Null once deleted: the comment stays in the thread as "deleted" so replies keep their place. */
  body: string | null;
  quote: TextQuote | null;
  author: CommentAuthor | null;
  /** The author's stakeholder group when they wrote it, not today's. */
  stakeholderGroup: StakeholderGroup;
  /** The version number the comment was written against. */
  versionNumber: number;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
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
}

export interface CreateReplyRequest {
  body: string;
}

export interface UpdateCommentRequest {
  body: string;
}

/** A comment as its author sees it on "My contributions", with what became of it. */
export interface MyCommentView extends CommentView {
  documentSlug: string;
  documentTitle: string;
  /** Pending until an editor triages it. */
  disposition: string;
}
