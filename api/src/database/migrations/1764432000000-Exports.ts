import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of the outcome document: how each contributor chose to be shown on a contribution
 * (named, organisation only, anonymous), and export jobs whose file waits in the database, so
 * that any API instance can report progress and serve the download.
 */
export class Exports1764432000000 implements MigrationInterface {
  name = 'Exports1764432000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contributions ADD COLUMN attribution attribution NOT NULL DEFAULT 'named'`);
    await q.query(`CREATE TYPE export_status AS ENUM ('queued', 'running', 'done', 'failed')`);
    await q.query(`CREATE TABLE export_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL CONSTRAINT export_jobs_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      version_id uuid NOT NULL CONSTRAINT export_jobs_version_id_fkey REFERENCES document_versions (id) ON DELETE CASCADE,
      requested_by_id uuid NOT NULL CONSTRAINT export_jobs_requested_by_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      format varchar(4) NOT NULL CONSTRAINT export_jobs_format CHECK (format IN ('docx', 'pdf', 'md', 'html')),
      annexes char(1)[] NOT NULL DEFAULT '{}' CONSTRAINT export_jobs_annexes CHECK (annexes <@ ARRAY['A', 'B', 'C', 'D']::char(1)[]),
      status export_status NOT NULL DEFAULT 'queued',
      progress real NOT NULL DEFAULT 0 CONSTRAINT export_jobs_progress CHECK (progress >= 0 AND progress <= 1),
      stage varchar(40) NOT NULL DEFAULT 'queued',
      error text,
      file bytea,
      file_name varchar(200),
      byte_size int,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`);
    await q.query(`CREATE INDEX export_jobs_requested_by_idx ON export_jobs (requested_by_id, created_at DESC)`);
    await q.query(`CREATE INDEX export_jobs_finished_at_idx ON export_jobs (finished_at) WHERE finished_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE export_jobs`);
    await q.query(`DROP TYPE export_status`);
    await q.query(`ALTER TABLE contributions DROP COLUMN attribution`);
  }
}
