import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CASE_STUDY_DOMAINS, STAKEHOLDER_GROUPS, hasRole, isKnownRegion, submissionProblems } from '@doorway/contracts';
import type {
  CaseStudyCard,
  CaseStudyFields,
  CaseStudyGallery,
  CaseStudyStatus,
  CaseStudyTransitionView,
  CaseStudyView,
  FacetCount,
} from '@doorway/contracts';
import { RoleRequiredException } from '../../common/exceptions/role.exceptions';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../common/sql/offset-cursor';
import { parsePgArray } from '../../common/sql/pg-array';
import { DocumentNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { CaseStudyEntity } from './entities/case-study.entity';
import { CaseStudyTransitionEntity } from './entities/case-study-transition.entity';
import type { DecideCaseStudyDto, GalleryQuery, QueueQuery, SaveCaseStudyDto } from './dto/case-study.dto';
import {
  CaseStudyIncompleteException,
  CaseStudyNotFoundException,
  CaseStudyTransitionException,
} from './exceptions/case-study.exceptions';

/** The submitter may edit only while the text is theirs to change. */
const EDITABLE: readonly CaseStudyStatus[] = ['draft', 'changes_requested'];

interface AuthorRow {
  author_name: string;
  author_organisation: string | null;
  editor_name: string | null;
}

interface CardRow {
  id: string;
  title: string;
  region: string;
  year_from: number | null;
  year_to: number | null;
  domains: string;
  stakeholder_groups: string;
  what_opened: string;
  language: string;
  attribution: CaseStudyEntity['attribution'];
  author_name: string;
  author_organisation: string | null;
  status: CaseStudyStatus;
  updated_at: Date;
}


@Injectable()
export class CaseStudiesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Any signed-in participant may start a case study on a document; it begins as their private draft. */
  async create(user: UserEntity, documentSlug: string, body: SaveCaseStudyDto): Promise<CaseStudyView> {
    const [document]: { id: string }[] = await this.db.query('SELECT id FROM documents WHERE slug = $1', [documentSlug]);
    if (!document) throw new DocumentNotFoundException(documentSlug);
    await this.checkReferences(document.id, body);
    const id = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(CaseStudyEntity, {
          ...body,
          documentId: document.id,
          authorId: user.id,
          authorGroup: user.stakeholderGroup,
          status: 'draft',
        }),
      );
      await this.recordTransition(tx, saved.id, null, 'draft', user.id, null);
      return saved.id;
    });
    return this.get(user, id);
  }

  /** Autosave: the submitter changes any fields of their own draft, or of one sent back for changes. */
  async update(user: UserEntity, id: string, body: SaveCaseStudyDto): Promise<CaseStudyView> {
    const study = await this.findOwn(user, id);
    if (!EDITABLE.includes(study.status)) throw new CaseStudyTransitionException('edit', study.status);
    await this.checkReferences(study.documentId, body);
    await this.db.getRepository(CaseStudyEntity).update({ id }, { ...body });
    return this.get(user, id);
  }

  async submit(user: UserEntity, id: string): Promise<CaseStudyView> {
    const study = await this.findOwn(user, id);
    if (!EDITABLE.includes(study.status)) throw new CaseStudyTransitionException('submit', study.status);
    const problems = submissionProblems(fieldsOf(study));
    if (problems.length) throw new CaseStudyIncompleteException(problems);
    await this.transition(study, 'submitted', user, null, { submittedAt: new Date(), reviewMessage: null });
    return this.get(user, id);
  }

  /** An editor takes a submitted case study into review, assigned to themselves. */
  async assign(user: UserEntity, id: string): Promise<CaseStudyView> {
    this.requireEditor(user);
    const study = await this.findAny(id);
    if (study.status !== 'submitted' && study.status !== 'in_review') throw new CaseStudyTransitionException('review', study.status);
    await this.transition(study, 'in_review', user, null, { assignedEditorId: user.id });
    return this.get(user, id);
  }

  async decide(user: UserEntity, id: string, body: DecideCaseStudyDto): Promise<CaseStudyView> {
    this.requireEditor(user);
    const study = await this.findAny(id);
    if (study.status !== 'in_review') throw new CaseStudyTransitionException('decide on', study.status);
    if (body.decision !== 'accepted' && !body.message) {
      throw new CaseStudyIncompleteException([{ field: 'message', problems: ['tell the submitter why'] }]);
    }
    if (body.decision === 'accepted' && !study.consentToPublish) {
      throw new CaseStudyIncompleteException([{ field: 'consentToPublish', problems: ['the submitter has not agreed to publication'] }]);
    }
    const disposition = body.decision === 'accepted' ? 'accepted' : body.decision === 'declined' ? 'declined' : 'pending';
    await this.transition(study, body.decision, user, body.message ?? null, {
      reviewMessage: body.message ?? null,
      decidedAt: body.decision === 'changes_requested' ? null : new Date(),
    }, disposition);
    return this.get(user, id);
  }

  /** Accepted case studies are public; anything else only to its submitter and to editors, else 404. */
  async get(user: UserEntity | null, id: string): Promise<CaseStudyView> {
    const study = await this.db.getRepository(CaseStudyEntity).findOne({ where: { id } });
    const privileged = user !== null && study !== null && (study.authorId === user.id || hasRole(user.role, 'editor'));
    if (!study || (study.status !== 'accepted' && !privileged)) throw new CaseStudyNotFoundException(id);
    const [names]: AuthorRow[] = await this.db.query(
      `SELECT a.display_name AS author_name, a.organisation AS author_organisation, e.display_name AS editor_name
         FROM users a LEFT JOIN users e ON e.id = $2 WHERE a.id = $1`,
      [study.authorId, study.assignedEditorId],
    );
    const view: CaseStudyView = {
      id: study.id,
      ...fieldsOf(study),
      status: study.status,
      submittedBy: attributionOf(study.attribution, names?.author_name ?? '', names?.author_organisation ?? null),
      submitterGroup: study.authorGroup,
      reviewMessage: privileged ? study.reviewMessage : null,
      assignedEditor: privileged ? (names?.editor_name ?? null) : null,
      includedInVersion: study.includedInVersion,
      createdAt: study.createdAt.toISOString(),
      updatedAt: study.updatedAt.toISOString(),
      submittedAt: study.submittedAt?.toISOString() ?? null,
      decidedAt: study.decidedAt?.toISOString() ?? null,
    };
    if (privileged) view.transitions = await this.transitions(id);
    return view;
  }

  /**
   * The public gallery: accepted case studies, filtered and searched, with a count beside every
   * facet value. One statement: the full-text match runs once into a materialised set, and each
   * facet counts what the other filters leave, so choosing a value never hides its siblings.
   */
  async gallery(query: GalleryQuery): Promise<CaseStudyGallery> {
    const limit = query.limit ?? 24;
    const offset = decodeOffsetCursor(query.cursor);
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const tsquery = query.q ? `websearch_to_tsquery('english', ${param(query.q)})` : null;
    const flag = (enabled: boolean, sql: () => string) => (enabled ? sql() : 'true');
    const domain = flag(!!query.domain, () => `cs.domains @> ARRAY[${param(query.domain)}]::case_study_domain[]`);
    const region = flag(!!query.region, () => `cs.region = ${param(query.region)}`);
    const group = flag(!!query.group, () => `cs.stakeholder_groups @> ARRAY[${param(query.group)}]::stakeholder_group[]`);
    const year = flag(!!query.year, () => `${param(query.year)}::int BETWEEN cs.year_from AND coalesce(cs.year_to, cs.year_from)`);
    const pageLimit = param(limit + 1);
    const pageOffset = param(offset);
    const all = 'f_domain AND f_region AND f_group AND f_year';

    const [result]: { page: CardRow[] | null; total: number; facets: Record<'domain' | 'region' | 'group' | 'year', FacetCount[] | null> }[] =
      await this.db.query(
        `WITH base AS MATERIALIZED (
           SELECT cs.id, cs.region, cs.year_from, cs.year_to, cs.domains, cs.stakeholder_groups, cs.decided_at,
                  ${tsquery ? `ts_rank(cs.search, ${tsquery})` : '0'} AS rank,
                  ${domain} AS f_domain, ${region} AS f_region, ${group} AS f_group, ${year} AS f_year
             FROM case_studies cs
            WHERE cs.status = 'accepted' ${tsquery ? `AND cs.search @@ ${tsquery}` : ''}
         ),
         page AS (
           SELECT cs.id, cs.title, cs.region, cs.year_from, cs.year_to, cs.domains::text AS domains,
                  cs.stakeholder_groups::text AS stakeholder_groups, left(cs.what_opened, 240) AS what_opened, cs.language, cs.attribution,
                  u.display_name AS author_name, u.organisation AS author_organisation, cs.status, cs.updated_at
             FROM (SELECT id, rank, decided_at FROM base WHERE ${all}
                    ORDER BY rank DESC, decided_at DESC NULLS LAST, id
                    LIMIT ${pageLimit} OFFSET ${pageOffset}) b
             JOIN case_studies cs ON cs.id = b.id
             JOIN users u ON u.id = cs.author_id
            ORDER BY b.rank DESC, b.decided_at DESC NULLS LAST, b.id
         )
         SELECT (SELECT json_agg(page) FROM page) AS page,
                (SELECT count(*)::int FROM base WHERE ${all}) AS total,
                json_build_object(
                  'domain', (SELECT json_agg(json_build_object('value', value, 'count', n)) FROM
                              (SELECT d AS value, count(*)::int AS n FROM base, unnest(domains) d
                                WHERE f_region AND f_group AND f_year GROUP BY d) x),
                  'region', (SELECT json_agg(json_build_object('value', value, 'count', n) ORDER BY n DESC, value) FROM
                              (SELECT region AS value, count(*)::int AS n FROM base
                                WHERE f_domain AND f_group AND f_year AND region <> '' GROUP BY region) x),
                  'group', (SELECT json_agg(json_build_object('value', value, 'count', n)) FROM
                              (SELECT g AS value, count(*)::int AS n FROM base, unnest(stakeholder_groups) g
                                WHERE f_domain AND f_region AND f_year GROUP BY g) x),
                  'year', (SELECT json_agg(json_build_object('value', value::text, 'count', n) ORDER BY value DESC) FROM
                              (SELECT y AS value, count(*)::int AS n FROM base,
                                      generate_series(year_from, coalesce(year_to, year_from)) y
                                WHERE f_domain AND f_region AND f_group GROUP BY y) x)
                ) AS facets`,
        params,
      );
    const rows = (result?.page ?? []).map((row) => ({ ...row, updated_at: new Date(row.updated_at) }));
    const facets = result?.facets;
    const order = <T extends string>(values: readonly T[], counts: FacetCount[] | null | undefined) =>
      values.flatMap((value) => (counts ?? []).filter((c) => c.value === value)) as FacetCount<T>[];
    return {
      items: rows.slice(0, limit).map(toCard),
      total: result?.total ?? 0,
      facets: {
        domain: order(CASE_STUDY_DOMAINS, facets?.domain),
        region: facets?.region ?? [],
        group: order(STAKEHOLDER_GROUPS, facets?.group),
        year: facets?.year ?? [],
      },
      nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null,
    };
  }

  /** Editors' queue: what waits for review, oldest submission first. */
  async queue(user: UserEntity, query: QueueQuery): Promise<CaseStudyCard[]> {
    this.requireEditor(user);
    const params: unknown[] = [];
    const clauses = [`cs.status IN ('submitted', 'in_review')`];
    if (query.status) {
      params.push(query.status);
      clauses.push(`cs.status = $${params.length}`);
    }
    if (query.mine) {
      params.push(user.id);
      clauses.push(`cs.assigned_editor_id = $${params.length}`);
    }
    if (query.group) {
      params.push(query.group);
      clauses.push(`cs.stakeholder_groups @> ARRAY[$${params.length}]::stakeholder_group[]`);
    }
    if (query.domain) {
      params.push(query.domain);
      clauses.push(`cs.domains @> ARRAY[$${params.length}]::case_study_domain[]`);
    }
    const rows: CardRow[] = await this.db.query(
      `SELECT cs.id, cs.title, cs.region, cs.year_from, cs.year_to, cs.domains::text AS domains,
              cs.stakeholder_groups::text AS stakeholder_groups, left(cs.what_opened, 240) AS what_opened, cs.language,
              'named'::attribution AS attribution, u.display_name AS author_name, u.organisation AS author_organisation,
              cs.status, cs.updated_at
         FROM case_studies cs JOIN users u ON u.id = cs.author_id
        WHERE ${clauses.join(' AND ')}
        ORDER BY cs.submitted_at ASC NULLS LAST, cs.id
        LIMIT 200`,
      params,
    );
    return rows.map(toCard);
  }

  /** The submitter's own case studies in every state, newest first. */
  async mine(user: UserEntity): Promise<CaseStudyCard[]> {
    const rows: CardRow[] = await this.db.query(
      `SELECT cs.id, cs.title, cs.region, cs.year_from, cs.year_to, cs.domains::text AS domains,
              cs.stakeholder_groups::text AS stakeholder_groups, left(cs.what_opened, 240) AS what_opened, cs.language, cs.attribution,
              u.display_name AS author_name, u.organisation AS author_organisation, cs.status, cs.updated_at
         FROM case_studies cs JOIN users u ON u.id = cs.author_id
        WHERE cs.author_id = $1 ORDER BY cs.updated_at DESC`,
      [user.id],
    );
    return rows.map(toCard);
  }

  private requireEditor(user: UserEntity): void {
    if (!hasRole(user.role, 'editor')) throw new RoleRequiredException('editor');
  }

  private async findAny(id: string): Promise<CaseStudyEntity> {
    const study = await this.db.getRepository(CaseStudyEntity).findOne({ where: { id } });
    if (!study) throw new CaseStudyNotFoundException(id);
    return study;
  }

  /** Someone else's case study answers 404, exactly like one that does not exist. */
  private async findOwn(user: UserEntity, id: string): Promise<CaseStudyEntity> {
    const study = await this.db.getRepository(CaseStudyEntity).findOne({ where: { id, authorId: user.id } });
    if (!study) throw new CaseStudyNotFoundException(id);
    return study;
  }

  /** Region codes must be real, and related paragraphs must belong to the case study's document. */
  private async checkReferences(documentId: string, body: SaveCaseStudyDto): Promise<void> {
    const details = [];
    if (body.region && !isKnownRegion(body.region)) {
      details.push({ field: 'region', problems: ['must be an ISO 3166 country code or a UN region code'] });
    }
    if (body.paragraphKeys?.length) {
      const found: { key: string }[] = await this.db.query(
        'SELECT key FROM paragraphs WHERE document_id = $1 AND key = ANY($2)',
        [documentId, body.paragraphKeys],
      );
      const missing = body.paragraphKeys.filter((key) => !found.some((f) => f.key === key));
      if (missing.length) details.push({ field: 'paragraphKeys', problems: [`unknown paragraphs: ${missing.join(', ')}`] });
    }
    if (details.length) throw new CaseStudyIncompleteException(details);
  }

  /**
   * Moves a case study from the status it was read in, and records who did it. The status check in
   * the UPDATE makes two racing editors' decisions safe: the second finds nothing to update.
   */
  private async transition(
    study: CaseStudyEntity,
    to: CaseStudyStatus,
    actor: UserEntity,
    message: string | null,
    changes: Partial<CaseStudyEntity>,
    disposition?: 'accepted' | 'declined' | 'pending',
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const result: [unknown[], number] = await tx.query(
        `UPDATE case_studies SET status = $2, updated_at = now() WHERE id = $1 AND status = $3`,
        [study.id, to, study.status],
      );
      if (result[1] !== 1) throw new CaseStudyTransitionException('change', study.status);
      await tx.update(CaseStudyEntity, { id: study.id }, { ...changes, ...(disposition ? { disposition } : {}) });
      await this.recordTransition(tx, study.id, study.status, to, actor.id, message);
    });
  }

  private async recordTransition(
    tx: EntityManager,
    caseStudyId: string,
    from: CaseStudyStatus | null,
    to: CaseStudyStatus,
    actorId: string,
    message: string | null,
  ): Promise<void> {
    await tx.insert(CaseStudyTransitionEntity, { caseStudyId, fromStatus: from, toStatus: to, actorId, message });
  }

  private async transitions(id: string): Promise<CaseStudyTransitionView[]> {
    const rows: { from_status: CaseStudyStatus | null; to_status: CaseStudyStatus; by: string; message: string | null; created_at: Date }[] =
      await this.db.query(
        `SELECT t.from_status, t.to_status, u.display_name AS by, t.message, t.created_at
           FROM case_study_transitions t JOIN users u ON u.id = t.actor_id
          WHERE t.case_study_id = $1 ORDER BY t.id`,
        [id],
      );
    return rows.map((r) => ({ from: r.from_status, to: r.to_status, by: r.by, message: r.message, at: r.created_at.toISOString() }));
  }
}

function fieldsOf(study: CaseStudyEntity): CaseStudyFields {
  return {
    title: study.title,
    region: study.region,
    yearFrom: study.yearFrom,
    yearTo: study.yearTo,
    domains: study.domains,
    stakeholderGroups: study.stakeholderGroups,
    closedDoor: study.closedDoor,
    whatOpened: study.whatOpened,
    outcome: study.outcome,
    lessons: study.lessons,
    links: study.links,
    paragraphKeys: study.paragraphKeys,
    consentToPublish: study.consentToPublish,
    attribution: study.attribution,
    language: study.language,
  };
}

function attributionOf(kind: CaseStudyEntity['attribution'], name: string, organisation: string | null) {
  return {
    kind,
    name: kind === 'named' ? name : null,
    organisation: kind === 'anonymous' ? null : organisation,
  };
}

function toCard(row: CardRow): CaseStudyCard {
  return {
    id: row.id,
    title: row.title,
    region: row.region,
    yearFrom: row.year_from,
    yearTo: row.year_to,
    domains: parsePgArray(row.domains),
    stakeholderGroups: parsePgArray(row.stakeholder_groups),
    excerpt: row.what_opened,
    language: row.language,
    submittedBy: attributionOf(row.attribution, row.author_name, row.author_organisation),
    status: row.status,
    updatedAt: row.updated_at.toISOString(),
  };
}
