import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The editor workflow: suggestions and rapporteur records on contributions, contributions that
 * concern several paragraphs, endorsements, the history of every disposition, consultation phases,
 * drafts of the next version with optimistic locking, and the provenance of each revision.
 */
export class EditorWorkflow1764259200000 implements MigrationInterface {
  name = 'EditorWorkflow1764259200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contributions
      ADD COLUMN proposed_text text,
      ADD COLUMN recorded_by_id uuid CONSTRAINT contributions_recorded_by_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
      ADD COLUMN speaker_name varchar(120),
      ADD COLUMN speaker_organisation varchar(120),
      ADD COLUMN disposition_note text,
      ADD COLUMN duplicate_of_id uuid CONSTRAINT contributions_duplicate_of_id_fkey REFERENCES contributions (id) ON DELETE SET NULL,
      ADD COLUMN answered_in_version int,
      ADD CONSTRAINT contributions_suggestion_has_text CHECK ((kind = 'suggestion') = (proposed_text IS NOT NULL))`);

    // Every paragraph a contribution concerns, its primary one included; threads and counts read this.
    await q.query(`CREATE TABLE contribution_paragraphs (
      contribution_id uuid NOT NULL CONSTRAINT contribution_paragraphs_contribution_id_fkey
        REFERENCES contributions (id) ON DELETE CASCADE,
      paragraph_id uuid NOT NULL CONSTRAINT contribution_paragraphs_paragraph_id_fkey
        REFERENCES paragraphs (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      is_root boolean NOT NULL,
      CONSTRAINT contribution_paragraphs_pkey PRIMARY KEY (contribution_id, paragraph_id)
    )`);
    await q.query(`CREATE INDEX contribution_paragraphs_thread_idx
      ON contribution_paragraphs (paragraph_id, created_at, contribution_id) WHERE is_root`);
    await q.query(`CREATE INDEX contribution_paragraphs_paragraph_idx ON contribution_paragraphs (paragraph_id)`);
    await q.query(`INSERT INTO contribution_paragraphs (contribution_id, paragraph_id, created_at, is_root)
      SELECT id, paragraph_id, created_at, parent_id IS NULL FROM contributions WHERE paragraph_id IS NOT NULL`);
    // Whoever inserts a contribution (the API, the seed, the benchmark generator) gets its primary paragraph linked.
    await q.query(`CREATE FUNCTION contributions_link_primary_paragraph() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.paragraph_id IS NOT NULL THEN
          INSERT INTO contribution_paragraphs (contribution_id, paragraph_id, created_at, is_root)
          VALUES (NEW.id, NEW.paragraph_id, NEW.created_at, NEW.parent_id IS NULL)
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER contributions_link_primary_paragraph AFTER INSERT ON contributions
      FOR EACH ROW EXECUTE FUNCTION contributions_link_primary_paragraph()`);

    await q.query(`CREATE TABLE endorsements (
      contribution_id uuid NOT NULL CONSTRAINT endorsements_contribution_id_fkey REFERENCES contributions (id) ON DELETE CASCADE,
      user_id uuid NOT NULL CONSTRAINT endorsements_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      user_group stakeholder_group NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT endorsements_pkey PRIMARY KEY (contribution_id, user_id)
    )`);

    await q.query(`CREATE TABLE disposition_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      contribution_id uuid CONSTRAINT disposition_changes_contribution_id_fkey REFERENCES contributions (id) ON DELETE CASCADE,
      case_study_id uuid CONSTRAINT disposition_changes_case_study_id_fkey REFERENCES case_studies (id) ON DELETE CASCADE,
      from_disposition disposition NOT NULL,
      to_disposition disposition NOT NULL,
      note text,
      actor_id uuid NOT NULL CONSTRAINT disposition_changes_actor_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT disposition_changes_one_target CHECK ((contribution_id IS NULL) <> (case_study_id IS NULL))
    )`);
    await q.query(`CREATE INDEX disposition_changes_contribution_idx ON disposition_changes (contribution_id, id)`);
    await q.query(`CREATE INDEX disposition_changes_case_study_idx ON disposition_changes (case_study_id, id)`);
    await q.query(`ALTER TABLE case_studies ADD COLUMN disposition_note text`);

    await q.query(`CREATE TYPE consultation_phase AS ENUM ('draft', 'open', 'closed', 'final')`);
    await q.query(`ALTER TABLE documents
      ADD COLUMN phase consultation_phase NOT NULL DEFAULT 'open',
      ADD COLUMN comment_deadline timestamptz`);

    // The draft of the next version is a version row in status 'draft'; lock_version guards saves.
    await q.query(`ALTER TABLE document_versions
      ADD COLUMN lock_version int NOT NULL DEFAULT 1,
      ADD COLUMN changelog text NOT NULL DEFAULT '',
      ADD COLUMN based_on_version_id uuid CONSTRAINT document_versions_based_on_fkey REFERENCES document_versions (id) ON DELETE SET NULL,
      ADD COLUMN created_by_id uuid CONSTRAINT document_versions_created_by_fkey REFERENCES users (id) ON DELETE SET NULL`);
    await q.query(`CREATE UNIQUE INDEX document_versions_one_draft_key ON document_versions (document_id) WHERE status = 'draft'`);

    // Provenance: which contributions (or which case study) each revision answers.
    await q.query(`CREATE TABLE revision_provenance (
      revision_id uuid NOT NULL CONSTRAINT revision_provenance_revision_id_fkey REFERENCES paragraph_revisions (id) ON DELETE CASCADE,
      contribution_id uuid CONSTRAINT revision_provenance_contribution_id_fkey REFERENCES contributions (id) ON DELETE RESTRICT,
      case_study_id uuid CONSTRAINT revision_provenance_case_study_id_fkey REFERENCES case_studies (id) ON DELETE RESTRICT,
      CONSTRAINT revision_provenance_one_source CHECK ((contribution_id IS NULL) <> (case_study_id IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX revision_provenance_contribution_key ON revision_provenance (revision_id, contribution_id)
      WHERE contribution_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX revision_provenance_case_study_key ON revision_provenance (revision_id, case_study_id)
      WHERE case_study_id IS NOT NULL`);
    await q.query(`CREATE INDEX revision_provenance_contribution_idx ON revision_provenance (contribution_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revision_provenance`);
    await q.query(`DROP INDEX document_versions_one_draft_key`);
    await q.query(`ALTER TABLE document_versions DROP COLUMN created_by_id, DROP COLUMN based_on_version_id,
      DROP COLUMN changelog, DROP COLUMN lock_version`);
    await q.query(`ALTER TABLE documents DROP COLUMN comment_deadline, DROP COLUMN phase`);
    await q.query(`DROP TYPE consultation_phase`);
    await q.query(`ALTER TABLE case_studies DROP COLUMN disposition_note`);
    await q.query(`DROP TABLE disposition_changes`);
    await q.query(`DROP TABLE endorsements`);
    await q.query(`DROP TRIGGER contributions_link_primary_paragraph ON contributions`);
    await q.query(`DROP FUNCTION contributions_link_primary_paragraph()`);
    await q.query(`DROP TABLE contribution_paragraphs`);
    await q.query(`ALTER TABLE contributions DROP CONSTRAINT contributions_suggestion_has_text,
      DROP COLUMN answered_in_version, DROP COLUMN duplicate_of_id, DROP COLUMN disposition_note,
      DROP COLUMN speaker_organisation, DROP COLUMN speaker_name, DROP COLUMN recorded_by_id, DROP COLUMN proposed_text`);
  }
}
