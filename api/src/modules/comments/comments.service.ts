import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DEFAULT_CONTENT_LANGUAGE, LIMITS, hasRole } from '@doorway/contracts';
import type { Attribution, CommentPage, ConsultationPhase, CommentThreadView, CommentView, MyCommentView, Role, StakeholderGroup } from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { parsePgArray } from '../../common/sql/pg-array';
import { namedQuery, preparedQuery, statementTexts } from '../../common/sql/prepared';
import { ConsultationGate, closedReason } from '../documents/consultation-gate';
import { ConsultationClosedException, ParagraphNotFoundException } from '../documents/exceptions/document.exceptions';
import { LiveAnnouncer } from '../live/live-announcer';
import { publishLiveEvent } from '../live/live-events';
import type { LiveEventInput } from '../live/live-events';
import type { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import type { SessionToken } from '../users/users.service';
import { signInRequired } from '../../common/guards/jwt-auth.guard';
import { IdempotencyStore } from '../../common/idempotency/idempotency.store';
import { GroupCommit } from '../../common/sql/group-commit';
import { CommentRateLimiter } from './comment-rate-limit';
import { ContributionEntity } from './entities/contribution.entity';
import { decodeCursor, encodeCursor } from './comment-cursor';
import { COMMENT_JOINS, commentColumns, toCommentView } from './comment-view';
import type { CommentRow } from './comment-view';
import type {
  CreateCommentDto,
  CreateReplyDto,
  CreateSuggestionDto,
  ListCommentsQuery,
  RecordInterventionDto,
  UpdateCommentDto,
} from './dto/comment.dto';
import {
  AlreadyEndorsedException,
  CommentDeletedException,
  CommentNotFoundException,
  InvalidCursorException,
  NotYourCommentException,
  QuoteNotInParagraphException,
  SuggestionAlreadyTriagedException,
  UnknownParagraphsException,
} from './exceptions/comment.exceptions';

interface ParagraphTarget {
  document_id: string;
  paragraph_id: string;
  key: string;
  version_id: string | null;
  /** The current version's number, shown on a new comment. */
  version_number: number | null;
  text: string | null;
  position: number | null;
  /** The consultation gate's columns (see closedReason), read in the same statement. */
  phase: ConsultationPhase;
  comment_deadline: Date | null;
  past_deadline: boolean;
  /** Asked for by writableParagraph with an author: the rate limit's answer (CommentRateLimiter.retrySql). */
  rate_limit_retry?: number | null;
}

interface Inserted {
  id: string;
  created_at: Date;
  /** The live event recorded with it. */
  event_id: string;
}

interface AlsoParagraph {
  id: string;
  key: string;
}

type CommentEvent = Extract<LiveEventInput, { type: 'comment' }>;

/** A new contribution as its request states it, before its author is known (see checkAndInsert). */
interface AuthorsContribution {
  /** What the comment endpoints write; case studies have their own table and service. */
  kind: CommentRow['kind'];
  body: string;
  /** BCP 47 tag; the column's default ('en') when the request named none. */
  language?: string;
  attribution?: Attribution;
  proposedText?: string | null;
  quote?: { exact: string; prefix: string; suffix: string };
}

interface NewContribution extends AuthorsContribution {
  authorId: string;
  authorGroup: StakeholderGroup;
  parentId?: string | null;
  recordedById?: string | null;
  speakerName?: string | null;
  speakerOrganisation?: string | null;
}

/** A ParagraphTarget's columns (without the rate limit), from PARAGRAPH_TARGET_FROM. */
const PARAGRAPH_TARGET_COLUMNS = `d.id AS document_id, p.id AS paragraph_id, p.key, d.current_version_id AS version_id,
  v.number AS version_number, r.text, r.position,
  d.phase, d.comment_deadline, (d.comment_deadline IS NOT NULL AND now() > d.comment_deadline) AS past_deadline`;

/** The paragraph of key $2 in the document of slug $1, with its current revision (none if it was dropped). */
const PARAGRAPH_TARGET_FROM = `FROM documents d
  JOIN paragraphs p ON p.document_id = d.id AND p.key = $2
  LEFT JOIN document_versions v ON v.id = d.current_version_id
  LEFT JOIN paragraph_revisions r ON r.paragraph_id = p.id AND r.version_id = d.current_version_id
 WHERE d.slug = $1`;

/**
 * The session's user as a new contribution's view shows them, from the users row `u` of the
 * statement that checks the session (see checkAndInsert).
 */
const AUTHOR_COLUMNS = `u.display_name AS author_name, u.organisation AS author_organisation, u.stakeholder_group AS author_group,
  u.group_verified AS author_group_verified, u.role AS author_role`;

interface AuthorRow {
  author_name: string;
  author_organisation: string | null;
  author_group: StakeholderGroup;
  author_group_verified: boolean;
  author_role: Role;
}

/** One request's part of checkAndInsert's statement: who writes what, where. */
interface CheckedWrite {
  slug: string;
  key: string;
  session: SessionToken;
  contribution: AuthorsContribution;
  /** The live event's JSON, without the ids the statement adds. */
  event: string;
}

/** checkAndInsert's answer for one request: each part is null where its check found nothing. */
type CheckedRow = Partial<AuthorRow> &
  Partial<ParagraphTarget> & {
    request_author: string;
    id: string | null;
    created_at: Date | null;
    event_id: string | null;
  };

/**
 * How checkAndInsert's writes are grouped (see GroupCommit). Chosen, not tuned: with two batches
 * at once the database can run one while the API gathers the next (only this setting was measured),
 * and 64 bounds one statement's size, since each comment's text travels in it (up to 10,000
 * characters).
 */
const CHECKED_WRITES = { maxInFlight: 2, maxBatch: 64 };

/** The author of a new contribution, as its view shows them: a UserEntity, or the columns above. */
type Author = Pick<UserEntity, 'id' | 'displayName' | 'organisation' | 'groupVerified' | 'role'>;

/** Rows of values as columns: the arrays a batch's statement unnests. */
function transpose(rows: unknown[][]): unknown[][] {
  return (rows[0] ?? []).map((_, column) => rows.map((row) => row[column]));
}

/** Whether the session's user of a row read with LEFT JOIN u was found (its columns are all null if not). */
function isAuthor<T extends Partial<AuthorRow>>(row: T): row is T & AuthorRow {
  return typeof row.author_group === 'string';
}

/** Whether the paragraph of a row read with LEFT JOIN t was found (its columns are all null if not). */
function isTarget<T extends Partial<ParagraphTarget>>(row: T): row is T & ParagraphTarget {
  return typeof row.paragraph_id === 'string';
}

/** closedReason(t) === null, in SQL, on a target read as PARAGRAPH_TARGET_COLUMNS into `t`. */
const OPEN_SQL = `t.phase = 'open' AND NOT t.past_deadline`;

/**
 * The checked insert of checkAndInsert for one request, with the author's rate limit
 * (CommentRateLimiter.retrySql on $3) written in. It answers one row even when the session has
 * ended (its author's columns are then null), like the batch form below.
 *
 * Built once per service: namedQuery finds its prepared statement by the text, and a text built
 * afresh on each call would be hashed and compared in full every time. Like INSERT_SQL, neither
 * form notifies: the live notice follows the commit (see announceCommitted).
 */
function checkAndInsertOneSql(rateLimitRetry: string): string {
  return `WITH u AS (
         SELECT ${AUTHOR_COLUMNS} FROM users u WHERE u.id = $3 AND u.session_epoch = $5
       ), t AS (
         SELECT ${PARAGRAPH_TARGET_COLUMNS}, ${rateLimitRetry} AS rate_limit_retry ${PARAGRAPH_TARGET_FROM}
       ), c AS (
         INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body, proposed_text,
           quote_exact, quote_prefix, quote_suffix, attribution, language)
         SELECT $4::contribution_kind, t.document_id, t.version_id, t.paragraph_id, $3::uuid, u.author_group, $6::text, $7::text,
           $8::text, $9::text, $10::text, $11::attribution, $12::varchar
           FROM t, u
          WHERE t.text IS NOT NULL AND t.position IS NOT NULL AND ${OPEN_SQL} AND t.rate_limit_retry IS NULL
            AND ($8::text IS NULL OR strpos(t.text, $8::text) > 0)
         RETURNING id, created_at, document_id, author_group
       ), e AS (
         INSERT INTO live_events (document_id, type, payload)
         SELECT c.document_id, 'comment', $13::jsonb || jsonb_build_object('contributionId', c.id::text, 'stakeholderGroup', c.author_group)
           FROM c
         RETURNING id
       )
       SELECT $3::uuid::text AS request_author, u.*, t.*, c.id, c.created_at, e.id::text AS event_id
         FROM (SELECT) one LEFT JOIN u ON true LEFT JOIN t ON true LEFT JOIN c ON true LEFT JOIN e ON true`;
}

/**
 * checkAndInsertOneSql for a batch of requests (one row each in the arrays $1-$13, in the same
 * order, at most one per author: see CommentsService.checkedWrites). `checked` reads, for each
 * request, everything its checks need in one pass; the contributions and their live events are
 * inserted for the requests that pass them all. Each request's checks read the state before the statement,
 * which is why one author never has two requests in a batch: the second would not see the first
 * under the limit. The answer has one row per request, found by its author. Rows are inserted in
 * paragraph order, so that two batches take the counters' rows (see the counter triggers) in the
 * same order; if they still deadlock, GroupCommit tries each comment again alone.
 *
 * The single request's statement stays on its own: in alternating legs it cost PostgreSQL about
 * 5 % less CPU per comment than this one over a single row, and most comments go alone.
 */
function checkAndInsertManySql(rateLimitRetry: string): string {
  return `WITH checked AS (
         SELECT req.author_id AS request_author, req.kind, req.body, req.proposed_text, req.quote_exact, req.quote_prefix,
           req.quote_suffix, req.attribution, req.language, req.event, u.id IS NOT NULL AS session_found, ${AUTHOR_COLUMNS},
           ${PARAGRAPH_TARGET_COLUMNS}, ${rateLimitRetry} AS rate_limit_retry
           FROM unnest($1::text[], $2::text[], $3::uuid[], $4::contribution_kind[], $5::int[], $6::text[], $7::text[],
                       $8::text[], $9::text[], $10::text[], $11::attribution[], $12::varchar[], $13::jsonb[])
             AS req(slug, key, author_id, kind, session_epoch, body, proposed_text, quote_exact, quote_prefix, quote_suffix,
                    attribution, language, event)
           LEFT JOIN users u ON u.id = req.author_id AND u.session_epoch = req.session_epoch
           LEFT JOIN documents d ON d.slug = req.slug
           LEFT JOIN paragraphs p ON p.document_id = d.id AND p.key = req.key
           LEFT JOIN document_versions v ON v.id = d.current_version_id
           LEFT JOIN paragraph_revisions r ON r.paragraph_id = p.id AND r.version_id = d.current_version_id
       ), c AS (
         INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body, proposed_text,
           quote_exact, quote_prefix, quote_suffix, attribution, language)
         SELECT t.kind, t.document_id, t.version_id, t.paragraph_id, t.request_author, t.author_group, t.body, t.proposed_text,
           t.quote_exact, t.quote_prefix, t.quote_suffix, t.attribution, t.language
           FROM checked t
          WHERE t.session_found AND t.paragraph_id IS NOT NULL AND t.text IS NOT NULL AND t.position IS NOT NULL AND ${OPEN_SQL}
            AND t.rate_limit_retry IS NULL AND (t.quote_exact IS NULL OR strpos(t.text, t.quote_exact) > 0)
          ORDER BY t.paragraph_id, t.author_group
         RETURNING id, created_at, document_id, author_group, author_id
       ), e AS (
         INSERT INTO live_events (document_id, type, payload)
         SELECT c.document_id, 'comment',
           checked.event || jsonb_build_object('contributionId', c.id::text, 'stakeholderGroup', c.author_group)
           FROM c JOIN checked ON checked.request_author = c.author_id
         RETURNING id, payload->>'contributionId' AS contribution_id
       )
       SELECT checked.request_author::text AS request_author, checked.author_name, checked.author_organisation,
         checked.author_group, checked.author_group_verified, checked.author_role, checked.document_id, checked.paragraph_id,
         checked.key, checked.version_id, checked.version_number, checked.text, checked.position, checked.phase,
         checked.comment_deadline, checked.past_deadline, checked.rate_limit_retry, c.id, c.created_at, e.id::text AS event_id
         FROM checked LEFT JOIN c ON c.author_id = checked.request_author LEFT JOIN e ON e.contribution_id = c.id::text`;
}

/** The insert of a contribution whose paragraph was checked beforehand (see insert). */
const INSERT_SQL = `WITH c AS (
         INSERT INTO contributions (kind, document_id, version_id, paragraph_id, parent_id, author_id, author_group, body,
           proposed_text, quote_exact, quote_prefix, quote_suffix, recorded_by_id, speaker_name, speaker_organisation, attribution, language)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id, created_at
       ), also AS (
         INSERT INTO contribution_paragraphs (contribution_id, paragraph_id, created_at, is_root)
         SELECT c.id, a.paragraph_id, c.created_at, true FROM c, unnest($18::uuid[]) AS a(paragraph_id)
         ON CONFLICT DO NOTHING
       ), e AS (
         INSERT INTO live_events (document_id, type, payload)
         SELECT $2, 'comment', $19::jsonb || jsonb_build_object('contributionId', c.id::text) FROM c
         RETURNING id, document_id
       )
       SELECT c.id, c.created_at, e.id::text AS event_id
         FROM c, e`;

@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gate: ConsultationGate,
    private readonly rateLimit: CommentRateLimiter,
    private readonly announcer: LiveAnnouncer,
    private readonly users: UsersService,
    private readonly requests: IdempotencyStore,
  ) {
    this.checkAndInsertSql = {
      one: checkAndInsertOneSql(rateLimit.retrySql('$3')),
      many: checkAndInsertManySql(rateLimit.retrySql('req.author_id')),
    };
  }

  /** checkAndInsert's statements, with this service's rate limit in them. */
  private readonly checkAndInsertSql: Record<'one' | 'many', string>;
  /** Concurrent comments and suggestions outside a request's transaction, written together. */
  private readonly checkedWrites = new GroupCommit<CheckedWrite, CheckedRow>((writes) => this.writeChecked(writes), {
    ...CHECKED_WRITES,
    keyOf: (write) => write.session.id,
  });
  private readonly findParagraphSql = statementTexts(
    (rateLimited: boolean) =>
      `SELECT ${PARAGRAPH_TARGET_COLUMNS}${rateLimited ? `, ${this.rateLimit.retrySql('$3')} AS rate_limit_retry` : ''} ${PARAGRAPH_TARGET_FROM}`,
  );

  /**
   * One page of a paragraph's threads (comments and suggestions, including those that concern
   * several paragraphs), in three statements whatever the page depth or thread size: find the
   * paragraph, read the page of roots by keyset, read their replies.
   */
  async list(viewer: UserEntity | null, slug: string, key: string, query: ListCommentsQuery): Promise<CommentPage> {
    const target = await this.findParagraph(slug, key);
    const limit = query.limit ?? LIMITS.page.defaultSize;
    const newest = (query.order ?? 'newest') === 'newest';
    const params: unknown[] = [target.paragraph_id, viewer?.id ?? null];
    let where = `cp.paragraph_id = $1 AND cp.is_root`;
    if (query.group) {
      params.push(query.group);
      where += ` AND c.author_group = $${params.length}`;
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor) throw new InvalidCursorException();
      params.push(cursor.createdAt, cursor.id);
      where += ` AND (cp.created_at, cp.contribution_id) ${newest ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const direction = newest ? 'DESC' : 'ASC';
    // The limit is written into the statement rather than passed, so that the generic plan that
    // preparedQuery keeps is made for the real page size (with LIMIT $n the planner must guess it).
    // It is a validated integer (1-100): a handful of statement texts at most.
    const wanted = Math.trunc(limit) + 1;
    const rows = await preparedQuery<CommentRow>(
      this.db,
      `SELECT ${commentColumns('$2')}
         FROM contribution_paragraphs cp
         JOIN contributions c ON c.id = cp.contribution_id ${COMMENT_JOINS}
        WHERE ${where}
        ORDER BY cp.created_at ${direction}, cp.contribution_id ${direction}
        LIMIT ${wanted}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.cursor_at, id: last.id }) : null;

    const replies: CommentRow[] = page.length
      ? await preparedQuery<CommentRow>(
          this.db,
          `SELECT ${commentColumns('$2')} FROM contributions c ${COMMENT_JOINS}
            WHERE c.parent_id = ANY($1::uuid[])
            ORDER BY c.created_at ASC, c.id ASC`,
          [page.map((row) => row.id), viewer?.id ?? null],
        )
      : [];
    // Moderators see hidden text, marked hidden; everyone else sees only the reason.
    const moderator = viewer !== null && hasRole(viewer.role, 'editor');
    const byParent = new Map<string, CommentView[]>();
    for (const reply of replies) {
      const siblings = byParent.get(reply.parent_id ?? '') ?? [];
      siblings.push(toCommentView(reply, moderator));
      byParent.set(reply.parent_id ?? '', siblings);
    }
    const items: CommentThreadView[] = page.map((row) => ({ ...toCommentView(row, moderator), replies: byParent.get(row.id) ?? [] }));
    return { items, nextCursor };
  }

  /**
   * Any signed-in participant may comment while the consultation is open. The session arrives
   * unconfirmed (@AuthenticatedByToken): a comment on one paragraph confirms it in the statement
   * that writes, one on several loads the user first.
   */
  async create(session: SessionToken, slug: string, key: string, body: CreateCommentDto): Promise<CommentView> {
    const comment: AuthorsContribution = {
      kind: 'comment',
      body: body.body,
      language: body.language,
      attribution: body.attribution,
      quote: body.quote,
    };
    if (!body.alsoParagraphs?.length) return this.checkAndInsert(session, slug, key, comment);
    const user = await this.users.findSessionUser(session);
    if (!user) throw signInRequired();
    const c: NewContribution = { ...comment, authorId: user.id, authorGroup: user.stakeholderGroup };
    const target = await this.writableParagraph(slug, key, user);
    this.assertQuoteIn(target, c);
    const also = await this.resolveAlso(target, body.alsoParagraphs);
    return this.newView(user, target, also, c, await this.insert(target, also, c));
  }

  /** A suggested edit: replacement text for the whole paragraph, with the reason. */
  async suggest(session: SessionToken, slug: string, key: string, body: CreateSuggestionDto): Promise<CommentView> {
    return this.checkAndInsert(session, slug, key, {
      kind: 'suggestion',
      body: body.body,
      language: body.language,
      proposedText: body.proposedText,
      attribution: body.attribution,
    });
  }

  /**
   * Editors record what a speaker said in the room or remotely, on their behalf and with their
   * group; it reads as theirs, marked "recorded by the rapporteur".
   */
  async recordIntervention(user: UserEntity, slug: string, key: string, body: RecordInterventionDto): Promise<CommentView> {
    if (!hasRole(user.role, 'editor')) throw new RoleRequiredException('editor');
    const target = await this.findParagraph(slug, key);
    if (!target.version_id || target.text === null) throw new ParagraphNotFoundException(slug, key);
    const also = await this.resolveAlso(target, body.alsoParagraphs ?? []);
    const c: NewContribution = {
      kind: 'comment',
      body: body.body,
      language: body.language,
      authorId: user.id,
      authorGroup: body.stakeholderGroup,
      recordedById: user.id,
      speakerName: body.speakerName,
      speakerOrganisation: body.speakerOrganisation ?? null,
    };
    return this.newView(user, target, also, c, await this.insert(target, also, c));
  }

  /** Replies go one level deep: replying to a reply answers its top-level comment. */
  async reply(user: UserEntity, parentId: string, body: CreateReplyDto): Promise<CommentView> {
    const parent = await this.db.getRepository(ContributionEntity).findOne({ where: { id: parentId } });
    if (!parent || parent.kind === 'case_study' || !parent.paragraphId) throw new CommentNotFoundException(parentId);
    await this.gate.assertOpenForContributions(parent.documentId);
    await this.rateLimit.check(user);
    const rootId = parent.parentId ?? parent.id;
    const id = await this.db.transaction(async (tx) => {
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, parent_id, author_id, author_group, body, attribution, language)
         SELECT 'reply', d.id, d.current_version_id, $2, $3, $4, $5, $6, $7, $8 FROM documents d WHERE d.id = $1
         RETURNING id`,
        [parent.documentId, parent.paragraphId, rootId, user.id, user.stakeholderGroup, body.body, body.attribution ?? 'named',
          body.language ?? DEFAULT_CONTENT_LANGUAGE],
      );
      if (!row) throw new CommentNotFoundException(parentId);
      // A reply shows wherever its thread shows, so it counts on each of the thread's paragraphs.
      // The same statement reads the keys of those paragraphs for the live event, the reply's own first.
      const [linked]: { keys: string[] | string | null }[] = await tx.query(
        `WITH linked AS (
           INSERT INTO contribution_paragraphs (contribution_id, paragraph_id, created_at, is_root)
           SELECT $1, cp.paragraph_id, c.created_at, false
             FROM contribution_paragraphs cp, contributions c
            WHERE cp.contribution_id = $2 AND c.id = $1
           ON CONFLICT DO NOTHING
         )
         SELECT array_agg(p.key ORDER BY p.id = $3 DESC, p.key) AS keys
           FROM contribution_paragraphs cp JOIN paragraphs p ON p.id = cp.paragraph_id
          WHERE cp.contribution_id = $2`,
        [row.id, rootId, parent.paragraphId],
      );
      await publishLiveEvent(tx, parent.documentId, {
        type: 'comment',
        contributionId: row.id,
        parentId: rootId,
        kind: 'reply',
        paragraphKeys: parsePgArray(linked?.keys ?? null),
        stakeholderGroup: user.stakeholderGroup,
      });
      return row.id;
    });
    return this.view(id, user);
  }

  /** Only the author may edit, and only while the comment stands and the consultation is open. */
  async update(user: UserEntity, id: string, body: UpdateCommentDto): Promise<CommentView> {
    const comment = await this.findOwnable(id);
    if (comment.authorId !== user.id) throw new NotYourCommentException('edit');
    if (comment.deletedAt) throw new CommentDeletedException();
    await this.gate.assertOpenForContributions(comment.documentId);
    await this.db
      .getRepository(ContributionEntity)
      .update({ id, deletedAt: IsNull() }, { body: body.body, editedAt: new Date(), ...(body.language ? { language: body.language } : {}) });
    return this.view(id, user);
  }

  /**
   * The author, or an editor moderating, may delete. Deletion is soft: the row stays so that its
   * replies keep their thread, and it reads as "deleted". A suggestion is withdrawn the same way,
   * but only until it has been triaged.
   */
  async remove(user: UserEntity, id: string): Promise<CommentView> {
    const comment = await this.findOwnable(id);
    const moderating = hasRole(user.role, 'editor');
    if (comment.authorId !== user.id && !moderating) throw new NotYourCommentException('delete');
    if (comment.kind === 'suggestion' && comment.disposition !== 'pending' && !moderating) {
      throw new SuggestionAlreadyTriagedException();
    }
    if (!comment.deletedAt) await this.db.getRepository(ContributionEntity).update({ id }, { deletedAt: new Date() });
    return this.view(id, user);
  }

  /** Any signed-in participant may endorse a comment or suggestion once, but not their own. */
  async endorse(user: UserEntity, id: string): Promise<CommentView> {
    const target = await this.findOwnable(id);
    if (target.deletedAt) throw new CommentDeletedException();
    await this.gate.assertOpenForContributions(target.documentId);
    await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO endorsements (contribution_id, user_id, user_group) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [id, user.id, user.stakeholderGroup],
      );
      if (inserted.length === 0) throw new AlreadyEndorsedException();
      await this.announceEndorsements(tx, target);
    });
    return this.view(id, user);
  }

  async unendorse(user: UserEntity, id: string): Promise<CommentView> {
    const target = await this.findOwnable(id);
    await this.db.transaction(async (tx) => {
      const deleted: unknown[] = await tx.query('DELETE FROM endorsements WHERE contribution_id = $1 AND user_id = $2 RETURNING 1', [
        id,
        user.id,
      ]);
      if (deleted.length) await this.announceEndorsements(tx, target);
    });
    return this.view(id, user);
  }

  /** Tells live readers the new endorsement total of a contribution, inside the endorsing transaction. */
  private async announceEndorsements(tx: EntityManager, target: ContributionEntity): Promise<void> {
    const [row]: { total: number; keys: string[] | string | null }[] = await tx.query(
      `SELECT (SELECT count(*)::int FROM endorsements e WHERE e.contribution_id = $1) AS total,
              (SELECT array_agg(p.key ORDER BY p.id = $2 DESC, p.key)
                 FROM contribution_paragraphs cp JOIN paragraphs p ON p.id = cp.paragraph_id
                WHERE cp.contribution_id = $1) AS keys`,
      [target.id, target.paragraphId],
    );
    await publishLiveEvent(tx, target.documentId, {
      type: 'endorsement',
      contributionId: target.id,
      paragraphKeys: parsePgArray(row?.keys ?? null),
      total: row?.total ?? 0,
    });
  }

  /** The author's own comments, replies and suggestions across documents, newest first, with their dispositions. */
  async mine(user: UserEntity): Promise<MyCommentView[]> {
    const rows: (CommentRow & { document_slug: string; document_title: string; paragraph_number: number | null })[] = await this.db.query(
      `SELECT ${commentColumns('$1')}, d.slug AS document_slug, d.title AS document_title, current_r.position AS paragraph_number
         FROM contributions c ${COMMENT_JOINS} JOIN documents d ON d.id = c.document_id
         LEFT JOIN paragraph_revisions current_r ON current_r.paragraph_id = c.paragraph_id AND current_r.version_id = d.current_version_id
        WHERE c.author_id = $1 AND c.kind IN ('comment', 'reply', 'suggestion') AND c.recorded_by_id IS NULL
        ORDER BY c.created_at DESC LIMIT 500`,
      [user.id],
    );
    return rows.map((row) => ({
      ...toCommentView(row, hasRole(user.role, 'editor')),
      documentSlug: row.document_slug,
      documentTitle: row.document_title,
      paragraphNumber: row.paragraph_number,
    }));
  }

  /**
   * A participant's comment or suggestion on one paragraph, checked and written in ONE statement:
   * the session is confirmed against the user's row (the guard only checked the cookie's
   * signature, see @AuthenticatedByToken), the paragraph is read with the consultation's phase
   * and the author's rate limit (as writableParagraph does), and the contribution and its live
   * event are inserted only if every check passes. When one fails, nothing is written and the row
   * read says which, so the answer is the same as the guard's and writableParagraph's, in the same
   * order. This was three statements (the session's user, the checks, the insert); under the write
   * benchmark's load requests queued for the connection pool, not for the database, and each
   * statement cost the API a socket write of its own.
   *
   * Outside an idempotent request, concurrent comments share that statement (group commit, see
   * checkedWrites): under load, one round trip, one transaction and one flush serve many.
   */
  private async checkAndInsert(session: SessionToken, slug: string, key: string, contribution: AuthorsContribution): Promise<CommentView> {
    // The author's group is the users row's, added by the statement (to the event too).
    const event: Omit<CommentEvent, 'contributionId' | 'stakeholderGroup'> = { type: 'comment', parentId: null, kind: contribution.kind, paragraphKeys: [key] };
    const write: CheckedWrite = { slug, key, session, contribution, event: JSON.stringify(event) };
    // An idempotent request writes in its own transaction, with its stored answer: alone.
    const row = this.requests.inRequestTransaction() ? (await this.writeChecked([write]))[0] : await this.checkedWrites.submit(write);
    // No users row for this session: it ended ("sign out everywhere", a new password) or the account is gone.
    if (!row || !isAuthor(row)) throw signInRequired();
    if (!isTarget(row)) throw new ParagraphNotFoundException(slug, key);
    const author: Author = {
      id: session.id,
      displayName: row.author_name,
      organisation: row.author_organisation,
      groupVerified: row.author_group_verified,
      role: row.author_role,
    };
    const c: NewContribution = { ...contribution, authorId: session.id, authorGroup: row.author_group };
    if (row.id === null || row.created_at === null || row.event_id === null) {
      this.assertWritable(row, slug, key);
      this.assertQuoteIn(row, c);
      throw new Error(`comment on ${slug}/${key} was not written, though every check passed`);
    }
    const inserted: Inserted = { id: row.id, created_at: row.created_at, event_id: row.event_id };
    this.announceCommitted(inserted.event_id, row.document_id);
    return this.newView(author, row, [], c, inserted);
  }

  /**
   * Runs checkAndInsert's statement for `writes` (one per author), and answers their rows in the
   * same order. A batch's statement runs with a generic plan, forced (see preparedQuery): left to
   * choose, PostgreSQL planned it afresh on every run, because its generic plan, made for an array
   * of unknown length, looked dearer than a plan for the actual one. One request's statement keeps
   * its generic plan by itself.
   */
  private async writeChecked(writes: readonly CheckedWrite[]): Promise<CheckedRow[]> {
    const values = (write: CheckedWrite): unknown[] => [
      write.slug,
      write.key,
      write.session.id,
      write.contribution.kind,
      write.session.sessionEpoch,
      write.contribution.body,
      write.contribution.proposedText ?? null,
      write.contribution.quote?.exact ?? null,
      write.contribution.quote?.prefix ?? null,
      write.contribution.quote?.suffix ?? null,
      write.contribution.attribution ?? 'named',
      write.contribution.language ?? DEFAULT_CONTENT_LANGUAGE,
      write.event,
    ];
    const [only] = writes;
    const rows =
      writes.length === 1 && only
        ? await namedQuery<CheckedRow>(this.db, this.checkAndInsertSql.one, values(only))
        : await preparedQuery<CheckedRow>(this.db, this.checkAndInsertSql.many, transpose(writes.map(values)));
    const byAuthor = new Map(rows.map((row) => [row.request_author, row]));
    return writes.map((write) => {
      const row = byAuthor.get(write.session.id.toLowerCase());
      if (!row) throw new Error(`the checked insert answered no row for ${write.slug}/${write.key}`);
      return row;
    });
  }

  /**
   * Writes the contribution, its further paragraphs and its live event in ONE statement: atomic
   * like a transaction (the triggers that keep the counters run inside it), without the BEGIN and
   * COMMIT round trips, which the write benchmark showed are a good part of a comment's cost.
   * The event is announced once the write has committed (see announceCommitted), so listeners
   * never hear of a row they cannot read yet.
   */
  private async insert(target: ParagraphTarget, also: AlsoParagraph[], c: NewContribution): Promise<Inserted> {
    const event = this.commentEvent(c, [target.key, ...also.map((a) => a.key)]);
    // Named (prepared once per connection): planning it cost about 0.2 ms of the database's CPU per comment.
    const [row] = await namedQuery<Inserted>(
      this.db,
      INSERT_SQL,
      [c.kind, target.document_id, target.version_id, target.paragraph_id, c.parentId ?? null, c.authorId, c.authorGroup,
        c.body, c.proposedText ?? null, c.quote?.exact ?? null, c.quote?.prefix ?? null, c.quote?.suffix ?? null,
        c.recordedById ?? null, c.speakerName ?? null, c.speakerOrganisation ?? null, c.attribution ?? 'named',
        c.language ?? DEFAULT_CONTENT_LANGUAGE, also.map((a) => a.id), JSON.stringify(event)],
    );
    if (!row) throw new Error('insert returned no row');
    this.announceCommitted(row.event_id, target.document_id);
    return row;
  }

  /** The live event of a new contribution; the statement that writes it adds the contribution's id. */
  private commentEvent(c: NewContribution, paragraphKeys: string[]): Omit<CommentEvent, 'contributionId'> {
    return { type: 'comment', parentId: c.parentId ?? null, kind: c.kind, paragraphKeys, stakeholderGroup: c.authorGroup };
  }

  /**
   * Announces a new contribution's live event once it is committed: at once after its statement,
   * or, in an idempotent POST, when the request's transaction commits (with its stored answer).
   * The notice goes in LiveAnnouncer's shared statements, which say why a commit that notifies
   * must not wait for its flush. A process that dies between the commit and the notice loses only
   * the notice: open pages read the event from live_events at their next reconnect.
   */
  private announceCommitted(eventId: string, documentId: string): void {
    this.requests.afterCommit(() => this.announcer.announce({ id: eventId, document_id: documentId }));
  }

  /**
   * The view of a contribution just written, from what the request already knows: a new one has no
   * endorsements, reports, disposition or edits, so reading it back would only repeat the request.
   * The integration tests compare it with the same comment read back from the thread.
   */
  private newView(user: Author, target: ParagraphTarget, also: AlsoParagraph[], c: NewContribution, inserted: Inserted): CommentView {
    const row: CommentRow = {
      id: inserted.id,
      kind: c.kind,
      parent_id: c.parentId ?? null,
      paragraph_key: target.key,
      body: c.body,
      language: c.language ?? DEFAULT_CONTENT_LANGUAGE,
      proposed_text: c.proposedText ?? null,
      quote_exact: c.quote?.exact ?? null,
      quote_prefix: c.quote?.prefix ?? null,
      quote_suffix: c.quote?.suffix ?? null,
      author_id: c.authorId,
      author_name: user.displayName,
      author_organisation: user.organisation,
      author_group: c.authorGroup,
      recorded: c.recordedById != null,
      attribution: c.attribution ?? 'named',
      mine: c.authorId === user.id,
      speaker_name: c.speakerName ?? null,
      speaker_organisation: c.speakerOrganisation ?? null,
      disposition: 'pending',
      disposition_note: null,
      answered_in_version: null,
      version_number: target.version_number ?? 0,
      created_at: inserted.created_at,
      cursor_at: '',
      edited_at: null,
      deleted_at: null,
      // The thread lists the primary paragraph first, then the others by key.
      paragraph_keys: [target.key, ...also.map((a) => a.key).sort()],
      endorsements: null,
      changed_since: false,
      endorsed_by_me: false,
      author_group_verified: user.groupVerified,
      hidden: false,
      hidden_reason: null,
      reported_by_me: false,
    };
    return toCommentView(row, hasRole(user.role, 'editor'));
  }

  /** The further paragraphs of a multi-paragraph comment, by key, all in the current version, in the order asked. */
  private async resolveAlso(target: ParagraphTarget, keys: string[]): Promise<AlsoParagraph[]> {
    const wanted = [...new Set(keys)];
    if (!wanted.length) return [];
    const found: { id: string; key: string }[] = await this.db.query(
      `SELECT p.id, p.key FROM paragraphs p
         JOIN documents d ON d.id = p.document_id
         JOIN paragraph_revisions r ON r.paragraph_id = p.id AND r.version_id = d.current_version_id
        WHERE p.document_id = $1 AND p.key = ANY($2)`,
      [target.document_id, wanted],
    );
    const missing = wanted.filter((key) => !found.some((f) => f.key === key));
    if (missing.length) throw new UnknownParagraphsException(missing);
    return wanted
      .map((key) => found.find((f) => f.key === key))
      .filter((f): f is AlsoParagraph => f !== undefined && f.id !== target.paragraph_id);
  }

  /**
   * The paragraph a participant writes on, checked: it exists in the current version, the
   * consultation is open, and `author` is below the comment rate limit. The limit is read in the
   * same statement as the paragraph, one round trip fewer on the busiest write; the checks keep
   * their order (a missing paragraph is a 404 even for a user at the limit).
   */
  private async writableParagraph(slug: string, key: string, author: UserEntity): Promise<ParagraphTarget> {
    const target = await this.findParagraph(slug, key, author);
    this.assertWritable(target, slug, key);
    return target;
  }

  /** writableParagraph's checks, in their order, on a target read with the author's rate limit. */
  private assertWritable(target: ParagraphTarget, slug: string, key: string): void {
    if (!target.version_id || target.text === null || target.position === null) {
      throw new ParagraphNotFoundException(slug, key);
    }
    const reason = closedReason(target);
    if (reason) throw new ConsultationClosedException(reason);
    this.rateLimit.assertBelowLimit(target.rate_limit_retry ?? null);
  }

  /** A comment on a passage must quote the paragraph's current text. */
  private assertQuoteIn(target: ParagraphTarget, c: NewContribution): void {
    if (c.quote && !(target.text ?? '').includes(c.quote.exact)) throw new QuoteNotInParagraphException(target.position ?? 0);
  }

  private async findOwnable(id: string): Promise<ContributionEntity> {
    const comment = await this.db.getRepository(ContributionEntity).findOne({ where: { id } });
    if (!comment || comment.kind === 'case_study') throw new CommentNotFoundException(id);
    return comment;
  }

  private async view(id: string, viewer: UserEntity): Promise<CommentView> {
    const [row]: CommentRow[] = await this.db.query(
      `SELECT ${commentColumns('$2')} FROM contributions c ${COMMENT_JOINS} WHERE c.id = $1`,
      [id, viewer.id],
    );
    if (!row) throw new CommentNotFoundException(id);
    return toCommentView(row, hasRole(viewer.role, 'editor'));
  }

  /** The stable paragraph, with its text and number in the current version (null if it was dropped). */
  private async findParagraph(slug: string, key: string, rateLimitedAuthor?: UserEntity): Promise<ParagraphTarget> {
    const [target] = await preparedQuery<ParagraphTarget>(
      this.db,
      this.findParagraphSql(rateLimitedAuthor !== undefined),
      rateLimitedAuthor ? [slug, key, rateLimitedAuthor.id] : [slug, key],
    );
    if (!target) throw new ParagraphNotFoundException(slug, key);
    return target;
  }
}
