import { emptyGroupCounts } from '@doorway/contracts';
import type { CommentThreadView, CommentView, CurrentUser, ParagraphView } from '@doorway/contracts';

/** Test data shared by the specs (not part of the app bundle: only specs import it). */
export const CIVIL_USER: CurrentUser = {
  id: 'u-civil',
  email: 'civil1@doorway.test',
  displayName: 'Amina Civil',
  organisation: 'Open Net',
  country: 'KE',
  stakeholderGroup: 'civil_society',
  groupVerified: false,
  role: 'participant',
};

export const PARAGRAPH: ParagraphView = {
  key: 'p-key-5',
  number: 5,
  text: 'Cybersecurity is a shared responsibility of all stakeholders, and no single group can secure the Internet.',
  commentCount: 1,
  commentsByGroup: { ...emptyGroupCounts(), government: 1 },
  caseStudies: [],
};

let seq = 0;

export function comment(overrides: Partial<CommentView> = {}): CommentView {
  seq++;
  return {
    id: `c-${seq}`,
    paragraphKey: PARAGRAPH.key,
    parentId: null,
    body: `Comment number ${seq}`,
    quote: null,
    author: { id: 'u-gov', displayName: 'Gabriel Gov', organisation: 'Ministry of ICT' },
    stakeholderGroup: 'government',
    versionNumber: 1,
    createdAt: '2016-10-01T10:00:00.000Z',
    editedAt: null,
    deleted: false,
    ...overrides,
  };
}

export function thread(overrides: Partial<CommentThreadView> = {}): CommentThreadView {
  return { ...comment(overrides), replies: overrides.replies ?? [] };
}
