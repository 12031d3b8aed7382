import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation and the audit log.
 *
 * - A contribution may be hidden (by an editor, or by reports from enough distinct people) until
 *   an editor reviews it; the reason is public, the text is not. Hiding changes the document's
 *   public hidden count, so it bumps the document's view stamp like any other change the view shows.
 * - Reports: one per person and contribution (the unique constraint makes a second one a conflict,
 *   even under concurrent requests). An editor's review marks the open reports as reviewed, so that
 *   the same reports cannot hide a restored contribution again.
 * - The audit log: who did what to which object, and why, written in the transaction of the action.
 *   Actors and documents are kept as SET NULL references so that the log outlives them.
 */
export class Moderation1765209600000 implements MigrationInterface {
  name = 'Moderation1765209600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contributions
      ADD COLUMN hidden_at timestamptz,
      ADD COLUMN hidden_reason text,
      ADD COLUMN hidden_by_id uuid CONSTRAINT contributions_hidden_by_id_fkey REFERENCES users (id) ON DELETE SET NULL`);
    // The public count reads only the few hidden rows of a document.
    await q.query(`CREATE INDEX contributions_hidden_idx ON contributions (document_id) WHERE hidden_at IS NOT NULL`);

    await q.query(`CREATE TABLE contribution_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contribution_id uuid NOT NULL CONSTRAINT contribution_reports_contribution_id_fkey REFERENCES contributions (id) ON DELETE CASCADE,
      reporter_id uuid NOT NULL CONSTRAINT contribution_reports_reporter_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      reason text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      reviewed_at timestamptz,
      CONSTRAINT contribution_reports_once_per_user UNIQUE (contribution_id, reporter_id)
    )`);
    await q.query(`CREATE INDEX contribution_reports_open_idx ON contribution_reports (contribution_id) WHERE reviewed_at IS NULL`);
    await q.query(`CREATE INDEX contribution_reports_reporter_idx ON contribution_reports (reporter_id)`);

    await q.query(`CREATE TYPE audit_action AS ENUM
      ('report_threshold_hide', 'hide', 'restore', 'role_change', 'verification', 'disposition', 'phase_change')`);
    await q.query(`CREATE TYPE audit_target_type AS ENUM ('contribution', 'case_study', 'user', 'document')`);
    await q.query(`CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid CONSTRAINT audit_log_actor_id_fkey REFERENCES users (id) ON DELETE SET NULL,
      action audit_action NOT NULL,
      target_type audit_target_type NOT NULL,
      target_id uuid NOT NULL,
      document_id uuid CONSTRAINT audit_log_document_id_fkey REFERENCES documents (id) ON DELETE SET NULL,
      reason text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    // Newest first, by keyset; each filter has its own index ending in the same order.
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_action_at_idx ON audit_log (action, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_document_at_idx ON audit_log (document_id, at DESC, id DESC)`);

    await q.query(`CREATE FUNCTION contributions_hidden_bump_view() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM bump_document_view(NEW.document_id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER contributions_hidden_bump_view AFTER UPDATE OF hidden_at ON contributions
      FOR EACH ROW WHEN (OLD.hidden_at IS DISTINCT FROM NEW.hidden_at) EXECUTE FUNCTION contributions_hidden_bump_view()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER contributions_hidden_bump_view ON contributions`);
    await q.query(`DROP FUNCTION contributions_hidden_bump_view()`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TYPE audit_target_type`);
    await q.query(`DROP TYPE audit_action`);
    await q.query(`DROP TABLE contribution_reports`);
    await q.query(`DROP INDEX contributions_hidden_idx`);
    await q.query(`ALTER TABLE contributions DROP COLUMN hidden_by_id, DROP COLUMN hidden_reason, DROP COLUMN hidden_at`);
  }
}
