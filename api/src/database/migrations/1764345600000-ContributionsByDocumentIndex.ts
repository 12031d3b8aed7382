import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Open data reads a document's contributions in (created_at, id) order, batch by batch: index it. */
export class ContributionsByDocumentIndex1764345600000 implements MigrationInterface {
  name = 'ContributionsByDocumentIndex1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contributions_document_created_idx ON contributions (document_id, created_at, id)`);
    await q.query(`DROP INDEX contributions_document_id_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contributions_document_id_idx ON contributions (document_id)`);
    await q.query(`DROP INDEX contributions_document_created_idx`);
  }
}
