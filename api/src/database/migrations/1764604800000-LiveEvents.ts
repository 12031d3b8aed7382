import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates of a document: each new comment, endorsement, disposition or phase change is
 * written here in the transaction that made it, and announced with NOTIFY at commit, so that
 * every API instance can push it to its readers and a reconnecting reader can catch up by id.
 * Rows are kept a day (see LiveService).
 */
export class LiveEvents1764604800000 implements MigrationInterface {
  name = 'LiveEvents1764604800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE live_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      document_id uuid NOT NULL CONSTRAINT live_events_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      type varchar(20) NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX live_events_document_idx ON live_events (document_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE live_events`);
  }
}
