import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { DocumentVersionView, DraftView, FieldError } from '@doorway/contracts';
import { DocumentsService } from '../documents/documents.service';
import type { UserEntity } from '../users/entities/user.entity';
import { requireEditor, visibleDocument } from './access';
import { buildDraftView } from './draft-view';
import type { PublishDto, SaveDraftDto } from './dto/version.dto';
import {
  DraftBusyException,
  DraftChangedException,
  DraftEmptyException,
  DraftInvalidException,
  PreconditionRequiredException,
  PublishRefusedException,
} from './exceptions/version.exceptions';
import { parseIfMatch } from './if-match';
import { findDocument, loadProvenanceRefs, loadRevisions } from './version-queries';
import type { DocumentRef } from './version-queries';

interface DraftRow {
  id: string;
  number: number;
  lock_version: number;
  label: string;
  changelog: string;
  created_at: Date;
  base_id: string | null;
  base_number: number | null;
}

/** A draft save, checked against the database and resolved to ids, ready to write. */
interface DraftPlan {
  sections: { key: string; title: string }[];
  paragraphs: {
    section: number;
    /** Null for a new paragraph: it gets a fresh key when written. */
    paragraphId: string | null;
    text: string;
    contributionIds: string[];
    caseStudyId: string | null;
  }[];
}

/** Contributions that a revision may answer. Case studies are cited through caseStudyId instead. */
const CITABLE_KINDS = ['comment', 'reply', 'suggestion'];
/** Dispositions under which a cited contribution counts as answered by the version that cites it. */
const ANSWERED_DISPOSITIONS = ['accepted', 'partially_accepted'];

/**
 * The draft of a document's next version: opened (copied from the current version) on first
 * read, saved whole under optimistic locking, and published in one transaction.
 *
 * Locking: the client sends `If-Match: <lockVersion>`; every write starts with
 * `UPDATE document_versions … WHERE id = $1 AND lock_version = $2`, which bumps the version and
 * serialises writers on the draft's row; a writer whose update touches no row lost the race
 * and gets 412 with the draft as it now stands. Nothing else of the draft is written before that
 * update succeeds, so no save can overwrite another unseen.
 *
 * Provenance travels with the text: opening a draft copies each base revision's provenance, so a
 * paragraph edited in v2 and kept in v3 still shows who shaped it. Because of that, publishing
 * sets `answered_in_version` (and a case study's `included_in_version`) only where it is not set
 * yet: the version that first answered a contribution keeps the credit.
 */
@Injectable()
export class DraftsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  /** Editors: the draft of the next version; the first call after a publication creates it. */
  async open(user: UserEntity, slug: string): Promise<DraftView> {
    requireEditor(user);
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    // A publication may consume a draft between its creation and its reading; then start over.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const draft = await this.readDraft(document);
      if (draft) return draft.view;
      await this.createDraft(user, document.id);
    }
    throw new DraftBusyException();
  }

  /** Editors: replace the whole draft, if it is still the one the editor read (If-Match). */
  async save(user: UserEntity, slug: string, ifMatch: string | string[] | undefined, body: SaveDraftDto): Promise<DraftView> {
    requireEditor(user);
    const expected = lockVersionFrom(ifMatch);
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const draft = await this.draftRow(this.db.manager, document.id);
    if (!draft || draft.lock_version !== expected) throw await this.changed(document, expected);
    const plan = await this.plan(document.id, body);

    const saved = await this.db.transaction(async (m) => {
      const [bumped]: [unknown[], number] = await m.query(
        `UPDATE document_versions
            SET lock_version = lock_version + 1, label = coalesce($3, label), changelog = coalesce($4, changelog)
          WHERE id = $1 AND lock_version = $2 AND status = 'draft'
         RETURNING lock_version`,
        [draft.id, expected, body.label ?? null, body.changelog ?? null],
      );
      if (!bumped.length) return null;
      await this.writeContent(m, document.id, draft.id, plan);
      // Read back inside the transaction: the answer is exactly what this save wrote.
      return this.loadDraft(m, document);
    });
    if (!saved) throw await this.changed(document, expected);
    return saved.view;
  }

  /**
   * Editors: publish the draft as the next version, in one transaction: flip it to published
   * (exactly one concurrent publisher wins), make it current, mark the accepted contributions it
   * answers and the case studies it includes. If any step fails, nothing of it remains.
   */
  async publish(user: UserEntity, slug: string, ifMatch: string | string[] | undefined, body: PublishDto): Promise<DocumentVersionView> {
    requireEditor(user);
    const expected = lockVersionFrom(ifMatch);
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const draft = await this.readDraft(document);
    if (!draft || draft.view.lockVersion !== expected) throw await this.changed(document, expected, draft?.view);
    if (!draft.view.sections.some((s) => s.paragraphs.length)) throw new DraftEmptyException();
    // What is published is what was read: any save since then would have bumped the lock, and the flip below would fail.
    const changelog = body.changelog ?? (draft.view.changelog || draft.view.generatedChangelog);

    const published = await this.db.transaction(async (m) => {
      const [flipped]: [{ number: number }[], number] = await m.query(
        `UPDATE document_versions
            SET status = 'published', published_at = now(), lock_version = lock_version + 1,
                label = coalesce($3, label), changelog = $4
          WHERE id = $1 AND lock_version = $2 AND status = 'draft'
         RETURNING number`,
        [draft.id, expected, body.label ?? null, changelog],
      );
      const number = flipped[0]?.number;
      if (number === undefined) return null;
      await m.query('UPDATE documents SET current_version_id = $2 WHERE id = $1', [document.id, draft.id]);
      await m.query(
        `UPDATE contributions SET answered_in_version = $2
          WHERE answered_in_version IS NULL AND disposition::text = ANY($3::text[])
            AND id IN (SELECT rp.contribution_id FROM revision_provenance rp
                         JOIN paragraph_revisions r ON r.id = rp.revision_id
                        WHERE r.version_id = $1 AND rp.contribution_id IS NOT NULL)`,
        [draft.id, number, ANSWERED_DISPOSITIONS],
      );
      const [studies]: [{ title: string; status: string }[], number] = await m.query(
        `UPDATE case_studies SET included_in_version = coalesce(included_in_version, $2)
          WHERE id IN (SELECT rp.case_study_id FROM revision_provenance rp
                         JOIN paragraph_revisions r ON r.id = rp.revision_id
                        WHERE r.version_id = $1 AND rp.case_study_id IS NOT NULL)
         RETURNING title, status::text AS status`,
        [draft.id, number],
      );
      // Checked on the rows just locked by the update: a case study withdrawn since the save cannot slip in.
      const withdrawn = studies.find((s) => s.status !== 'accepted');
      if (withdrawn) throw new PublishRefusedException(`the case study “${withdrawn.title}” is no longer accepted`);
      return number;
    });
    if (published === null) throw await this.changed(document, expected);
    return this.documents.read(user, slug, published);
  }

  /** The 412, carrying the draft as it stands now (null when there is none). */
  private async changed(document: DocumentRef, expected: number, current?: DraftView): Promise<DraftChangedException> {
    const view = current ?? (await this.readDraft(document))?.view ?? null;
    return new DraftChangedException(view, expected);
  }

  private async draftRow(m: EntityManager, documentId: string): Promise<DraftRow | undefined> {
    const [row]: DraftRow[] = await m.query(
      `SELECT dv.id, dv.number, dv.lock_version, dv.label, dv.changelog, dv.created_at,
              bv.id AS base_id, bv.number AS base_number
         FROM document_versions dv
         LEFT JOIN document_versions bv ON bv.id = dv.based_on_version_id
        WHERE dv.document_id = $1 AND dv.status = 'draft'`,
      [documentId],
    );
    return row;
  }

  /** The draft and its base read from one snapshot, so the view never mixes two saves. */
  private readDraft(document: DocumentRef): Promise<{ id: string; view: DraftView } | null> {
    return this.db.transaction('REPEATABLE READ', (m) => this.loadDraft(m, document));
  }

  private async loadDraft(m: EntityManager, document: DocumentRef): Promise<{ id: string; view: DraftView } | null> {
    const draft = await this.draftRow(m, document.id);
    if (!draft) return null;
    const sections: { key: string; title: string }[] = await m.query(
      'SELECT key, title FROM version_sections WHERE version_id = $1 ORDER BY position',
      [draft.id],
    );
    const revisions = await loadRevisions(m, draft.base_id ? [draft.id, draft.base_id] : [draft.id]);
    const refs = await loadProvenanceRefs(m, revisions);
    const view = buildDraftView({
      documentSlug: document.slug,
      number: draft.number,
      baseNumber: draft.base_number ?? 0,
      lockVersion: draft.lock_version,
      label: draft.label,
      changelog: draft.changelog,
      // document_versions has no updated_at yet; until it does, this is when the draft was opened.
      updatedAt: draft.created_at,
      sections,
      draft: revisions.filter((r) => r.version_id === draft.id),
      base: revisions.filter((r) => r.version_id === draft.base_id),
      refs,
    });
    return { id: draft.id, view };
  }

  /**
   * Copies the current version (sections, revisions, provenance) into a new draft numbered after
   * the last version. The document row is locked meanwhile, so two editors opening at once create
   * one draft, and a publication in flight is waited for.
   */
  private async createDraft(user: UserEntity, documentId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [locked]: { current_version_id: string | null }[] = await m.query(
        'SELECT current_version_id FROM documents WHERE id = $1 FOR UPDATE',
        [documentId],
      );
      if (!locked || (await this.draftRow(m, documentId))) return;
      const base = locked.current_version_id;
      const [created]: { id: string }[] = await m.query(
        `INSERT INTO document_versions (document_id, number, label, status, lock_version, changelog, based_on_version_id, created_by_id)
         SELECT $1::uuid, coalesce(max(number), 0) + 1, '', 'draft', 1, '', $2::uuid, $3::uuid
           FROM document_versions WHERE document_id = $1::uuid
         RETURNING id`,
        [documentId, base, user.id],
      );
      if (!created || !base) return;
      await m.query(
        `INSERT INTO version_sections (version_id, key, title, position)
         SELECT $1, key, title, position FROM version_sections WHERE version_id = $2`,
        [created.id, base],
      );
      await m.query(
        `INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text)
         SELECT $1, r.paragraph_id, ns.id, r.position, r.text
           FROM paragraph_revisions r
           JOIN version_sections os ON os.id = r.section_id
           JOIN version_sections ns ON ns.version_id = $1 AND ns.key = os.key
          WHERE r.version_id = $2`,
        [created.id, base],
      );
      await m.query(
        `INSERT INTO revision_provenance (revision_id, contribution_id, case_study_id)
         SELECT nr.id, rp.contribution_id, rp.case_study_id
           FROM revision_provenance rp
           JOIN paragraph_revisions r ON r.id = rp.revision_id AND r.version_id = $2
           JOIN paragraph_revisions nr ON nr.version_id = $1 AND nr.paragraph_id = r.paragraph_id`,
        [created.id, base],
      );
    });
  }

  /**
   * Checks what only the database knows, naming each offending field the way the validation
   * pipe does (`sections.2.paragraphs.4.provenance.0`): keys of this document, each at most once;
   * citable contributions of this document; accepted case studies of this document.
   */
  private async plan(documentId: string, body: SaveDraftDto): Promise<DraftPlan> {
    const problems: FieldError[] = [];
    const problem = (field: string, message: string) => problems.push({ field, problems: [message] });
    const all = body.sections.flatMap((section, s) => section.paragraphs.map((paragraph, p) => ({ paragraph, s, p })));
    const keys = [...new Set(all.flatMap(({ paragraph }) => (paragraph.key ? [paragraph.key] : [])))];
    const contributionIds = [...new Set(all.flatMap(({ paragraph }) => paragraph.provenance))];
    const caseStudyIds = [...new Set(all.flatMap(({ paragraph }) => (paragraph.caseStudyId ? [paragraph.caseStudyId] : [])))];

    const [paragraphs, contributions, studies]: [{ id: string; key: string }[], { id: string }[], { id: string }[]] = await Promise.all([
      keys.length ? this.db.query('SELECT id, key FROM paragraphs WHERE document_id = $1 AND key = ANY($2::varchar[])', [documentId, keys]) : [],
      contributionIds.length
        ? this.db.query(
            `SELECT id FROM contributions WHERE document_id = $1 AND id = ANY($2::uuid[]) AND kind::text = ANY($3::text[])`,
            [documentId, contributionIds, CITABLE_KINDS],
          )
        : [],
      caseStudyIds.length
        ? this.db.query(`SELECT id FROM case_studies WHERE document_id = $1 AND id = ANY($2::uuid[]) AND status = 'accepted'`, [
            documentId,
            caseStudyIds,
          ])
        : [],
    ]);
    const paragraphIds = new Map(paragraphs.map((row) => [row.key, row.id]));
    const citable = new Set(contributions.map((row) => row.id));
    const accepted = new Set(studies.map((row) => row.id));

    const sectionKeys = new Set<string>();
    body.sections.forEach((section, s) => {
      if (sectionKeys.has(section.key)) problem(`sections.${s}.key`, 'is the key of an earlier section');
      sectionKeys.add(section.key);
    });
    const seen = new Set<string>();
    for (const { paragraph, s, p } of all) {
      const at = `sections.${s}.paragraphs.${p}`;
      if (paragraph.key !== null) {
        if (seen.has(paragraph.key)) problem(`${at}.key`, 'appears earlier in the draft');
        else if (!paragraphIds.has(paragraph.key)) problem(`${at}.key`, 'is not a paragraph of this document (send null for a new one)');
        seen.add(paragraph.key);
      }
      paragraph.provenance.forEach((id, i) => {
        if (!citable.has(id)) problem(`${at}.provenance.${i}`, 'is not a comment, reply or suggestion on this document');
      });
      if (paragraph.caseStudyId && !accepted.has(paragraph.caseStudyId)) {
        problem(`${at}.caseStudyId`, 'is not an accepted case study of this document');
      }
    }
    if (problems.length) throw new DraftInvalidException(problems);

    return {
      sections: body.sections.map((section) => ({ key: section.key, title: section.title })),
      paragraphs: all.map(({ paragraph, s }) => ({
        section: s,
        paragraphId: paragraph.key === null ? null : (paragraphIds.get(paragraph.key) ?? null),
        text: paragraph.text,
        contributionIds: paragraph.provenance,
        caseStudyId: paragraph.caseStudyId ?? null,
      })),
    };
  }

  /**
   * Replaces the draft's sections, revisions and provenance, in a constant number of statements
   * whatever the draft's size. Positions run 1..N across the version in reading order.
   */
  private async writeContent(m: EntityManager, documentId: string, versionId: string, plan: DraftPlan): Promise<void> {
    await m.query('DELETE FROM paragraph_revisions WHERE version_id = $1', [versionId]);
    await m.query('DELETE FROM version_sections WHERE version_id = $1', [versionId]);

    const fresh = await this.createParagraphs(m, documentId, plan.paragraphs.filter((p) => p.paragraphId === null).length);
    let next = 0;
    const paragraphIds = plan.paragraphs.map((p) => p.paragraphId ?? fresh[next++] ?? '');

    const sections: { id: string; key: string }[] = await m.query(
      `INSERT INTO version_sections (version_id, key, title, position)
       SELECT $1, s.key, s.title, s.ord FROM unnest($2::varchar[], $3::varchar[]) WITH ORDINALITY AS s(key, title, ord)
       RETURNING id, key`,
      [versionId, plan.sections.map((s) => s.key), plan.sections.map((s) => s.title)],
    );
    const sectionIds = new Map(sections.map((s) => [s.key, s.id]));
    const revisions: { id: string; paragraph_id: string }[] = plan.paragraphs.length
      ? await m.query(
          `INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text)
           SELECT $1, x.paragraph_id, x.section_id, x.ord, x.text
             FROM unnest($2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS x(paragraph_id, section_id, text, ord)
           RETURNING id, paragraph_id`,
          [
            versionId,
            paragraphIds,
            plan.paragraphs.map((p) => sectionIds.get(plan.sections[p.section]?.key ?? '') ?? null),
            plan.paragraphs.map((p) => p.text),
          ],
        )
      : [];
    const revisionOf = new Map(revisions.map((r) => [r.paragraph_id, r.id]));

    const provenance: [string, string | null, string | null][] = plan.paragraphs.flatMap((p, i) => {
      const revision = revisionOf.get(paragraphIds[i] ?? '') ?? '';
      const rows: [string, string | null, string | null][] = p.contributionIds.map((id) => [revision, id, null]);
      if (p.caseStudyId) rows.push([revision, null, p.caseStudyId]);
      return rows;
    });
    if (provenance.length) {
      await m.query(
        `INSERT INTO revision_provenance (revision_id, contribution_id, case_study_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])`,
        [provenance.map((r) => r[0]), provenance.map((r) => r[1]), provenance.map((r) => r[2])],
      );
    }
    // Paragraphs created by an earlier save and dropped since: nothing refers to them any more.
    await m.query(
      `DELETE FROM paragraphs p
        WHERE p.document_id = $1
          AND NOT EXISTS (SELECT 1 FROM paragraph_revisions r WHERE r.paragraph_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM contributions c WHERE c.paragraph_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM contribution_paragraphs cp WHERE cp.paragraph_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM case_studies cs WHERE cs.document_id = p.document_id AND cs.paragraph_keys @> ARRAY[p.key]::varchar[])`,
      [documentId],
    );
  }

  /** New stable paragraphs with random keys `p-<8 hex>`; a key already taken is drawn again. */
  private async createParagraphs(m: EntityManager, documentId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let round = 0; ids.length < count; round += 1) {
      if (round > 5) throw new Error('Could not draw unused paragraph keys');
      const keys = Array.from({ length: count - ids.length }, () => `p-${randomBytes(4).toString('hex')}`);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO paragraphs (document_id, key) SELECT $1, k FROM unnest($2::varchar[]) AS k
         ON CONFLICT (document_id, key) DO NOTHING RETURNING id`,
        [documentId, keys],
      );
      ids.push(...rows.map((row) => row.id));
    }
    return ids;
  }
}

function lockVersionFrom(header: string | string[] | undefined): number {
  const version = parseIfMatch(header);
  if (version === undefined || version === null) throw new PreconditionRequiredException(version === null);
  return version;
}
