import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins, by account (the email as typed, lower-cased, whether or not it exists) and by
 * address, so that sign-in can be throttled on every API instance alike.
 */
export class SignInFailures1764950400000 implements MigrationInterface {
  name = 'SignInFailures1764950400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sign_in_failures (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email varchar(254) NOT NULL,
      ip inet,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at)`);
    await q.query(`CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (ip, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sign_in_failures`);
  }
}
