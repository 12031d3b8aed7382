import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { emptyGroupCounts, hasRole, isStakeholderGroup } from '@doorway/contracts';
import type { ConsultationPhase, DocumentSummary, DocumentVersionView, GroupCounts, SectionView, ShapedBy } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { recordAudit } from '../audit/audit-log';
import { publishLiveEvent } from '../live/live-events';
import type { UserEntity } from '../users/entities/user.entity';
import { PARAGRAPHS_SQL, SUMMARY_SELECT, VIEW_ROW_SQL } from './document-sql';
import { DocumentViewCache } from './document-view-cache';
import type { SerializedView } from './document-view-cache';
import type { SetPhaseDto } from './dto/phase.dto';
import { DocumentNotFoundException, NoPublishedVersionException, VersionNotFoundException } from './exceptions/document.exceptions';

interface SummaryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: string;
  forum_slug: string;
  forum_name: string;
  consultation_opens_at: Date | null;
  consultation_closes_at: Date | null;
  phase: ConsultationPhase;
  comment_deadline: Date | null;
  version_id: string | null;
  version_number: number | null;
  version_label: string | null;
  version_published_at: Date | null;
  comment_count: string;
  hidden_count: number;
  /** The document's change stamp (see DocumentViewCache). */
  view_stamp: string;
}

/** A document as a phase change left it, with what it was before. */
interface PhaseChangeRow {
  id: string;
  phase: ConsultationPhase;
  comment_deadline: Date | null;
  previous_phase: ConsultationPhase;
  previous_deadline: Date | null;
}

/** The summary, plus the published version asked for (the current one unless a number is given). */
interface ViewRow extends SummaryRow {
  view_id: string | null;
  view_number: number | null;
  view_label: string | null;
  view_published_at: Date | null;
}

interface PublishedViewRow extends ViewRow {
  view_id: string;
  view_number: number;
}

interface ParagraphRow {
  section_key: string;
  section_title: string;
  key: string;
  position: number;
  text: string;
  counts: Record<string, number> | null;
  case_studies: { id: string; title: string }[] | null;
  shaped_count: number | null;
  shaped_by_group: Record<string, number> | null;
  /** The same on every row: see DocumentVersionView.liveCursor. */
  live_cursor: string | null;
}

/**
 * Comments, replies and suggestions that still stand count; deleted ones do not. A contribution
 * counts on every paragraph it concerns (contribution_paragraphs), so one about ¶ 37, 39 and 40
 * counts on each of them. Triggers keep these counts (migration ContributionCounters), in
 * shards that are summed here: a read never counts the contributions themselves.
 */



/** Editors and coordinators see documents still in the draft phase; everyone else is told they do not exist. */
export function canSeeDocument(user: UserEntity | null, phase: ConsultationPhase): boolean {
  return phase !== 'draft' || (user !== null && hasRole(user.role, 'editor'));
}

/**
 * Reading is open to everyone except for documents in the draft phase, which only editors see;
 * so the reads take the (possibly anonymous) user.
 */
@Injectable()
export class DocumentsService {
  private readonly inFlight = new Map<string, Promise<ViewRow | undefined>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: DocumentViewCache,
  ) {}

  async list(user: UserEntity | null): Promise<DocumentSummary[]> {
    const editor = user !== null && hasRole(user.role, 'editor');
    const rows: SummaryRow[] = await this.db.query(
      `${SUMMARY_SELECT} ${editor ? '' : `WHERE d.phase <> 'draft'`} ORDER BY f.year DESC, d.title`,
    );
    return rows.map(toSummary);
  }

  /** The current version, serialized (the hottest read of all). */
  current(user: UserEntity | null, slug: string): Promise<SerializedView> {
    return this.readSerialized(user, slug, null);
  }

  /**
   * A published version (the current one when `number` is null) in two statements whatever its
   * size: the document with the version, then its paragraphs with comment counts by group, related
   * case studies and the groups of the contributions each revision answers.
   */
  async read(user: UserEntity | null, slug: string, number: number | null): Promise<DocumentVersionView> {
    return this.build(await this.viewRow(user, slug, number));
  }

  /**
   * The same, serialized, from memory while the document has not changed: one statement (the
   * document with its change stamp) when nothing changed, two when the view must be rebuilt.
   */
  async readSerialized(user: UserEntity | null, slug: string, number: number | null): Promise<SerializedView> {
    const row = await this.viewRow(user, slug, number);
    return this.cache.get(`${row.id}:${row.view_number}`, row.view_stamp, () => this.build(row));
  }

  /** The document and the version asked for, with the visibility checks. */
  private async viewRow(user: UserEntity | null, slug: string, number: number | null): Promise<PublishedViewRow> {
    const row = await this.coalesced(slug, number);
    if (!row || !canSeeDocument(user, row.phase)) throw new DocumentNotFoundException(slug);
    if (!row.view_id || row.view_number === null) {
      if (number !== null) throw new VersionNotFoundException(slug, number);
      throw new NoPublishedVersionException(slug);
    }
    return { ...row, view_id: row.view_id, view_number: row.view_number };
  }

  /**
   * Requests for the same document and version that arrive while its row is being read share
   * that read: under a crowd, the database sees one statement per round trip instead of one per
   * reader. The price: a reader may get a row whose query began up to one round trip before it
   * arrived, so a write committed during that round trip shows at the next read instead.
   */
  private coalesced(slug: string, number: number | null): Promise<ViewRow | undefined> {
    const key = `${slug}:${number ?? ''}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const query = (
      this.db.query(
        VIEW_ROW_SQL,
        [slug, number],
      ) as Promise<ViewRow[]>
    )
      .then((rows) => rows[0])
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, query);
    return query;
  }

  /** Its paragraphs with comment counts by group, related case studies and provenance, in one statement. */
  private async build(row: PublishedViewRow): Promise<DocumentVersionView> {
    const paragraphs: ParagraphRow[] = await this.db.query(
      PARAGRAPHS_SQL,
      [row.view_id, row.id],
    );

    const sections: SectionView[] = [];
    for (const paragraph of paragraphs) {
      let section = sections[sections.length - 1];
      if (!section || section.key !== paragraph.section_key) {
        section = { key: paragraph.section_key, title: paragraph.section_title, paragraphs: [] };
        sections.push(section);
      }
      const commentsByGroup = toGroupCounts(paragraph.counts);
      section.paragraphs.push({
        key: paragraph.key,
        number: paragraph.position,
        text: paragraph.text,
        commentCount: Object.values(commentsByGroup).reduce((a, b) => a + b, 0),
        commentsByGroup,
        caseStudies: paragraph.case_studies ?? [],
        shapedBy: toShapedBy(paragraph.shaped_count, paragraph.shaped_by_group),
      });
    }
    return {
      document: toSummary(row),
      version: { number: row.view_number, label: row.view_label ?? '', publishedAt: row.view_published_at?.toISOString() ?? null },
      sections,
      liveCursor: paragraphs[0]?.live_cursor ?? null,
    };
  }

  /** Coordinators run consultations: they open and close them and set the deadline. */
  async setPhase(user: UserEntity, slug: string, body: SetPhaseDto): Promise<DocumentSummary> {
    if (!hasRole(user.role, 'coordinator')) throw new RoleRequiredException('coordinator');
    const changeDeadline = body.commentDeadline !== undefined;
    await this.db.transaction(async (tx) => {
      // TypeORM answers an UPDATE with [rows, affected].
      // The self-join reads the row as it was before the update, for the audit log.
      const [[updated]]: [PhaseChangeRow[], number] = await tx.query(
        `UPDATE documents d
            SET phase = $2::consultation_phase,
                comment_deadline = CASE WHEN $3::boolean THEN $4::timestamptz ELSE d.comment_deadline END
           FROM documents before
          WHERE d.slug = $1 AND before.id = d.id
          RETURNING d.id, d.phase, d.comment_deadline, before.phase AS previous_phase, before.comment_deadline AS previous_deadline`,
        [slug, body.phase, changeDeadline, body.commentDeadline ?? null],
      );
      if (!updated) throw new DocumentNotFoundException(slug);
      await recordAudit(tx, {
        actorId: user.id,
        action: 'phase_change',
        targetType: 'document',
        targetId: updated.id,
        documentId: updated.id,
        details: {
          from: updated.previous_phase,
          to: updated.phase,
          previousDeadline: updated.previous_deadline?.toISOString() ?? null,
          commentDeadline: updated.comment_deadline?.toISOString() ?? null,
        },
      });
      // Live readers hear of it at commit, on every instance.
      await publishLiveEvent(tx, updated.id, {
        type: 'phase',
        phase: updated.phase,
        commentDeadline: updated.comment_deadline?.toISOString() ?? null,
      });
    });
    const [row]: SummaryRow[] = await this.db.query(`${SUMMARY_SELECT} WHERE d.slug = $1`, [slug]);
    if (!row) throw new DocumentNotFoundException(slug);
    return toSummary(row);
  }
}

function toGroupCounts(raw: Record<string, number> | null): GroupCounts {
  const counts = emptyGroupCounts();
  for (const [group, n] of Object.entries(raw ?? {})) {
    if (isStakeholderGroup(group)) counts[group] = n;
  }
  return counts;
}

function toShapedBy(count: number | null, byGroup: Record<string, number> | null): ShapedBy | null {
  return count ? { count, byGroup: toGroupCounts(byGroup) } : null;
}

function toSummary(row: SummaryRow): DocumentSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    language: row.language,
    forum: { slug: row.forum_slug, name: row.forum_name },
    consultationOpensAt: row.consultation_opens_at?.toISOString() ?? null,
    consultationClosesAt: row.consultation_closes_at?.toISOString() ?? null,
    currentVersion:
      row.version_number === null
        ? null
        : { number: row.version_number, label: row.version_label ?? '', publishedAt: row.version_published_at?.toISOString() ?? null },
    commentCount: Number(row.comment_count),
    phase: row.phase,
    commentDeadline: row.comment_deadline?.toISOString() ?? null,
    hiddenCount: row.hidden_count,
  };
}
