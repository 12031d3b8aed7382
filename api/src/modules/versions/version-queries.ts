import type { EntityManager } from 'typeorm';
import type { ConsultationPhase, Disposition, ProvenanceRef, StakeholderGroup } from '@doorway/contracts';
import type { PlacedParagraph } from './alignment';

/** Shared reads of the versions module; each takes the manager so it can run inside a transaction. */

export interface DocumentRef {
  id: string;
  slug: string;
  phase: ConsultationPhase;
  current_version_id: string | null;
  current_number: number | null;
}

export async function findDocument(m: EntityManager, slug: string): Promise<DocumentRef | undefined> {
  const [row]: DocumentRef[] = await m.query(
    `SELECT d.id, d.slug, d.phase, d.current_version_id, v.number AS current_number
       FROM documents d LEFT JOIN document_versions v ON v.id = d.current_version_id
      WHERE d.slug = $1`,
    [slug],
  );
  return row;
}

export interface VersionRow {
  id: string;
  number: number;
  label: string;
  status: 'draft' | 'published';
  published_at: Date | null;
  changelog: string;
}

export async function findPublishedVersion(m: EntityManager, documentId: string, number: number): Promise<VersionRow | undefined> {
  const [row]: VersionRow[] = await m.query(
    `SELECT id, number, label, status, published_at, changelog FROM document_versions
      WHERE document_id = $1 AND number = $2 AND status = 'published'`,
    [documentId, number],
  );
  return row;
}

/** A revision with its place, its text and what it answers (contribution ids oldest first). */
export interface RevisionRow {
  version_id: string;
  revision_id: string;
  key: string;
  section_key: string;
  section_title: string;
  position: number;
  text: string;
  contribution_ids: string[];
  case_study_id: string | null;
}

/** Every revision of the given versions (or only one paragraph's), in reading order per version, in one statement. */
export async function loadRevisions(m: EntityManager, versionIds: string[], paragraphId: string | null = null): Promise<RevisionRow[]> {
  if (!versionIds.length) return [];
  return m.query(
    `SELECT r.version_id, r.id AS revision_id, p.key, s.key AS section_key, s.title AS section_title, r.position, r.text,
            coalesce(prov.contribution_ids, '{}') AS contribution_ids, prov.case_study_id
       FROM paragraph_revisions r
       JOIN paragraphs p ON p.id = r.paragraph_id
       JOIN version_sections s ON s.id = r.section_id
       LEFT JOIN (
         SELECT rp.revision_id,
                array_agg(rp.contribution_id ORDER BY c.created_at, c.id) FILTER (WHERE rp.contribution_id IS NOT NULL) AS contribution_ids,
                (array_agg(rp.case_study_id ORDER BY rp.case_study_id) FILTER (WHERE rp.case_study_id IS NOT NULL))[1] AS case_study_id
           FROM revision_provenance rp
           JOIN paragraph_revisions pr ON pr.id = rp.revision_id AND pr.version_id = ANY($1::uuid[])
                AND ($2::uuid IS NULL OR pr.paragraph_id = $2::uuid)
           LEFT JOIN contributions c ON c.id = rp.contribution_id
          GROUP BY rp.revision_id
       ) prov ON prov.revision_id = r.id
      WHERE r.version_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR r.paragraph_id = $2::uuid)
      ORDER BY r.version_id, r.position`,
    [versionIds, paragraphId],
  );
}

export function placed(row: RevisionRow): PlacedParagraph {
  return { key: row.key, number: row.position, section: row.section_key, text: row.text };
}

interface RefRow {
  id: string;
  kind: ProvenanceRef['kind'];
  stakeholder_group: StakeholderGroup;
  author_name: string | null;
  disposition: Disposition;
  excerpt: string;
}

/**
 * What readers may know of the contributions and case studies behind revisions. Authors are
 * named as they chose: a case study by its attribution (named, organisation, anonymous); an
 * intervention recorded by a rapporteur by the speaker's name; a deleted comment not at all.
 */
export async function loadProvenanceRefs(m: EntityManager, rows: readonly RevisionRow[]): Promise<Map<string, ProvenanceRef>> {
  const contributionIds = [...new Set(rows.flatMap((r) => r.contribution_ids))];
  const caseStudyIds = [...new Set(rows.flatMap((r) => (r.case_study_id ? [r.case_study_id] : [])))];
  if (!contributionIds.length && !caseStudyIds.length) return new Map();
  const refs: RefRow[] = await m.query(
    `SELECT c.id, c.kind::text AS kind, c.author_group::text AS stakeholder_group,
            CASE WHEN c.deleted_at IS NOT NULL THEN NULL
                 WHEN c.recorded_by_id IS NOT NULL THEN c.speaker_name
                 ELSE u.display_name END AS author_name,
            c.disposition::text AS disposition,
            CASE WHEN c.deleted_at IS NOT NULL THEN '' ELSE left(c.body, 160) END AS excerpt
       FROM contributions c JOIN users u ON u.id = c.author_id
      WHERE c.id = ANY($1::uuid[])
     UNION ALL
     SELECT cs.id, 'case_study', cs.author_group::text,
            CASE cs.attribution WHEN 'named' THEN u.display_name WHEN 'organisation' THEN u.organisation END,
            cs.disposition::text, cs.title
       FROM case_studies cs JOIN users u ON u.id = cs.author_id
      WHERE cs.id = ANY($2::uuid[])`,
    [contributionIds, caseStudyIds],
  );
  return new Map(
    refs.map((r) => [
      r.id,
      { id: r.id, kind: r.kind, stakeholderGroup: r.stakeholder_group, authorName: r.author_name, disposition: r.disposition, excerpt: r.excerpt },
    ]),
  );
}

/** The refs of one revision, in its order: the contributions oldest first, then the case study. */
export function refsOf(row: RevisionRow, refs: Map<string, ProvenanceRef>): ProvenanceRef[] {
  const ids = row.case_study_id ? [...row.contribution_ids, row.case_study_id] : row.contribution_ids;
  return ids.flatMap((id) => {
    const ref = refs.get(id);
    return ref ? [ref] : [];
  });
}
