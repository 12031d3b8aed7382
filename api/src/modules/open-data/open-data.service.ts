import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { OPEN_DATA_CASE_STUDY_COLUMNS, OPEN_DATA_CONTRIBUTION_COLUMNS, OPEN_DATA_PAGE_LIMITS } from '@doorway/contracts';
import type { ConsultationPhase, OpenDataCaseStudy, OpenDataContribution, OpenDataContributionPage, OpenDataSchema } from '@doorway/contracts';
import { decodeCursor, encodeCursor } from '../comments/comment-cursor';
import type { CommentCursor } from '../comments/comment-cursor';
import { InvalidCursorException } from '../comments/exceptions/comment.exceptions';
import { canSeeDocument } from '../documents/documents.service';
import { DocumentNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { caseStudyCsvRecord, contributionCsvRecord, toOpenDataCaseStudy, toOpenDataContribution } from './open-data.rows';
import type { CaseStudyRow, ContributionRow } from './open-data.rows';

/** Rows read per statement while streaming a download: memory stays flat whatever the document's size. */
export const STREAM_BATCH = 1_000;

interface OpenDocument {
  id: string;
  slug: string;
}

/**
 * Public, non-deleted comments, replies and suggestions, in (created_at, id) order after `$2, $3`.
 * The page's keys are chosen from contributions alone, then joined, so each batch sorts narrow rows.
 * Only display names and organisations are read from users; a recorded intervention reads as its speaker.
 */
const CONTRIBUTIONS_PAGE = `
  WITH page AS (
    SELECT c.id
      FROM contributions c
     WHERE c.document_id = $1
       AND c.kind IN ('comment', 'reply', 'suggestion')
       AND c.deleted_at IS NULL
       AND c.hidden_at IS NULL
       AND ($2::timestamptz IS NULL OR (c.created_at, c.id) > ($2::timestamptz, $3::uuid))
     ORDER BY c.created_at, c.id
     LIMIT $4
  )
  SELECT c.id, c.kind, d.slug AS document, p.key AS paragraph_key, c.parent_id,
         c.created_at, c.created_at::text AS cursor_at, c.edited_at, c.author_group,
         CASE WHEN c.recorded_by_id IS NOT NULL THEN c.speaker_name
              WHEN c.attribution = 'named' THEN u.display_name END AS author_name,
         CASE WHEN c.recorded_by_id IS NOT NULL THEN c.speaker_organisation
              WHEN c.attribution IN ('named', 'organisation') THEN u.organisation END AS author_organisation,
         c.recorded_by_id IS NOT NULL AS recorded,
         c.body, c.language, c.proposed_text, c.quote_exact, v.number AS version_number,
         c.disposition, c.disposition_note, c.answered_in_version,
         (SELECT array_agg(p2.key ORDER BY p2.id <> c.paragraph_id, p2.key)
            FROM contribution_paragraphs cp2 JOIN paragraphs p2 ON p2.id = cp2.paragraph_id
           WHERE cp2.contribution_id = c.id) AS paragraph_keys,
         (SELECT json_object_agg(x.g, x.n) FROM (SELECT e.user_group AS g, count(*)::int AS n FROM endorsements e
           WHERE e.contribution_id = c.id GROUP BY e.user_group) x) AS endorsements
    FROM page
    JOIN contributions c ON c.id = page.id
    JOIN documents d ON d.id = c.document_id
    JOIN users u ON u.id = c.author_id
    JOIN document_versions v ON v.id = c.version_id
    LEFT JOIN paragraphs p ON p.id = c.paragraph_id
   ORDER BY c.created_at, c.id`;

/** Accepted case studies only (acceptance requires the submitter's consent to publish). */
const CASE_STUDIES = `
  SELECT cs.id, cs.title, cs.region, cs.year_from, cs.year_to, cs.domains::text[] AS domains,
         cs.stakeholder_groups::text[] AS stakeholder_groups, cs.closed_door, cs.what_opened, cs.outcome, cs.lessons,
         cs.links, cs.paragraph_keys, cs.attribution, u.display_name AS author_name, u.organisation AS author_organisation,
         cs.author_group, cs.decided_at, cs.included_in_version, cs.language
    FROM case_studies cs
    JOIN users u ON u.id = cs.author_id
   WHERE cs.document_id = $1 AND cs.status = 'accepted' AND cs.consent_to_publish
   ORDER BY cs.decided_at NULLS LAST, cs.id`;

/**
 * Open data of a document, for anyone: the same visibility rule as reading the document (a
 * draft-phase document is "not found" except to editors), then only what is public.
 */
@Injectable()
export class OpenDataService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  schema(): OpenDataSchema {
    return { contributions: OPEN_DATA_CONTRIBUTION_COLUMNS, caseStudies: OPEN_DATA_CASE_STUDY_COLUMNS };
  }

  /** The access check; call it before a download starts, so a refusal is an ordinary JSON error. */
  async document(user: UserEntity | null, slug: string): Promise<OpenDocument> {
    const [row]: { id: string; slug: string; phase: ConsultationPhase }[] = await this.db.query(
      'SELECT id, slug, phase FROM documents WHERE slug = $1',
      [slug],
    );
    if (!row || !canSeeDocument(user, row.phase)) throw new DocumentNotFoundException(slug);
    return { id: row.id, slug: row.slug };
  }

  async contributionsPage(user: UserEntity | null, slug: string, cursor: string | undefined, limit?: number): Promise<OpenDataContributionPage> {
    let after: CommentCursor | null = null;
    if (cursor !== undefined) {
      after = decodeCursor(cursor);
      if (!after) throw new InvalidCursorException();
    }
    const document = await this.document(user, slug);
    const size = limit ?? OPEN_DATA_PAGE_LIMITS.defaultSize;
    const rows = await this.readContributions(document.id, after, size + 1);
    const page = rows.slice(0, size);
    const last = page[page.length - 1];
    return {
      items: page.map(toOpenDataContribution),
      nextCursor: rows.length > size && last ? encodeCursor({ createdAt: last.cursor_at, id: last.id }) : null,
    };
  }

  /** Every public contribution, read in keyset batches as the consumer asks for more. */
  async *contributions(document: OpenDocument, batch = STREAM_BATCH): AsyncGenerator<OpenDataContribution> {
    let after: CommentCursor | null = null;
    for (;;) {
      const rows = await this.readContributions(document.id, after, batch);
      for (const row of rows) yield toOpenDataContribution(row);
      const last = rows[rows.length - 1];
      if (rows.length < batch || !last) return;
      after = { createdAt: last.cursor_at, id: last.id };
    }
  }

  async caseStudies(document: OpenDocument): Promise<OpenDataCaseStudy[]> {
    const rows: CaseStudyRow[] = await this.db.query(CASE_STUDIES, [document.id]);
    return rows.map(toOpenDataCaseStudy);
  }

  contributionsCsv(document: OpenDocument): Readable {
    const columns = OPEN_DATA_CONTRIBUTION_COLUMNS.map((c) => c.name);
    return toCsv(mapItems(this.contributions(document), contributionCsvRecord), columns);
  }

  contributionsJson(document: OpenDocument): Readable {
    return Readable.from(jsonArray(this.contributions(document)));
  }

  caseStudiesCsv(document: OpenDocument): Readable {
    const columns = OPEN_DATA_CASE_STUDY_COLUMNS.map((c) => c.name);
    return toCsv(mapItems(this.caseStudiesIterable(document), caseStudyCsvRecord), columns);
  }

  caseStudiesJson(document: OpenDocument): Readable {
    return Readable.from(jsonArray(this.caseStudiesIterable(document)));
  }

  private async *caseStudiesIterable(document: OpenDocument): AsyncGenerator<OpenDataCaseStudy> {
    yield* await this.caseStudies(document);
  }

  private readContributions(documentId: string, after: CommentCursor | null, limit: number): Promise<ContributionRow[]> {
    return this.db.query(CONTRIBUTIONS_PAGE, [documentId, after?.createdAt ?? null, after?.id ?? null, limit]);
  }
}

async function* mapItems<T, R>(source: AsyncIterable<T>, map: (item: T) => R): AsyncGenerator<R> {
  for await (const item of source) yield map(item);
}

/** A JSON array written one element at a time. */
export async function* jsonArray(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const item of items) {
    yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']' : '\n]\n';
}

/** UTF-8 CSV with a byte-order mark (so spreadsheets read accents and Arabic) and a header row. */
export function toCsv(records: AsyncIterable<string[]>, columns: string[]): Readable {
  const csv = stringify({ bom: true, header: true, columns });
  pipeline(Readable.from(records), csv, () => {
    // A failure mid-download destroys the response stream; there is no status left to change.
  });
  return csv;
}
