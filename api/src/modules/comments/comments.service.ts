import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { LIMITS, hasRole } from '@doorway/contracts';
import type { CommentPage, CommentThreadView, CommentView, MyCommentView, StakeholderGroup } from '@doorway/contracts';
import { ParagraphNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { ContributionEntity } from './entities/contribution.entity';
import { decodeCursor, encodeCursor } from './comment-cursor';
import type { CreateCommentDto, CreateReplyDto, ListCommentsQuery, UpdateCommentDto } from './dto/comment.dto';
import {
  CommentDeletedException,
  CommentNotFoundException,
  InvalidCursorException,
  NotYourCommentException,
  QuoteNotInParagraphException,
} from './exceptions/comment.exceptions';

interface ParagraphTarget {
  document_id: string;
  paragraph_id: string;
  version_id: string | null;
  text: string | null;
  position: number | null;
}

interface CommentRow {
  id: string;
  parent_id: string | null;
  paragraph_key: string;
  body: string;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  author_id: string;
  author_name: string;
  author_organisation: string | null;
  author_group: StakeholderGroup;
  version_number: number;
  created_at: Date;
  cursor_at: string;
  edited_at: Date | null;
  deleted_at: Date | null;
}

const COMMENT_COLUMNS = `
  c.id, c.parent_id, p.key AS paragraph_key, c.body, c.quote_exact, c.quote_prefix, c.quote_suffix,
  c.author_id, u.display_name AS author_name, u.organisation AS author_organisation, c.author_group,
  v.number AS version_number, c.created_at, c.created_at::text AS cursor_at, c.edited_at, c.deleted_at`;
const COMMENT_JOINS = `
  JOIN users u ON u.id = c.author_id
  JOIN paragraphs p ON p.id = c.paragraph_id
  JOIN document_versions v ON v.id = c.version_id`;

@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ContributionEntity) private readonly contributions: Repository<ContributionEntity>,
  ) {}

  /**
   * One page of a paragraph's threads, in three statements whatever the page depth or thread
   * size: find the paragraph, read the page of top-level comments by keyset, read their replies.
   */
  async list(slug: string, key: string, query: ListCommentsQuery): Promise<CommentPage> {
    const target = await this.findParagraph(slug, key);
    const limit = query.limit ?? LIMITS.page.defaultSize;
    const newest = (query.order ?? 'newest') === 'newest';
    const params: unknown[] = [target.paragraph_id];
    let where = `c.paragraph_id = $1 AND c.parent_id IS NULL AND c.kind = 'comment'`;
    if (query.group) {
      params.push(query.group);
      where += ` AND c.author_group = $${params.length}`;
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor) throw new InvalidCursorException();
      params.push(cursor.createdAt, cursor.id);
      where += ` AND (c.created_at, c.id) ${newest ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const direction = newest ? 'DESC' : 'ASC';
    const rows: CommentRow[] = await this.db.query(
      `SELECT ${COMMENT_COLUMNS} FROM contributions c ${COMMENT_JOINS}
        WHERE ${where}
        ORDER BY c.created_at ${direction}, c.id ${direction}
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.cursor_at, id: last.id }) : null;

    const replies: CommentRow[] = page.length
      ? await this.db.query(
          `SELECT ${COMMENT_COLUMNS} FROM contributions c ${COMMENT_JOINS}
            WHERE c.parent_id = ANY($1::uuid[])
            ORDER BY c.created_at ASC, c.id ASC`,
          [page.map((row) => row.id)],
        )
      : [];
    const byParent = new Map<string, CommentView[]>();
    for (const reply of replies) {
      const siblings = byParent.get(reply.parent_id ?? '') ?? [];
      siblings.push(toView(reply));
      byParent.set(reply.parent_id ?? '', siblings);
    }
    const items: CommentThreadView[] = page.map((row) => ({ ...toView(row), replies: byParent.get(row.id) ?? [] }));
    return { items, nextCursor };
  }

  /** Any signed-in participant may comment on a paragraph of the current version. */
  async create(user: UserEntity, slug: string, key: string, body: CreateCommentDto): Promise<CommentView> {
    const target = await this.findParagraph(slug, key);
    if (!target.version_id || target.text === null || target.position === null) {
      throw new ParagraphNotFoundException(slug, key);
    }
    if (body.quote && !target.text.includes(body.quote.exact)) {
      throw new QuoteNotInParagraphException(target.position);
    }
    const saved = await this.contributions.save(
      this.contributions.create({
        kind: 'comment',
        documentId: target.document_id,
        versionId: target.version_id,
        paragraphId: target.paragraph_id,
        parentId: null,
        authorId: user.id,
        authorGroup: user.stakeholderGroup,
        body: body.body,
        quoteExact: body.quote?.exact ?? null,
        quotePrefix: body.quote?.prefix ?? null,
        quoteSuffix: body.quote?.suffix ?? null,
      }),
    );
    return this.view(saved.id);
  }

  /** Replies go one level deep: replying to a reply answers its top-level comment. */
  async reply(user: UserEntity, parentId: string, body: CreateReplyDto): Promise<CommentView> {
    const parent = await this.contributions.findOne({ where: { id: parentId } });
    if (!parent || (parent.kind !== 'comment' && parent.kind !== 'reply')) throw new CommentNotFoundException(parentId);
    const rootId = parent.parentId ?? parent.id;
    const current: { current_version_id: string }[] = await this.db.query(
      'SELECT current_version_id FROM documents WHERE id = $1',
      [parent.documentId],
    );
    const saved = await this.contributions.save(
      this.contributions.create({
        kind: 'reply',
        documentId: parent.documentId,
        versionId: current[0]?.current_version_id ?? parent.versionId,
        paragraphId: parent.paragraphId,
        parentId: rootId,
        authorId: user.id,
        authorGroup: user.stakeholderGroup,
        body: body.body,
      }),
    );
    return this.view(saved.id);
  }

  /** Only the author may edit, and only while the comment stands. */
  async update(user: UserEntity, id: string, body: UpdateCommentDto): Promise<CommentView> {
    const comment = await this.findOwnable(id);
    if (comment.authorId !== user.id) throw new NotYourCommentException('edit');
    if (comment.deletedAt) throw new CommentDeletedException();
    await this.contributions.update({ id, deletedAt: IsNull() }, { body: body.body, editedAt: new Date() });
    return this.view(id);
  }

  /**
   * The author, or an editor moderating, may delete. Deletion is soft: the row stays so that its
   * replies keep their thread, and it reads as "deleted".
   */
  async remove(user: UserEntity, id: string): Promise<CommentView> {
    const comment = await this.findOwnable(id);
    if (comment.authorId !== user.id && !hasRole(user.role, 'editor')) throw new NotYourCommentException('delete');
    if (!comment.deletedAt) await this.contributions.update({ id }, { deletedAt: new Date() });
    return this.view(id);
  }

  /** The author's own comments and replies across documents, newest first, with their dispositions. */
  async mine(user: UserEntity): Promise<MyCommentView[]> {
    const rows: (CommentRow & { document_slug: string; document_title: string; disposition: string })[] = await this.db.query(
      `SELECT ${COMMENT_COLUMNS}, d.slug AS document_slug, d.title AS document_title, c.disposition
         FROM contributions c ${COMMENT_JOINS} JOIN documents d ON d.id = c.document_id
        WHERE c.author_id = $1 AND c.kind IN ('comment', 'reply')
        ORDER BY c.created_at DESC LIMIT 500`,
      [user.id],
    );
    return rows.map((row) => ({
      ...toView(row),
      documentSlug: row.document_slug,
      documentTitle: row.document_title,
      disposition: row.disposition,
    }));
  }

  private async findOwnable(id: string): Promise<ContributionEntity> {
    const comment = await this.contributions.findOne({ where: { id } });
    if (!comment || (comment.kind !== 'comment' && comment.kind !== 'reply')) throw new CommentNotFoundException(id);
    return comment;
  }

  private async view(id: string): Promise<CommentView> {
    const [row]: CommentRow[] = await this.db.query(
      `SELECT ${COMMENT_COLUMNS} FROM contributions c ${COMMENT_JOINS} WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new CommentNotFoundException(id);
    return toView(row);
  }

  /** The stable paragraph, with its text in the current version (null if it was dropped). */
  private async findParagraph(slug: string, key: string): Promise<ParagraphTarget> {
    const [target]: ParagraphTarget[] = await this.db.query(
      `SELECT d.id AS document_id, p.id AS paragraph_id, d.current_version_id AS version_id, r.text, r.position
         FROM documents d
         JOIN paragraphs p ON p.document_id = d.id AND p.key = $2
         LEFT JOIN paragraph_revisions r ON r.paragraph_id = p.id AND r.version_id = d.current_version_id
        WHERE d.slug = $1`,
      [slug, key],
    );
    if (!target) throw new ParagraphNotFoundException(slug, key);
    return target;
  }
}

function toView(row: CommentRow): CommentView {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    paragraphKey: row.paragraph_key,
    parentId: row.parent_id,
    body: deleted ? null : row.body,
    quote: deleted || row.quote_exact === null
      ? null
      : { exact: row.quote_exact, prefix: row.quote_prefix ?? '', suffix: row.quote_suffix ?? '' },
    author: deleted ? null : { id: row.author_id, displayName: row.author_name, organisation: row.author_organisation },
    stakeholderGroup: row.author_group,
    versionNumber: row.version_number,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted,
  };
}
