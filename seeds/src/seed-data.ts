import { submissionProblems } from '@doorway/contracts';
import type { Attribution, CaseStudyFields, CaseStudyStatus, Role, StakeholderGroup, TextQuote } from '@doorway/contracts';
import documentJson from '../data/document.json';
import peopleJson from '../data/people.json';
import commentsJson from '../data/comments.json';
import caseStudiesJson from '../data/case-studies.json';

/** The shapes of the readable files in seeds/data. */
export interface SeedDocument {
  forum: { slug: string; name: string; year: number; description: string };
  document: { slug: string; title: string; summary: string; consultationOpensAt: string; consultationClosesAt: string };
  version: { number: number; label: string; publishedAt: string };
  sections: { key: string; title: string; paragraphs: { key: string; text: string }[] }[];
}

export interface SeedPerson {
  email: string;
  displayName: string;
  organisation: string;
  country: string;
  stakeholderGroup: StakeholderGroup;
  role: Role;
  groupVerified: boolean;
}

export interface SeedComment {
  key: string;
  author: string;
  paragraph: string;
  body: string;
  createdAt: string;
  quote?: TextQuote;
  replyTo?: string;
  /** How the author chose to be shown; by name when left out. */
  attribution?: Attribution;
}

export interface SeedCaseStudy extends CaseStudyFields {
  key: string;
  submitter: string;
  status: Extract<CaseStudyStatus, 'draft' | 'submitted' | 'accepted' | 'declined'>;
  createdAt: string;
  reviewMessage?: string;
}

export interface SeedData {
  document: SeedDocument;
  people: SeedPerson[];
  comments: SeedComment[];
  caseStudies: SeedCaseStudy[];
}

export const BPF_2016: SeedData = {
  document: documentJson as SeedDocument,
  people: peopleJson as SeedPerson[],
  comments: commentsJson as SeedComment[],
  caseStudies: caseStudiesJson as SeedCaseStudy[],
};

/** Problems that would make the seed load wrong data; empty when the files are consistent. */
export function checkSeedData(data: SeedData): string[] {
  const problems: string[] = [];
  const texts = new Map<string, string>();
  for (const section of data.document.sections) {
    for (const paragraph of section.paragraphs) {
      if (texts.has(paragraph.key)) problems.push(`paragraph key ${paragraph.key} is used twice`);
      texts.set(paragraph.key, paragraph.text);
    }
  }
  const emails = new Set(data.people.map((p) => p.email));
  const seen = new Map<string, SeedComment>();
  for (const comment of data.comments) {
    const text = texts.get(comment.paragraph);
    if (text === undefined) problems.push(`${comment.key}: unknown paragraph ${comment.paragraph}`);
    if (!emails.has(comment.author)) problems.push(`${comment.key}: unknown author ${comment.author}`);
    if (comment.quote && text !== undefined && !text.includes(comment.quote.exact)) {
      problems.push(`${comment.key}: the quote does not occur in ${comment.paragraph}`);
    }
    if (comment.replyTo) {
      const parent = seen.get(comment.replyTo);
      if (!parent) problems.push(`${comment.key}: replies to ${comment.replyTo}, which does not come before it`);
      else if (parent.replyTo) problems.push(`${comment.key}: replies to a reply`);
      else if (parent.paragraph !== comment.paragraph) problems.push(`${comment.key}: reply on another paragraph`);
    }
    seen.set(comment.key, comment);
  }
  const studyKeys = new Set<string>();
  for (const study of data.caseStudies) {
    if (studyKeys.has(study.key)) problems.push(`case study key ${study.key} is used twice`);
    studyKeys.add(study.key);
    if (!emails.has(study.submitter)) problems.push(`${study.key}: unknown submitter ${study.submitter}`);
    for (const key of study.paragraphKeys) if (!texts.has(key)) problems.push(`${study.key}: unknown paragraph ${key}`);
    // Whatever left the draft stage must meet the same rules as a real submission.
    if (study.status !== 'draft') {
      for (const p of submissionProblems(study, 2016)) problems.push(`${study.key}: ${p.field} ${p.problems.join(', ')}`);
    }
  }
  return problems;
}
