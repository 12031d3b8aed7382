import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole } from '@doorway/contracts';
import type { Disposition, DispositionChangeView, StakeholderGroup, TriageItem, TriageKind, TriagePage } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../common/sql/offset-cursor';
import { parsePgArray } from '../../common/sql/pg-array';
import { recordAudit } from '../audit/audit-log';
import { endorsementCounts } from '../comments/comment-view';
import { DocumentNotFoundException } from '../documents/exceptions/document.exceptions';
import { publishLiveEvent } from '../live/live-events';
import type { UserEntity } from '../users/entities/user.entity';
import type { BulkDispositionDto, SetDispositionDto, TriageQuery } from './dto/triage.dto';
import { ContributionNotFoundException, ForeignContributionsException, InvalidDuplicateException } from './exceptions/triage.exceptions';

interface TriageRow {
  id: string;
  kind: TriageKind;
  paragraph_keys: string[] | string | null;
  author_group: StakeholderGroup;
  author_name: string;
  recorded_by: string | null;
  excerpt: string;
  proposed_text: string | null;
  created_at: Date;
  disposition: Disposition;
  disposition_note: string | null;
  duplicate_of_id: string | null;
  answered_in_version: number | null;
  endorsements: Record<string, number> | null;
  endorsement_total: number;
  total: string;
}

/** A contribution or case study locked for a change of disposition, with the paragraphs it concerns (primary first). */
interface LockedItem {
  document_id: string;
  disposition: Disposition;
  paragraph_keys: string[] | string | null;
}

/** Contributions and case studies read as one list; `$1` is the document id. */
const QUEUE = `
  SELECT c.id, c.kind::text AS kind, c.document_id,
         (SELECT array_agg(p.key ORDER BY p.key) FROM contribution_paragraphs cp JOIN paragraphs p ON p.id = cp.paragraph_id
           WHERE cp.contribution_id = c.id) AS paragraph_keys,
         c.author_group, coalesce(c.speaker_name, u.display_name) AS author_name,
         CASE WHEN c.recorded_by_id IS NOT NULL THEN u.display_name END AS recorded_by,
         left(c.body, 400) AS excerpt, c.proposed_text, c.created_at, c.disposition, c.disposition_note,
         c.duplicate_of_id, c.answered_in_version,
         (SELECT json_object_agg(x.g, x.n) FROM (SELECT e.user_group AS g, count(*)::int AS n FROM endorsements e
            WHERE e.contribution_id = c.id GROUP BY e.user_group) x) AS endorsements,
         (SELECT count(*)::int FROM endorsements e WHERE e.contribution_id = c.id) AS endorsement_total
    FROM contributions c JOIN users u ON u.id = c.author_id
   WHERE c.document_id = $1 AND c.deleted_at IS NULL AND c.kind IN ('comment', 'reply', 'suggestion')
  UNION ALL
  SELECT cs.id, 'case_study', cs.document_id, cs.paragraph_keys::text[], cs.author_group, u.display_name, NULL,
         cs.title, NULL, coalesce(cs.submitted_at, cs.created_at), cs.disposition, cs.disposition_note,
         NULL, cs.included_in_version, NULL, 0
    FROM case_studies cs JOIN users u ON u.id = cs.author_id
   WHERE cs.document_id = $1 AND cs.status <> 'draft'`;

/** Editors (and coordinators) triage; every change of disposition is kept with who, when, from and to. */
@Injectable()
export class TriageService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async queue(user: UserEntity, slug: string, query: TriageQuery): Promise<TriagePage> {
    this.requireEditor(user);
    const documentId = await this.documentId(slug);
    const params: unknown[] = [documentId];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.paragraph) add((p) => `${p} = ANY(q.paragraph_keys)`, query.paragraph);
    if (query.group) add((p) => `q.author_group = ${p}::stakeholder_group`, query.group);
    if (query.kind) add((p) => `q.kind = ${p}`, query.kind);
    if (query.disposition) add((p) => `q.disposition = ${p}::disposition`, query.disposition);
    if (query.from) add((p) => `q.created_at >= ${p}::timestamptz`, query.from);
    if (query.to) add((p) => `q.created_at < ${p}::timestamptz`, query.to);
    if (query.minEndorsements) add((p) => `q.endorsement_total >= ${p}::int`, query.minEndorsements);
    const limit = query.limit ?? 50;
    const offset = decodeOffsetCursor(query.cursor);
    params.push(limit + 1, offset);
    const rows: TriageRow[] = await this.db.query(
      `SELECT q.*, count(*) OVER () AS total FROM (${QUEUE}) q
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY q.created_at DESC, q.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.slice(0, limit).map(toItem),
      total: Number(rows[0]?.total ?? 0),
      nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
    };
  }

  async setDisposition(user: UserEntity, id: string, body: SetDispositionDto): Promise<TriageItem> {
    this.requireEditor(user);
    const documentId = await this.db.transaction((tx) => this.apply(tx, user, id, body));
    return this.item(documentId, id);
  }

  async bulk(user: UserEntity, slug: string, body: BulkDispositionDto): Promise<{ updated: number }> {
    this.requireEditor(user);
    const documentId = await this.documentId(slug);
    const found: { id: string }[] = await this.db.query(
      `SELECT id FROM contributions WHERE document_id = $1 AND id = ANY($2::uuid[])
       UNION SELECT id FROM case_studies WHERE document_id = $1 AND id = ANY($2::uuid[])`,
      [documentId, body.ids],
    );
    const foreign = body.ids.filter((id) => !found.some((f) => f.id === id));
    if (foreign.length) throw new ForeignContributionsException(foreign);
    // All or nothing: one bad item (e.g. a duplicate of itself) leaves every disposition as it was.
    await this.db.transaction(async (tx) => {
      for (const id of body.ids) await this.apply(tx, user, id, body);
    });
    return { updated: body.ids.length };
  }

  async history(user: UserEntity, id: string): Promise<DispositionChangeView[]> {
    this.requireEditor(user);
    const rows: { from_disposition: Disposition; to_disposition: Disposition; note: string | null; by: string; created_at: Date }[] =
      await this.db.query(
        `SELECT d.from_disposition, d.to_disposition, d.note, u.display_name AS by, d.created_at
           FROM disposition_changes d JOIN users u ON u.id = d.actor_id
          WHERE d.contribution_id = $1 OR d.case_study_id = $1 ORDER BY d.id`,
        [id],
      );
    return rows.map((r) => ({ from: r.from_disposition, to: r.to_disposition, note: r.note, by: r.by, at: r.created_at.toISOString() }));
  }

  /** Sets one disposition inside the caller's transaction and records the change; returns the document id. */
  private async apply(tx: EntityManager, user: UserEntity, id: string, body: SetDispositionDto): Promise<string> {
    const [contribution]: LockedItem[] = await tx.query(
      `SELECT c.document_id, c.disposition,
              (SELECT array_agg(p.key ORDER BY p.id = c.paragraph_id DESC, p.key)
                 FROM contribution_paragraphs cp JOIN paragraphs p ON p.id = cp.paragraph_id
                WHERE cp.contribution_id = c.id) AS paragraph_keys
         FROM contributions c
        WHERE c.id = $1 AND c.kind <> 'case_study' AND c.deleted_at IS NULL FOR UPDATE`,
      [id],
    );
    const target = contribution ? { table: 'contributions' as const, ...contribution } : undefined;
    const found = target ?? (await this.lockCaseStudy(tx, id));
    if (!found) throw new ContributionNotFoundException(id);
    if (body.disposition === 'duplicate') {
      if (!body.duplicateOf) throw new InvalidDuplicateException('name the original');
      if (body.duplicateOf === id) throw new InvalidDuplicateException('cannot be a duplicate of itself');
      const [original]: { id: string }[] = await tx.query(
        `SELECT id FROM contributions WHERE id = $1 AND document_id = $2
         UNION ALL SELECT id FROM case_studies WHERE id = $1 AND document_id = $2`,
        [body.duplicateOf, found.document_id],
      );
      if (!original) throw new InvalidDuplicateException('is not a contribution of this document');
    }
    const duplicateOf = body.disposition === 'duplicate' ? (body.duplicateOf ?? null) : null;
    if (found.table === 'contributions') {
      await tx.query(
        `UPDATE contributions SET disposition = $2, disposition_note = $3, duplicate_of_id = $4, updated_at = now() WHERE id = $1`,
        [id, body.disposition, body.note ?? null, duplicateOf],
      );
    } else {
      await tx.query(`UPDATE case_studies SET disposition = $2, disposition_note = $3, updated_at = now() WHERE id = $1`, [
        id,
        body.disposition,
        body.note ?? null,
      ]);
    }
    await tx.query(
      `INSERT INTO disposition_changes (contribution_id, case_study_id, from_disposition, to_disposition, note, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [found.table === 'contributions' ? id : null, found.table === 'case_studies' ? id : null, found.disposition, body.disposition,
        body.note ?? null, user.id],
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: 'disposition',
      targetType: found.table === 'contributions' ? 'contribution' : 'case_study',
      targetId: id,
      documentId: found.document_id,
      reason: body.note ?? null,
      details: { from: found.disposition, to: body.disposition, duplicateOf },
    });
    await publishLiveEvent(tx, found.document_id, {
      type: 'disposition',
      contributionId: found.table === 'contributions' ? id : null,
      caseStudyId: found.table === 'case_studies' ? id : null,
      disposition: body.disposition,
      paragraphKeys: parsePgArray(found.paragraph_keys),
    });
    return found.document_id;
  }

  private async lockCaseStudy(tx: EntityManager, id: string) {
    const [row]: LockedItem[] = await tx.query(
      `SELECT document_id, disposition, paragraph_keys::text[] AS paragraph_keys FROM case_studies
        WHERE id = $1 AND status <> 'draft' FOR UPDATE`,
      [id],
    );
    return row ? { table: 'case_studies' as const, ...row } : undefined;
  }

  private async item(documentId: string, id: string): Promise<TriageItem> {
    const [row]: TriageRow[] = await this.db.query(`SELECT q.*, 1 AS total FROM (${QUEUE}) q WHERE q.id = $2`, [documentId, id]);
    if (!row) throw new ContributionNotFoundException(id);
    return toItem(row);
  }

  private async documentId(slug: string): Promise<string> {
    const [doc]: { id: string }[] = await this.db.query('SELECT id FROM documents WHERE slug = $1', [slug]);
    if (!doc) throw new DocumentNotFoundException(slug);
    return doc.id;
  }

  private requireEditor(user: UserEntity): void {
    if (!hasRole(user.role, 'editor')) throw new RoleRequiredException('editor');
  }
}

function toItem(row: TriageRow): TriageItem {
  const keys = parsePgArray(row.paragraph_keys);
  return {
    id: row.id,
    kind: row.kind,
    paragraphKeys: keys,
    stakeholderGroup: row.author_group,
    authorName: row.author_name,
    recordedBy: row.recorded_by,
    excerpt: row.excerpt,
    proposedText: row.proposed_text,
    createdAt: new Date(row.created_at).toISOString(),
    disposition: row.disposition,
    dispositionNote: row.disposition_note,
    duplicateOfId: row.duplicate_of_id,
    answeredInVersion: row.answered_in_version,
    endorsements: endorsementCounts(row.endorsements),
  };
}

