import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { diffWords } from 'diff';
import type { DiffWord, DocumentVersionView, ParagraphHistory, ParagraphHistoryEntry, VersionDiff, VersionSummary } from '@doorway/contracts';
import { DocumentsService } from '../documents/documents.service';
import { ParagraphNotFoundException, VersionNotFoundException } from '../documents/exceptions/document.exceptions';
import type { UserEntity } from '../users/entities/user.entity';
import { isEditor, visibleDocument } from './access';
import { alignParagraphs, diffChange } from './alignment';
import { findDocument, findPublishedVersion, loadProvenanceRefs, loadRevisions, placed, refsOf } from './version-queries';
import type { VersionRow } from './version-queries';

/**
 * Reading the history of a document: its versions, any published one, the difference between
 * two, and one paragraph across all of them. Public, except that a document in the draft phase
 * is only for editors, and the draft of the next version is listed only to them.
 */
@Injectable()
export class VersionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  async list(user: UserEntity | null, slug: string): Promise<VersionSummary[]> {
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const rows: VersionRow[] = await this.db.query(
      `SELECT id, number, label, status, published_at, changelog FROM document_versions
        WHERE document_id = $1 AND (status = 'published' OR $2::boolean)
        ORDER BY number`,
      [document.id, isEditor(user)],
    );
    return rows.map((row) => ({
      number: row.number,
      label: row.label,
      status: row.status,
      publishedAt: row.published_at?.toISOString() ?? null,
      changelog: row.changelog,
    }));
  }

  /** Any published version, shaped like the current one (comment counts hang on keys, so they are today's). */
  version(user: UserEntity | null, slug: string, number: number): Promise<DocumentVersionView> {
    return this.documents.read(user, slug, number);
  }

  /** Two published versions aligned by paragraph key, with a word-level diff of each changed paragraph. */
  async diff(user: UserEntity | null, slug: string, fromNumber: number, toNumber: number): Promise<VersionDiff> {
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const [from, to] = await Promise.all([
      findPublishedVersion(this.db.manager, document.id, fromNumber),
      findPublishedVersion(this.db.manager, document.id, toNumber),
    ]);
    if (!from) throw new VersionNotFoundException(slug, fromNumber);
    if (!to) throw new VersionNotFoundException(slug, toNumber);
    const revisions = await loadRevisions(this.db.manager, [from.id, to.id]);
    const aligned = alignParagraphs(
      revisions.filter((r) => r.version_id === from.id).map(placed),
      revisions.filter((r) => r.version_id === to.id).map(placed),
    );
    return {
      from: fromNumber,
      to: toNumber,
      paragraphs: aligned.map((paragraph) => ({
        key: paragraph.key,
        change: diffChange(paragraph),
        from: paragraph.from && { number: paragraph.from.number, section: paragraph.from.section, text: paragraph.from.text },
        to: paragraph.to && { number: paragraph.to.number, section: paragraph.to.section, text: paragraph.to.text },
        words: paragraph.edited && paragraph.from && paragraph.to ? wordDiff(paragraph.from.text, paragraph.to.text) : [],
      })),
    };
  }

  /** One paragraph through every published version that has it, with what shaped each revision. */
  async history(user: UserEntity | null, slug: string, key: string): Promise<ParagraphHistory> {
    const document = visibleDocument(user, slug, await findDocument(this.db.manager, slug));
    const [paragraph]: { id: string }[] = await this.db.query('SELECT id FROM paragraphs WHERE document_id = $1 AND key = $2', [
      document.id,
      key,
    ]);
    if (!paragraph) throw new ParagraphNotFoundException(slug, key);
    const versions: { id: string; number: number }[] = await this.db.query(
      `SELECT id, number FROM document_versions WHERE document_id = $1 AND status = 'published' ORDER BY number`,
      [document.id],
    );
    const revisions = await loadRevisions(this.db.manager, versions.map((v) => v.id), paragraph.id);
    const refs = await loadProvenanceRefs(this.db.manager, revisions);
    const byVersion = new Map(revisions.map((r) => [r.version_id, r]));

    const entries: ParagraphHistoryEntry[] = [];
    let previous: string | undefined;
    versions.forEach((version, index) => {
      const revision = byVersion.get(version.id);
      if (revision) {
        entries.push({
          versionNumber: version.number,
          number: revision.position,
          section: revision.section_key,
          text: revision.text,
          // New in this version (absent from the previous one) counts as changed; the first version's text does not.
          changed: index > 0 && previous !== revision.text,
          provenance: refsOf(revision, refs),
        });
      }
      previous = revision?.text;
    });
    if (!entries.length) throw new ParagraphNotFoundException(slug, key);
    return { key, entries };
  }
}

/** The `diff` package's word diff, reduced to what the contract carries. */
export function wordDiff(before: string, after: string): DiffWord[] {
  return diffWords(before, after).map((change) => ({
    value: change.value,
    ...(change.added ? { added: true } : {}),
    ...(change.removed ? { removed: true } : {}),
  }));
}
