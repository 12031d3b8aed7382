import type { StakeholderGroup } from './stakeholder-groups';

/** The cybersecurity domains a case study can belong to. */
export const CASE_STUDY_DOMAINS = [
  'cybercrime',
  'national_security_norms',
  'critical_infrastructure',
  'capacity_building',
  'incident_response',
  'vulnerability_disclosure',
  'human_rights_encryption',
  'awareness',
  'other',
] as const;
export type CaseStudyDomain = (typeof CASE_STUDY_DOMAINS)[number];

export const CASE_STUDY_DOMAIN_LABELS: Readonly<Record<CaseStudyDomain, string>> = {
  cybercrime: 'Cybercrime and investigations',
  national_security_norms: 'National security and norms',
  critical_infrastructure: 'Critical infrastructure protection',
  capacity_building: 'Capacity building',
  incident_response: 'Incident response and CERTs',
  vulnerability_disclosure: 'Vulnerability disclosure',
  human_rights_encryption: 'Human rights and encryption',
  awareness: 'Awareness',
  other: 'Other',
};

/** UN M49 regions a case study can name instead of a country. */
export const UN_REGIONS = {
  '001': 'World',
  '002': 'Africa',
  '019': 'Americas',
  '142': 'Asia',
  '150': 'Europe',
  '009': 'Oceania',
  '419': 'Latin America and the Caribbean',
  '021': 'Northern America',
  '015': 'Northern Africa',
  '202': 'Sub-Saharan Africa',
  '145': 'Western Asia',
  '034': 'Southern Asia',
  '035': 'South-eastern Asia',
  '030': 'Eastern Asia',
  '143': 'Central Asia',
} as const;
export type UnRegionCode = keyof typeof UN_REGIONS;

/** A region is an ISO 3166-1 alpha-2 country code (e.g. `NG`) or a UN M49 region code (e.g. `002`). */
export const REGION_PATTERN = /^([A-Z]{2}|\d{3})$/;

export const CASE_STUDY_STATUSES = ['draft', 'submitted', 'in_review', 'changes_requested', 'accepted', 'declined'] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

export const ATTRIBUTIONS = ['named', 'organisation', 'anonymous'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const CASE_STUDY_LIMITS = {
  title: { min: 5, max: 200 },
  part: { min: 20, max: 5_000 },
  links: { max: 10, urlMax: 2_000, titleMax: 200 },
  stakeholderGroups: { min: 2 },
  domains: { min: 1 },
  paragraphs: { max: 20 },
  years: { min: 1990 },
  message: { min: 5, max: 2_000 },
} as const;

export interface CaseStudyLink {
  url: string;
  title?: string;
}

/** The four free-text parts, named as the form asks them. */
export interface CaseStudyStory {
  /** The closed door: what blocked dialogue. */
  closedDoor: string;
  /** What opened it: the action that changed things. */
  whatOpened: string;
  outcome: string;
  lessons: string;
}

/** Everything the submitter writes. Drafts may leave any of it empty; submission needs it complete. */
export interface CaseStudyFields extends CaseStudyStory {
  title: string;
  region: string;
  yearFrom: number | null;
  yearTo: number | null;
  domains: CaseStudyDomain[];
  stakeholderGroups: StakeholderGroup[];
  links: CaseStudyLink[];
  /** Keys of the draft's paragraphs it relates to. */
  paragraphKeys: string[];
  consentToPublish: boolean;
  attribution: Attribution;
  /** BCP 47 tag of the language the story is written in, e.g. "es". */
  language: string;
}

export type SaveCaseStudyRequest = Partial<CaseStudyFields>;

export type CaseStudyDecision = 'accepted' | 'changes_requested' | 'declined';

export interface DecideCaseStudyRequest {
  decision: CaseStudyDecision;
  /** Required for changes requested and declined: it reaches the submitter. */
  message?: string;
}

export interface CaseStudyTransitionView {
  from: CaseStudyStatus | null;
  to: CaseStudyStatus;
  by: string;
  message: string | null;
  at: string;
}

/** How the public sees the submitter, as they chose. */
export interface CaseStudyAttributionView {
  kind: Attribution;
  name: string | null;
  organisation: string | null;
}

export interface CaseStudyView extends CaseStudyFields {
  id: string;
  status: CaseStudyStatus;
  submittedBy: CaseStudyAttributionView;
  /** The submitter's group when they wrote it. */
  submitterGroup: StakeholderGroup;
  /** Present for the submitter and editors only. */
  reviewMessage: string | null;
  assignedEditor: string | null;
  includedInVersion: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  /** Present for the submitter and editors only. */
  transitions?: CaseStudyTransitionView[];
}

export interface CaseStudyCard {
  id: string;
  title: string;
  region: string;
  yearFrom: number | null;
  yearTo: number | null;
  domains: CaseStudyDomain[];
  stakeholderGroups: StakeholderGroup[];
  /** The opening of "what opened it", for the gallery card. */
  excerpt: string;
  /** BCP 47 tag of the language it is written in. */
  language: string;
  submittedBy: CaseStudyAttributionView;
  status: CaseStudyStatus;
  updatedAt: string;
}

export interface FacetCount<T extends string = string> {
  value: T;
  count: number;
}

export interface CaseStudyGallery {
  items: CaseStudyCard[];
  total: number;
  facets: {
    domain: FacetCount<CaseStudyDomain>[];
    region: FacetCount[];
    group: FacetCount<StakeholderGroup>[];
    year: FacetCount[];
  };
  nextCursor: string | null;
}
