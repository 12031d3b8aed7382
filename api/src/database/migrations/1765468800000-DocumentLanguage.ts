import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A document's own text (title, summary, sections and paragraphs) is written in one language, which
 * the page marks with `lang` so that a reader using the Arabic or French interface still hears the
 * English draft read as English. Every document so far is English, hence the default; the check is
 * the one contributions use.
 */
export class DocumentLanguage1765468800000 implements MigrationInterface {
  name = 'DocumentLanguage1765468800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD COLUMN language varchar(35) NOT NULL DEFAULT 'en'`);
    await q.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_language_tag_chk CHECK (language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_language_tag_chk`);
    await q.query(`ALTER TABLE documents DROP COLUMN language`);
  }
}
