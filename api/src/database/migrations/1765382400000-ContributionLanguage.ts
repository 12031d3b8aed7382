import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contributions and case studies keep the language they were written in (a BCP 47 tag such as "fr"),
 * for the `lang` attribute of the page and of the exports. Everything written before this was in
 * English, hence the default; the check keeps out anything that is not a short tag.
 */
export class ContributionLanguage1765382400000 implements MigrationInterface {
  name = 'ContributionLanguage1765382400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['contributions', 'case_studies']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN language varchar(35) NOT NULL DEFAULT 'en'`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_language_tag_chk CHECK (language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['contributions', 'case_studies']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_language_tag_chk`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN language`);
    }
  }
}
