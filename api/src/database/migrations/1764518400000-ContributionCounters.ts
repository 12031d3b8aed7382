import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comment counts maintained by triggers, so that reading a document never counts its 100,000
 * contributions. What counts is what the document view always counted: comments, replies and
 * suggestions not deleted, on every paragraph they concern (contribution_paragraphs).
 *
 * Each counter is split into SHARDS rows picked at random per change and summed on read: one row
 * per paragraph would make every comment on a busy paragraph wait for the previous one's commit.
 */
const SHARDS = 8;

export class ContributionCounters1764518400000 implements MigrationInterface {
  name = 'ContributionCounters1764518400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE paragraph_group_counts (
      paragraph_id uuid NOT NULL CONSTRAINT paragraph_group_counts_paragraph_id_fkey REFERENCES paragraphs (id) ON DELETE CASCADE,
      stakeholder_group stakeholder_group NOT NULL,
      shard smallint NOT NULL,
      document_id uuid NOT NULL CONSTRAINT paragraph_group_counts_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      n int NOT NULL,
      CONSTRAINT paragraph_group_counts_pkey PRIMARY KEY (paragraph_id, stakeholder_group, shard)
    )`);
    await q.query(`CREATE INDEX paragraph_group_counts_document_idx ON paragraph_group_counts (document_id)`);
    await q.query(`CREATE TABLE document_contribution_counts (
      document_id uuid NOT NULL CONSTRAINT document_contribution_counts_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      shard smallint NOT NULL,
      n int NOT NULL,
      CONSTRAINT document_contribution_counts_pkey PRIMARY KEY (document_id, shard)
    )`);

    await q.query(`CREATE FUNCTION contribution_counted(kind contribution_kind, deleted_at timestamptz) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$ SELECT kind IN ('comment', 'reply', 'suggestion') AND deleted_at IS NULL $$`);
    await q.query(`CREATE FUNCTION bump_paragraph_count(p_paragraph uuid, p_group stakeholder_group, p_document uuid, delta int)
      RETURNS void LANGUAGE sql AS $$
        INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
        VALUES (p_paragraph, p_group, floor(random() * ${SHARDS})::smallint, p_document, delta)
        ON CONFLICT (paragraph_id, stakeholder_group, shard) DO UPDATE SET n = paragraph_group_counts.n + EXCLUDED.n
      $$`);
    await q.query(`CREATE FUNCTION bump_document_count(p_document uuid, delta int) RETURNS void LANGUAGE sql AS $$
        INSERT INTO document_contribution_counts (document_id, shard, n)
        VALUES (p_document, floor(random() * ${SHARDS})::smallint, delta)
        ON CONFLICT (document_id, shard) DO UPDATE SET n = document_contribution_counts.n + EXCLUDED.n
      $$`);

    // A paragraph link added or removed: count it there, if its contribution counts.
    await q.query(`CREATE FUNCTION contribution_paragraphs_count() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT kind, deleted_at, author_group, document_id INTO c FROM contributions WHERE id = NEW.contribution_id;
          IF FOUND AND contribution_counted(c.kind, c.deleted_at) THEN
            PERFORM bump_paragraph_count(NEW.paragraph_id, c.author_group, c.document_id, 1);
          END IF;
          RETURN NEW;
        END IF;
        -- A cascade from a deleted contribution finds no row: its BEFORE DELETE trigger counted it down.
        SELECT kind, deleted_at, author_group, document_id INTO c FROM contributions WHERE id = OLD.contribution_id;
        IF FOUND AND contribution_counted(c.kind, c.deleted_at) THEN
          PERFORM bump_paragraph_count(OLD.paragraph_id, c.author_group, c.document_id, -1);
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER contribution_paragraphs_count AFTER INSERT OR DELETE ON contribution_paragraphs
      FOR EACH ROW EXECUTE FUNCTION contribution_paragraphs_count()`);

    // A contribution created, deleted (softly, by deleted_at, or for real), or regrouped.
    await q.query(`CREATE FUNCTION contributions_count() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE was boolean; now_counted boolean; link record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF contribution_counted(NEW.kind, NEW.deleted_at) THEN PERFORM bump_document_count(NEW.document_id, 1); END IF;
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' THEN
          IF contribution_counted(OLD.kind, OLD.deleted_at) THEN
            PERFORM bump_document_count(OLD.document_id, -1);
            FOR link IN SELECT paragraph_id FROM contribution_paragraphs WHERE contribution_id = OLD.id LOOP
              PERFORM bump_paragraph_count(link.paragraph_id, OLD.author_group, OLD.document_id, -1);
            END LOOP;
          END IF;
          RETURN OLD;
        END IF;
        was := contribution_counted(OLD.kind, OLD.deleted_at);
        now_counted := contribution_counted(NEW.kind, NEW.deleted_at);
        IF was = now_counted AND (NOT was OR OLD.author_group = NEW.author_group) THEN RETURN NEW; END IF;
        IF was THEN PERFORM bump_document_count(OLD.document_id, -1); END IF;
        IF now_counted THEN PERFORM bump_document_count(NEW.document_id, 1); END IF;
        FOR link IN SELECT paragraph_id FROM contribution_paragraphs WHERE contribution_id = NEW.id LOOP
          IF was THEN PERFORM bump_paragraph_count(link.paragraph_id, OLD.author_group, OLD.document_id, -1); END IF;
          IF now_counted THEN PERFORM bump_paragraph_count(link.paragraph_id, NEW.author_group, NEW.document_id, 1); END IF;
        END LOOP;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER contributions_count_insert AFTER INSERT ON contributions
      FOR EACH ROW EXECUTE FUNCTION contributions_count()`);
    await q.query(`CREATE TRIGGER contributions_count_update AFTER UPDATE OF kind, deleted_at, author_group ON contributions
      FOR EACH ROW EXECUTE FUNCTION contributions_count()`);
    await q.query(`CREATE TRIGGER contributions_count_delete BEFORE DELETE ON contributions
      FOR EACH ROW EXECUTE FUNCTION contributions_count()`);

    // What is already there.
    await q.query(`INSERT INTO paragraph_group_counts (paragraph_id, stakeholder_group, shard, document_id, n)
      SELECT cp.paragraph_id, c.author_group, 0, c.document_id, count(*)
        FROM contribution_paragraphs cp JOIN contributions c ON c.id = cp.contribution_id
       WHERE contribution_counted(c.kind, c.deleted_at)
       GROUP BY cp.paragraph_id, c.author_group, c.document_id`);
    await q.query(`INSERT INTO document_contribution_counts (document_id, shard, n)
      SELECT document_id, 0, count(*) FROM contributions c WHERE contribution_counted(c.kind, c.deleted_at) GROUP BY document_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER contributions_count_delete ON contributions`);
    await q.query(`DROP TRIGGER contributions_count_update ON contributions`);
    await q.query(`DROP TRIGGER contributions_count_insert ON contributions`);
    await q.query(`DROP FUNCTION contributions_count()`);
    await q.query(`DROP TRIGGER contribution_paragraphs_count ON contribution_paragraphs`);
    await q.query(`DROP FUNCTION contribution_paragraphs_count()`);
    await q.query(`DROP FUNCTION bump_document_count(uuid, int)`);
    await q.query(`DROP FUNCTION bump_paragraph_count(uuid, stakeholder_group, uuid, int)`);
    await q.query(`DROP FUNCTION contribution_counted(contribution_kind, timestamptz)`);
    await q.query(`DROP TABLE document_contribution_counts`);
    await q.query(`DROP TABLE paragraph_group_counts`);
  }
}
