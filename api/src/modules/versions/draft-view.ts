import { isStakeholderGroup } from '@doorway/contracts';
import type { DraftParagraphView, DraftView, ProvenanceRef, StakeholderGroup } from '@doorway/contracts';
import { alignParagraphs, draftChange } from './alignment';
import { generateChangelog } from './changelog';
import { placed, refsOf } from './version-queries';
import type { RevisionRow } from './version-queries';

export interface DraftParts {
  documentSlug: string;
  number: number;
  /** 0 when the draft is the first version (based on nothing). */
  baseNumber: number;
  lockVersion: number;
  label: string;
  changelog: string;
  updatedAt: Date;
  sections: { key: string; title: string }[];
  draft: RevisionRow[];
  base: RevisionRow[];
  refs: Map<string, ProvenanceRef>;
}

/**
 * The draft as the editor sees it: each paragraph beside its base (text, section, number), its
 * change marker, who shaped it, the base paragraphs it dropped, and a changelog written from all
 * of that. Only provenance added in this draft (not carried over from the base revision) counts
 * as what a change answers.
 */
export function buildDraftView(parts: DraftParts): DraftView {
  const baseByKey = new Map(parts.base.map((row) => [row.key, row]));
  const aligned = alignParagraphs(parts.base.map(placed), parts.draft.map(placed));
  const alignedByKey = new Map(aligned.filter((a) => a.to).map((a) => [a.key, a]));
  const titles = new Map(parts.sections.map((s) => [s.key, s.title]));

  const sections = parts.sections.map((section) => ({ key: section.key, title: section.title, paragraphs: [] as DraftParagraphView[] }));
  const sectionByKey = new Map(sections.map((s) => [s.key, s]));
  for (const row of parts.draft) {
    const base = baseByKey.get(row.key) ?? null;
    const paragraph = alignedByKey.get(row.key);
    sectionByKey.get(row.section_key)?.paragraphs.push({
      key: row.key,
      text: row.text,
      provenance: row.contribution_ids,
      caseStudyId: row.case_study_id,
      number: row.position,
      baseText: base?.text ?? null,
      baseSection: base?.section_key ?? null,
      baseNumber: base?.position ?? null,
      change: paragraph ? draftChange(paragraph) : 'added',
      provenanceRefs: refsOf(row, parts.refs),
    });
  }

  const draftByKey = new Map(parts.draft.map((row) => [row.key, row]));
  const generatedChangelog = generateChangelog(
    aligned.map((paragraph) => {
      const row = draftByKey.get(paragraph.key);
      const base = baseByKey.get(paragraph.key);
      const carried = new Set(base?.contribution_ids ?? []);
      const answering = (row?.contribution_ids ?? [])
        .filter((id) => !carried.has(id))
        .flatMap((id): StakeholderGroup[] => {
          const group = parts.refs.get(id)?.stakeholderGroup;
          return isStakeholderGroup(group) ? [group] : [];
        });
      const newStudy = row?.case_study_id && row.case_study_id !== base?.case_study_id ? parts.refs.get(row.case_study_id) : undefined;
      return {
        paragraph,
        sectionTitle: paragraph.to ? (titles.get(paragraph.to.section) ?? null) : null,
        answering,
        caseStudyTitle: newStudy?.excerpt ?? null,
      };
    }),
  );

  return {
    documentSlug: parts.documentSlug,
    number: parts.number,
    baseNumber: parts.baseNumber,
    lockVersion: parts.lockVersion,
    label: parts.label,
    changelog: parts.changelog,
    generatedChangelog,
    sections,
    deleted: aligned.flatMap((a) => (!a.to && a.from ? [{ key: a.key, text: a.from.text, baseNumber: a.from.number }] : [])),
    updatedAt: parts.updatedAt.toISOString(),
  };
}
