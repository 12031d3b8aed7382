import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasRole, reportThresholdReason } from '@doorway/contracts';
import type { ModerationItem, ModerationPage, ModerationReport, ReportResult, StakeholderGroup } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../common/sql/offset-cursor';
import { APP_CONFIG } from '../../config/config';
import type { AppConfig } from '../../config/config';
import { recordAudit } from '../audit/audit-log';
import { CommentDeletedException, CommentNotFoundException } from '../comments/exceptions/comment.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import type { HideDto, ModerationQueueQuery, ReportDto, RestoreDto } from './dto/moderation.dto';
import {
  AlreadyHiddenException,
  AlreadyReportedException,
  NothingToRestoreException,
  OwnContributionReportException,
} from './exceptions/moderation.exceptions';

/** The contribution being moderated, locked for the length of the transaction. */
interface LockedContribution {
  id: string;
  document_id: string;
  author_id: string;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  open_reports: number;
}

interface QueueRow {
  id: string;
  kind: 'comment' | 'reply' | 'suggestion';
  document_slug: string;
  document_title: string;
  paragraph_key: string | null;
  body: string;
  proposed_text: string | null;
  author_name: string;
  author_group: StakeholderGroup;
  created_at: Date;
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  reports: { reason: string; at: string; reporterName: string }[] | null;
}

/**
 * The queue's rows: contributions hidden, or with reports no editor has reviewed yet. The few
 * candidates come from the two partial indexes first, so the queue costs the same however many
 * contributions there are.
 */
const QUEUE_SELECT = `
  WITH candidates AS (
    SELECT id FROM contributions WHERE hidden_at IS NOT NULL
    UNION
    SELECT contribution_id FROM contribution_reports WHERE reviewed_at IS NULL
  )
  SELECT c.id, c.kind, d.slug AS document_slug, d.title AS document_title, p.key AS paragraph_key, c.body, c.proposed_text,
         coalesce(c.speaker_name, u.display_name) AS author_name, c.author_group, c.created_at,
         c.hidden_at, c.hidden_reason, hb.display_name AS hidden_by, open.reports, open.last_at
    FROM candidates k
    JOIN contributions c ON c.id = k.id
    JOIN documents d ON d.id = c.document_id
    JOIN users u ON u.id = c.author_id
    LEFT JOIN paragraphs p ON p.id = c.paragraph_id
    LEFT JOIN users hb ON hb.id = c.hidden_by_id
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('reason', r.reason, 'at', r.created_at, 'reporterName', ru.display_name)
                      ORDER BY r.created_at DESC) AS reports,
             max(r.created_at) AS last_at
        FROM contribution_reports r JOIN users ru ON ru.id = r.reporter_id
       WHERE r.contribution_id = c.id AND r.reviewed_at IS NULL
    ) open ON true
   WHERE c.kind IN ('comment', 'reply', 'suggestion') AND c.deleted_at IS NULL
     AND (c.hidden_at IS NOT NULL OR open.reports IS NOT NULL)`;

/**
 * Reports, and the editors' review of them. Every state change locks the contribution first, so
 * that concurrent reports are counted one after another and the threshold hides exactly once.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Any signed-in person may report someone else's contribution, once. */
  async report(user: UserEntity, id: string, body: ReportDto): Promise<ReportResult> {
    return this.db.transaction(async (tx) => {
      const target = await this.lock(tx, id);
      if (target.author_id === user.id) throw new OwnContributionReportException();
      const inserted: unknown[] = await tx.query(
        `INSERT INTO contribution_reports (contribution_id, reporter_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT contribution_reports_once_per_user DO NOTHING RETURNING 1`,
        [id, user.id, body.reason],
      );
      if (inserted.length === 0) throw new AlreadyReportedException();
      const reportCount = target.open_reports + 1;
      const threshold = this.config.moderationReportThreshold;
      let hiddenReason = target.hidden_at !== null ? target.hidden_reason : null;
      if (target.hidden_at === null && reportCount >= threshold) {
        const reason = reportThresholdReason(reportCount);
        await tx.query(`UPDATE contributions SET hidden_at = now(), hidden_reason = $2, hidden_by_id = NULL WHERE id = $1`, [id, reason]);
        await recordAudit(tx, {
          actorId: null,
          action: 'report_threshold_hide',
          targetType: 'contribution',
          targetId: id,
          documentId: target.document_id,
          reason,
          details: { reportCount, threshold },
        });
        hiddenReason = reason;
      }
      return { contributionId: id, reportCount, hidden: target.hidden_at !== null || hiddenReason !== null, hiddenReason };
    });
  }

  /** Editors hide a contribution, giving the reason readers will see; the open reports are thereby reviewed. */
  async hide(user: UserEntity, id: string, body: HideDto): Promise<ModerationItem> {
    this.requireEditor(user);
    await this.db.transaction(async (tx) => {
      const target = await this.lock(tx, id);
      if (target.hidden_at !== null) throw new AlreadyHiddenException();
      await tx.query(`UPDATE contributions SET hidden_at = now(), hidden_reason = $2, hidden_by_id = $3 WHERE id = $1`, [
        id,
        body.reason,
        user.id,
      ]);
      const reviewed = await this.review(tx, id);
      await recordAudit(tx, {
        actorId: user.id,
        action: 'hide',
        targetType: 'contribution',
        targetId: id,
        documentId: target.document_id,
        reason: body.reason,
        details: { reportsReviewed: reviewed },
      });
    });
    return this.item(id);
  }

  /** Editors show a hidden or reported contribution again; its open reports are reviewed and count no more. */
  async restore(user: UserEntity, id: string, body: RestoreDto): Promise<ModerationItem> {
    this.requireEditor(user);
    await this.db.transaction(async (tx) => {
      const target = await this.lock(tx, id);
      if (target.hidden_at === null && target.open_reports === 0) throw new NothingToRestoreException();
      await tx.query(`UPDATE contributions SET hidden_at = NULL, hidden_reason = NULL, hidden_by_id = NULL WHERE id = $1`, [id]);
      const reviewed = await this.review(tx, id);
      await recordAudit(tx, {
        actorId: user.id,
        action: 'restore',
        targetType: 'contribution',
        targetId: id,
        documentId: target.document_id,
        reason: body.reason,
        details: { wasHidden: target.hidden_at !== null, hiddenReason: target.hidden_reason, reportsReviewed: reviewed },
      });
    });
    return this.item(id);
  }

  /** Reported and hidden contributions across documents (or of one), the most recent first. */
  async queue(user: UserEntity, query: ModerationQueueQuery): Promise<ModerationPage> {
    this.requireEditor(user);
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.document) {
      params.push(query.document);
      where.push(`q.document_slug = $${params.length}`);
    }
    if (query.state === 'hidden') where.push('q.hidden_at IS NOT NULL');
    if (query.state === 'reported') where.push('q.hidden_at IS NULL');
    const limit = query.limit ?? 50;
    const offset = decodeOffsetCursor(query.cursor);
    params.push(limit + 1, offset);
    const rows: QueueRow[] = await this.db.query(
      `SELECT q.* FROM (${QUEUE_SELECT}) q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY greatest(q.hidden_at, q.last_at) DESC, q.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      items: rows.slice(0, limit).map(toItem),
      nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
    };
  }

  private async lock(tx: EntityManager, id: string): Promise<LockedContribution> {
    const [row]: LockedContribution[] = await tx.query(
      `SELECT c.id, c.document_id, c.author_id, c.deleted_at, c.hidden_at, c.hidden_reason,
              (SELECT count(*)::int FROM contribution_reports r WHERE r.contribution_id = c.id AND r.reviewed_at IS NULL) AS open_reports
         FROM contributions c
        WHERE c.id = $1 AND c.kind IN ('comment', 'reply', 'suggestion')
        FOR UPDATE OF c`,
      [id],
    );
    if (!row) throw new CommentNotFoundException(id);
    if (row.deleted_at) throw new CommentDeletedException();
    return row;
  }

  /** Marks the open reports reviewed; returns how many there were. */
  private async review(tx: EntityManager, id: string): Promise<number> {
    const [, affected]: [unknown[], number] = await tx.query(
      `UPDATE contribution_reports SET reviewed_at = now() WHERE contribution_id = $1 AND reviewed_at IS NULL`,
      [id],
    );
    return affected;
  }

  /** The contribution as the queue shows it, even when it has left the queue (after a restore). */
  private async item(id: string): Promise<ModerationItem> {
    const [row]: QueueRow[] = await this.db.query(
      `SELECT c.id, c.kind, d.slug AS document_slug, d.title AS document_title, p.key AS paragraph_key, c.body, c.proposed_text,
              coalesce(c.speaker_name, u.display_name) AS author_name, c.author_group, c.created_at,
              c.hidden_at, c.hidden_reason, hb.display_name AS hidden_by,
              (SELECT json_agg(json_build_object('reason', r.reason, 'at', r.created_at, 'reporterName', ru.display_name)
                               ORDER BY r.created_at DESC)
                 FROM contribution_reports r JOIN users ru ON ru.id = r.reporter_id
                WHERE r.contribution_id = c.id AND r.reviewed_at IS NULL) AS reports
         FROM contributions c
         JOIN documents d ON d.id = c.document_id
         JOIN users u ON u.id = c.author_id
         LEFT JOIN paragraphs p ON p.id = c.paragraph_id
         LEFT JOIN users hb ON hb.id = c.hidden_by_id
        WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new CommentNotFoundException(id);
    return toItem(row);
  }

  private requireEditor(user: UserEntity): void {
    if (!hasRole(user.role, 'editor')) throw new RoleRequiredException('editor');
  }
}

function toItem(row: QueueRow): ModerationItem {
  const reports: ModerationReport[] = (row.reports ?? []).map((r) => ({
    reason: r.reason,
    at: new Date(r.at).toISOString(),
    reporterName: r.reporterName,
  }));
  return {
    id: row.id,
    kind: row.kind,
    documentSlug: row.document_slug,
    documentTitle: row.document_title,
    paragraphKey: row.paragraph_key,
    body: row.body,
    proposedText: row.proposed_text,
    authorName: row.author_name,
    stakeholderGroup: row.author_group,
    createdAt: new Date(row.created_at).toISOString(),
    state: row.hidden_at ? 'hidden' : 'reported',
    hiddenAt: row.hidden_at ? new Date(row.hidden_at).toISOString() : null,
    hiddenReason: row.hidden_reason,
    hiddenBy: row.hidden_by,
    reports,
  };
}
