import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { emptyGroupCounts, isStakeholderGroup } from '@doorway/contracts';
import type { DocumentSummary, DocumentVersionView, SectionView } from '@doorway/contracts';
import { DocumentNotFoundException, NoPublishedVersionException } from './exceptions/document.exceptions';

interface SummaryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  forum_slug: string;
  forum_name: string;
  consultation_opens_at: Date | null;
  consultation_closes_at: Date | null;
  version_id: string | null;
  version_number: number | null;
  version_label: string | null;
  version_published_at: Date | null;
  comment_count: string;
}

interface ParagraphRow {
  section_key: string;
  section_title: string;
  key: string;
  position: number;
  text: string;
  counts: Record<string, number> | null;
  case_studies: { id: string; title: string }[] | null;
}

/** Comments and replies that are still visible count; deleted ones do not. */
const COUNTED = `c.kind IN ('comment', 'reply') AND c.deleted_at IS NULL`;

const SUMMARY_SELECT = `
  SELECT d.id, d.slug, d.title, d.summary, f.slug AS forum_slug, f.name AS forum_name,
         d.consultation_opens_at, d.consultation_closes_at,
         v.id AS version_id, v.number AS version_number, v.label AS version_label, v.published_at AS version_published_at,
         (SELECT count(*) FROM contributions c WHERE c.document_id = d.id AND ${COUNTED}) AS comment_count
    FROM documents d
    JOIN forums f ON f.id = d.forum_id
    LEFT JOIN document_versions v ON v.id = d.current_version_id`;

/** Reading is open to everyone, so these methods take no user and check nothing. */
@Injectable()
export class DocumentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<DocumentSummary[]> {
    const rows: SummaryRow[] = await this.db.query(`${SUMMARY_SELECT} ORDER BY f.year DESC, d.title`);
    return rows.map(toSummary);
  }

  /** The current version in two statements: the document, then its paragraphs with counts by group. */
  async current(slug: string): Promise<DocumentVersionView> {
    const [row]: SummaryRow[] = await this.db.query(`${SUMMARY_SELECT} WHERE d.slug = $1`, [slug]);
    if (!row) throw new DocumentNotFoundException(slug);
    if (!row.version_id || row.version_number === null) throw new NoPublishedVersionException(slug);

    const paragraphs: ParagraphRow[] = await this.db.query(
      `SELECT s.key AS section_key, s.title AS section_title, p.key, r.position, r.text, counts.by_group AS counts,
              (SELECT json_agg(json_build_object('id', cs.id, 'title', cs.title) ORDER BY cs.title)
                 FROM case_studies cs
                WHERE cs.document_id = $2 AND cs.status = 'accepted' AND cs.paragraph_keys @> ARRAY[p.key]::varchar[]) AS case_studies
         FROM paragraph_revisions r
         JOIN version_sections s ON s.id = r.section_id
         JOIN paragraphs p ON p.id = r.paragraph_id
         LEFT JOIN (
           SELECT g.paragraph_id, jsonb_object_agg(g.author_group, g.n) AS by_group
             FROM (SELECT c.paragraph_id, c.author_group, count(*)::int AS n
                     FROM contributions c
                    WHERE c.document_id = $2 AND ${COUNTED}
                    GROUP BY c.paragraph_id, c.author_group) g
            GROUP BY g.paragraph_id
         ) counts ON counts.paragraph_id = p.id
        WHERE r.version_id = $1
        ORDER BY r.position`,
      [row.version_id, row.id],
    );

    const sections: SectionView[] = [];
    for (const paragraph of paragraphs) {
      let section = sections[sections.length - 1];
      if (!section || section.key !== paragraph.section_key) {
        section = { key: paragraph.section_key, title: paragraph.section_title, paragraphs: [] };
        sections.push(section);
      }
      const commentsByGroup = emptyGroupCounts();
      for (const [group, n] of Object.entries(paragraph.counts ?? {})) {
        if (isStakeholderGroup(group)) commentsByGroup[group] = n;
      }
      section.paragraphs.push({
        key: paragraph.key,
        number: paragraph.position,
        text: paragraph.text,
        commentCount: Object.values(commentsByGroup).reduce((a, b) => a + b, 0),
        commentsByGroup,
        caseStudies: paragraph.case_studies ?? [],
      });
    }
    const document = toSummary(row);
    return { document, version: document.currentVersion ?? { number: row.version_number, label: '', publishedAt: null }, sections };
  }
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    forum: { slug: row.forum_slug, name: row.forum_name },
    consultationOpensAt: row.consultation_opens_at?.toISOString() ?? null,
    consultationClosesAt: row.consultation_closes_at?.toISOString() ?? null,
    currentVersion:
      row.version_number === null
        ? null
        : { number: row.version_number, label: row.version_label ?? '', publishedAt: row.version_published_at?.toISOString() ?? null },
    commentCount: Number(row.comment_count),
  };
}
