import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: accounts, forums, documents with versions, stable paragraphs with one
 * revision per version, and contributions that hang on the stable paragraph.
 */
export class InitialSchema1764086400000 implements MigrationInterface {
  name = 'InitialSchema1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE stakeholder_group AS ENUM
      ('government', 'civil_society', 'technical_community', 'private_sector', 'academia', 'intergovernmental')`);
    await q.query(`CREATE TYPE user_role AS ENUM ('participant', 'editor', 'coordinator')`);
    await q.query(`CREATE TYPE version_status AS ENUM ('draft', 'published')`);
    await q.query(`CREATE TYPE contribution_kind AS ENUM ('comment', 'reply', 'suggestion', 'case_study')`);
    await q.query(`CREATE TYPE disposition AS ENUM
      ('pending', 'accepted', 'partially_accepted', 'noted', 'declined', 'duplicate', 'out_of_scope')`);

    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email varchar(254) NOT NULL,
      password_hash text NOT NULL,
      display_name varchar(80) NOT NULL,
      organisation varchar(120),
      country char(2),
      stakeholder_group stakeholder_group NOT NULL,
      group_verified boolean NOT NULL DEFAULT false,
      role user_role NOT NULL DEFAULT 'participant',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);

    await q.query(`CREATE TABLE forums (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug varchar(80) NOT NULL CONSTRAINT forums_slug_key UNIQUE,
      name varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      year int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      forum_id uuid NOT NULL CONSTRAINT documents_forum_id_fkey REFERENCES forums (id) ON DELETE CASCADE,
      slug varchar(80) NOT NULL CONSTRAINT documents_slug_key UNIQUE,
      title varchar(300) NOT NULL,
      summary text NOT NULL DEFAULT '',
      consultation_opens_at timestamptz,
      consultation_closes_at timestamptz,
      current_version_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX documents_forum_id_idx ON documents (forum_id)`);

    await q.query(`CREATE TABLE document_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL CONSTRAINT document_versions_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      number int NOT NULL CHECK (number > 0),
      label varchar(120) NOT NULL DEFAULT '',
      status version_status NOT NULL DEFAULT 'draft',
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT document_versions_document_number_key UNIQUE (document_id, number)
    )`);
    await q.query(`ALTER TABLE documents ADD CONSTRAINT documents_current_version_id_fkey
      FOREIGN KEY (current_version_id) REFERENCES document_versions (id) ON DELETE SET NULL`);

    await q.query(`CREATE TABLE version_sections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version_id uuid NOT NULL CONSTRAINT version_sections_version_id_fkey REFERENCES document_versions (id) ON DELETE CASCADE,
      key varchar(60) NOT NULL,
      title varchar(200) NOT NULL,
      position int NOT NULL,
      CONSTRAINT version_sections_version_key_key UNIQUE (version_id, key)
    )`);

    await q.query(`CREATE TABLE paragraphs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL CONSTRAINT paragraphs_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      key varchar(60) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT paragraphs_document_key_key UNIQUE (document_id, key)
    )`);

    await q.query(`CREATE TABLE paragraph_revisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version_id uuid NOT NULL CONSTRAINT paragraph_revisions_version_id_fkey REFERENCES document_versions (id) ON DELETE CASCADE,
      paragraph_id uuid NOT NULL CONSTRAINT paragraph_revisions_paragraph_id_fkey REFERENCES paragraphs (id) ON DELETE CASCADE,
      section_id uuid NOT NULL CONSTRAINT paragraph_revisions_section_id_fkey REFERENCES version_sections (id) ON DELETE CASCADE,
      position int NOT NULL,
      text text NOT NULL,
      CONSTRAINT paragraph_revisions_version_paragraph_key UNIQUE (version_id, paragraph_id),
      CONSTRAINT paragraph_revisions_version_position_key UNIQUE (version_id, position)
    )`);
    await q.query(`CREATE INDEX paragraph_revisions_paragraph_id_idx ON paragraph_revisions (paragraph_id)`);

    await q.query(`CREATE TABLE contributions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind contribution_kind NOT NULL,
      document_id uuid NOT NULL CONSTRAINT contributions_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      version_id uuid NOT NULL CONSTRAINT contributions_version_id_fkey REFERENCES document_versions (id) ON DELETE RESTRICT,
      paragraph_id uuid CONSTRAINT contributions_paragraph_id_fkey REFERENCES paragraphs (id) ON DELETE RESTRICT,
      parent_id uuid CONSTRAINT contributions_parent_id_fkey REFERENCES contributions (id) ON DELETE RESTRICT,
      author_id uuid NOT NULL CONSTRAINT contributions_author_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
      author_group stakeholder_group NOT NULL,
      body text NOT NULL,
      quote_exact text,
      quote_prefix text,
      quote_suffix text,
      disposition disposition NOT NULL DEFAULT 'pending',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      CONSTRAINT contributions_reply_has_parent CHECK ((kind = 'reply') = (parent_id IS NOT NULL)),
      CONSTRAINT contributions_body_length CHECK (char_length(body) <= 10000)
    )`);
    // Threads are read newest or oldest first by (created_at, id); one index serves both directions.
    await q.query(`CREATE INDEX contributions_paragraph_thread_idx ON contributions (paragraph_id, created_at, id)
      WHERE parent_id IS NULL`);
    await q.query(`CREATE INDEX contributions_parent_id_idx ON contributions (parent_id, created_at)`);
    await q.query(`CREATE INDEX contributions_document_id_idx ON contributions (document_id)`);
    await q.query(`CREATE INDEX contributions_author_id_idx ON contributions (author_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contributions`);
    await q.query(`DROP TABLE paragraph_revisions`);
    await q.query(`DROP TABLE paragraphs`);
    await q.query(`DROP TABLE version_sections`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_current_version_id_fkey`);
    await q.query(`DROP TABLE document_versions`);
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP TABLE forums`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TYPE disposition`);
    await q.query(`DROP TYPE contribution_kind`);
    await q.query(`DROP TYPE version_status`);
    await q.query(`DROP TYPE user_role`);
    await q.query(`DROP TYPE stakeholder_group`);
  }
}
