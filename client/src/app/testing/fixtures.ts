import { emptyGroupCounts } from '@doorway/contracts';
import type {
  CaseStudyCard,
  CaseStudyView,
  CommentThreadView,
  CommentView,
  CurrentUser,
  DiffParagraph,
  DocumentSummary,
  DocumentVersionView,
  ParagraphView,
  VersionSummary,
} from '@doorway/contracts';

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
  shapedBy: null,
};

let seq = 0;

export function comment(overrides: Partial<CommentView> = {}): CommentView {
  seq++;
  return {
    id: `c-${seq}`,
    kind: overrides.parentId ? 'reply' : 'comment',
    paragraphKey: PARAGRAPH.key,
    paragraphKeys: [PARAGRAPH.key],
    proposedText: null,
    parentId: null,
    body: `Comment number ${seq}`,
    language: 'en',
    quote: null,
    author: { id: 'u-gov', displayName: 'Gabriel Gov', organisation: 'Ministry of ICT' },
    attribution: 'named',
    stakeholderGroup: 'government',
    versionNumber: 1,
    createdAt: '2016-10-01T10:00:00.000Z',
    editedAt: null,
    deleted: false,
    paragraphChangedSince: false,
    recordedByRapporteur: false,
    disposition: 'pending',
    dispositionNote: null,
    answeredInVersion: null,
    endorsements: { total: 0, byGroup: emptyGroupCounts() },
    endorsedByMe: false,
    groupVerified: false,
    hidden: false,
    hiddenReason: null,
    reportedByMe: false,
    ...overrides,
  };
}

export function thread(overrides: Partial<CommentThreadView> = {}): CommentThreadView {
  return { ...comment(overrides), replies: overrides.replies ?? [] };
}

export const GOV_USER: CurrentUser = {
  id: 'u-gov',
  email: 'gov1@doorway.test',
  displayName: 'Kwabena Asante-Boateng',
  organisation: 'Ministry of ICT',
  country: 'GH',
  stakeholderGroup: 'government',
  groupVerified: true,
  role: 'participant',
};

export const EDITOR_USER: CurrentUser = {
  id: 'u-editor',
  email: 'editor1@doorway.test',
  displayName: 'Elena Editor',
  organisation: 'BPF secretariat',
  country: 'CH',
  stakeholderGroup: 'intergovernmental',
  groupVerified: true,
  role: 'editor',
};

/** A complete case study, as its submitter sees it (with history). */
export function caseStudyView(overrides: Partial<CaseStudyView> = {}): CaseStudyView {
  return {
    id: 'cs-1',
    title: 'Open briefings between the CERT and the ministry',
    language: 'en',
    region: 'KE',
    yearFrom: 2014,
    yearTo: 2016,
    domains: ['incident_response'],
    stakeholderGroups: ['government', 'technical_community'],
    closedDoor: 'The national CERT and the ministry only ever met during a crisis.',
    whatOpened: 'A monthly open briefing where operators could ask the ministry anything.',
    outcome: 'Incident reports doubled within a year of the first briefing.',
    lessons: 'Regular, unglamorous meetings build the trust a crisis cannot.',
    links: [],
    paragraphKeys: [],
    consentToPublish: true,
    attribution: 'named',
    status: 'draft',
    submittedBy: { kind: 'named', name: GOV_USER.displayName, organisation: GOV_USER.organisation },
    submitterGroup: 'government',
    reviewMessage: null,
    assignedEditor: null,
    includedInVersion: null,
    createdAt: '2016-10-01T10:00:00.000Z',
    updatedAt: '2016-10-02T10:00:00.000Z',
    submittedAt: null,
    decidedAt: null,
    transitions: [{ from: null, to: 'draft', by: GOV_USER.displayName, message: null, at: '2016-10-01T10:00:00.000Z' }],
    ...overrides,
  };
}

export function caseStudyCard(overrides: Partial<CaseStudyCard> = {}): CaseStudyCard {
  return {
    id: 'cs-1',
    title: 'Open briefings between the CERT and the ministry',
    language: 'en',
    region: 'KE',
    yearFrom: 2014,
    yearTo: 2016,
    domains: ['incident_response'],
    stakeholderGroups: ['government', 'technical_community'],
    excerpt: 'A monthly open briefing where operators could ask the ministry anything.',
    submittedBy: { kind: 'organisation', name: null, organisation: 'Ministry of ICT' },
    status: 'accepted',
    updatedAt: '2016-10-02T10:00:00.000Z',
    ...overrides,
  };
}

export const TECH_USER: CurrentUser = {
  id: 'u-tech',
  email: 'tech1@doorway.test',
  displayName: 'Tomás Tech',
  organisation: 'Regional NOG',
  country: 'AR',
  stakeholderGroup: 'technical_community',
  groupVerified: false,
  role: 'participant',
};

export const COORDINATOR_USER: CurrentUser = {
  id: 'u-coordinator',
  email: 'coordinator@doorway.test',
  displayName: 'Chloé Coordinator',
  organisation: 'IGF secretariat',
  country: 'CH',
  stakeholderGroup: 'intergovernmental',
  groupVerified: true,
  role: 'coordinator',
};

export function documentSummary(overrides: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id: 'd-1',
    slug: 'bpf',
    title: 'Creating spaces for multistakeholder dialogue',
    summary: 'What the forum learned.',
    language: 'en',
    forum: { slug: 'bpf-cyber', name: 'BPF Cybersecurity' },
    consultationOpensAt: null,
    consultationClosesAt: null,
    currentVersion: { number: 2, label: 'Draft for public comment', publishedAt: '2016-11-01T10:00:00.000Z' },
    commentCount: 1,
    phase: 'open',
    commentDeadline: null,
    hiddenCount: 0,
    ...overrides,
  };
}

/** A document version with one section: PARAGRAPH (¶ 5) and a second paragraph (¶ 6). */
export function documentView(
  overrides: { document?: Partial<DocumentSummary>; version?: Partial<DocumentVersionView['version']>; paragraphs?: ParagraphView[] } = {},
): DocumentVersionView {
  const version = { number: 2, label: 'Draft for public comment', publishedAt: '2016-11-01T10:00:00.000Z', ...overrides.version };
  return {
    document: documentSummary({ currentVersion: version, ...overrides.document }),
    version,
    liveCursor: null,
    sections: [
      {
        key: 'barriers',
        title: 'Barriers',
        paragraphs: overrides.paragraphs ?? [
          PARAGRAPH,
          { ...PARAGRAPH, key: 'p-key-6', number: 6, text: 'Travel costs keep many away.', commentCount: 0, commentsByGroup: emptyGroupCounts() },
        ],
      },
    ],
  };
}

export function versionSummary(overrides: Partial<VersionSummary> = {}): VersionSummary {
  return {
    number: 1,
    label: 'First draft',
    status: 'published',
    publishedAt: '2016-10-01T10:00:00.000Z',
    changelog: '',
    ...overrides,
  };
}

export function diffParagraph(overrides: Partial<DiffParagraph> = {}): DiffParagraph {
  return {
    key: 'p-key-5',
    change: 'unchanged',
    from: { number: 5, section: 'barriers', text: PARAGRAPH.text },
    to: { number: 5, section: 'barriers', text: PARAGRAPH.text },
    words: [],
    ...overrides,
  };
}
