import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change stamp per document: a counter that only grows, bumped by triggers whenever anything
 * the document view shows may have changed. The API keeps the serialized view in memory and
 * checks the stamp (one cheap statement) before serving it again; any instance sees any other's
 * writes, because the stamp lives in the database. Sharded like the comment counters, so that
 * concurrent comments do not queue on one row.
 */
const SHARDS = 8;

export class DocumentViewStamps1764777600000 implements MigrationInterface {
  name = 'DocumentViewStamps1764777600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE document_view_changes (
      document_id uuid NOT NULL CONSTRAINT document_view_changes_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      shard smallint NOT NULL,
      n bigint NOT NULL,
      CONSTRAINT document_view_changes_pkey PRIMARY KEY (document_id, shard)
    )`);
    await q.query(`CREATE FUNCTION bump_document_view(p_document uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO document_view_changes (document_id, shard, n)
        SELECT p_document, floor(random() * ${SHARDS})::smallint, 1 WHERE p_document IS NOT NULL
        ON CONFLICT (document_id, shard) DO UPDATE SET n = document_view_changes.n + 1
      $$`);

    // Each trigger names the document its row belongs to; the view shows all of these.
    const byColumn = (table: string, column: string, events: string): string[] => [
      `CREATE FUNCTION ${table}_bump_view() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM bump_document_view(OLD.${column}); END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.${column} IS DISTINCT FROM OLD.${column}) THEN
            PERFORM bump_document_view(NEW.${column});
          END IF;
          RETURN NULL;
        END $$`,
      `CREATE TRIGGER ${table}_bump_view AFTER ${events} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_bump_view()`,
    ];
    const statements = [
      // Comment counts, per paragraph and per document (what comments, deletions and regroupings change).
      ...byColumn('paragraph_group_counts', 'document_id', 'INSERT OR UPDATE OR DELETE'),
      ...byColumn('document_contribution_counts', 'document_id', 'INSERT OR UPDATE OR DELETE'),
      // Title, summary, dates, phase, deadline, current version.
      ...byColumn('documents', 'id', 'UPDATE'),
      // Publishing, labels.
      ...byColumn('document_versions', 'document_id', 'INSERT OR UPDATE OR DELETE'),
      // Related case studies, by acceptance, title or paragraphs.
      ...byColumn('case_studies', 'document_id', 'INSERT OR DELETE OR UPDATE OF status, title, paragraph_keys, author_group'),
    ];
    for (const statement of statements) await q.query(statement);

    // Rows that know their document only through their version or revision.
    await q.query(`CREATE FUNCTION version_rows_bump_view() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE version uuid;
      BEGIN
        IF TG_TABLE_NAME = 'revision_provenance' AND TG_OP = 'DELETE' THEN
          SELECT r.version_id INTO version FROM paragraph_revisions r WHERE r.id = OLD.revision_id;
        ELSIF TG_TABLE_NAME = 'revision_provenance' THEN
          SELECT r.version_id INTO version FROM paragraph_revisions r WHERE r.id = NEW.revision_id;
        ELSIF TG_OP = 'DELETE' THEN
          version := OLD.version_id;
        ELSE
          version := NEW.version_id;
        END IF;
        PERFORM bump_document_view((SELECT v.document_id FROM document_versions v WHERE v.id = version));
        RETURN NULL;
      END $$`);
    for (const table of ['paragraph_revisions', 'version_sections', 'revision_provenance']) {
      await q.query(`CREATE TRIGGER ${table}_bump_view AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION version_rows_bump_view()`);
    }
    await q.query(`CREATE FUNCTION forums_bump_view() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_document_view(d.id) FROM documents d WHERE d.forum_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER forums_bump_view AFTER UPDATE ON forums FOR EACH ROW EXECUTE FUNCTION forums_bump_view()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER forums_bump_view ON forums`);
    await q.query(`DROP FUNCTION forums_bump_view()`);
    for (const table of ['paragraph_revisions', 'version_sections', 'revision_provenance']) {
      await q.query(`DROP TRIGGER ${table}_bump_view ON ${table}`);
    }
    await q.query(`DROP FUNCTION version_rows_bump_view()`);
    for (const table of ['paragraph_group_counts', 'document_contribution_counts', 'documents', 'document_versions', 'case_studies']) {
      await q.query(`DROP TRIGGER ${table}_bump_view ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_bump_view()`);
    }
    await q.query(`DROP FUNCTION bump_document_view(uuid)`);
    await q.query(`DROP TABLE document_view_changes`);
  }
}
