import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of the POSTs that create contributions (see common/idempotency). A request
 * carrying an `Idempotency-Key` header first claims its (user, key) row with
 * INSERT … ON CONFLICT DO NOTHING; the row stays incomplete (status_code NULL) while the handler
 * runs and is completed with the response afterwards, so a retry replays the stored response
 * instead of creating the contribution again. Rows are kept at least 24 hours.
 */
export class IdempotencyKeys1764864000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL CONSTRAINT idempotency_keys_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
      key uuid NOT NULL,
      method varchar(10) NOT NULL,
      path varchar(2048) NOT NULL,
      request_hash char(64) NOT NULL,
      status_code smallint,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, key)
    )`);
    await q.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
