import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case studies ("doors that opened"): structured stories with a review lifecycle, every status
 * change kept in case_study_transitions, and a weighted full-text index for the gallery.
 */
export class CaseStudies1764172800000 implements MigrationInterface {
  name = 'CaseStudies1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE case_study_status AS ENUM
      ('draft', 'submitted', 'in_review', 'changes_requested', 'accepted', 'declined')`);
    await q.query(`CREATE TYPE case_study_domain AS ENUM
      ('cybercrime', 'national_security_norms', 'critical_infrastructure', 'capacity_building', 'incident_response',
       'vulnerability_disclosure', 'human_rights_encryption', 'awareness', 'other')`);
    await q.query(`CREATE TYPE attribution AS ENUM ('named', 'organisation', 'anonymous')`);

    await q.query(`CREATE TABLE case_studies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL CONSTRAINT case_studies_document_id_fkey REFERENCES documents (id) ON DELETE CASCADE,
      author_id uuid NOT NULL CONSTRAINT case_studies_author_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
      author_group stakeholder_group NOT NULL,
      status case_study_status NOT NULL DEFAULT 'draft',
      title varchar(200) NOT NULL DEFAULT '',
      region varchar(3) NOT NULL DEFAULT '',
      year_from int,
      year_to int,
      domains case_study_domain[] NOT NULL DEFAULT '{}',
      stakeholder_groups stakeholder_group[] NOT NULL DEFAULT '{}',
      closed_door text NOT NULL DEFAULT '',
      what_opened text NOT NULL DEFAULT '',
      outcome text NOT NULL DEFAULT '',
      lessons text NOT NULL DEFAULT '',
      links jsonb NOT NULL DEFAULT '[]',
      paragraph_keys varchar(60)[] NOT NULL DEFAULT '{}',
      consent_to_publish boolean NOT NULL DEFAULT false,
      attribution attribution NOT NULL DEFAULT 'named',
      assigned_editor_id uuid CONSTRAINT case_studies_assigned_editor_id_fkey REFERENCES users (id) ON DELETE SET NULL,
      review_message text,
      disposition disposition NOT NULL DEFAULT 'pending',
      included_in_version int,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      decided_at timestamptz,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', what_opened || ' ' || lessons), 'B') ||
        setweight(to_tsvector('english', closed_door || ' ' || outcome), 'C')
      ) STORED,
      CONSTRAINT case_studies_years CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from),
      CONSTRAINT case_studies_published_with_consent CHECK (status <> 'accepted' OR consent_to_publish)
    )`);
    await q.query(`CREATE INDEX case_studies_search_idx ON case_studies USING gin (search)`);
    await q.query(`CREATE INDEX case_studies_status_idx ON case_studies (status, decided_at DESC)`);
    await q.query(`CREATE INDEX case_studies_author_idx ON case_studies (author_id, updated_at DESC)`);
    await q.query(`CREATE INDEX case_studies_paragraph_keys_idx ON case_studies USING gin (paragraph_keys)`);

    await q.query(`CREATE TABLE case_study_transitions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_study_id uuid NOT NULL CONSTRAINT case_study_transitions_case_study_id_fkey
        REFERENCES case_studies (id) ON DELETE CASCADE,
      from_status case_study_status,
      to_status case_study_status NOT NULL,
      actor_id uuid NOT NULL CONSTRAINT case_study_transitions_actor_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
      message text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX case_study_transitions_case_study_idx ON case_study_transitions (case_study_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_study_transitions`);
    await q.query(`DROP TABLE case_studies`);
    await q.query(`DROP TYPE attribution`);
    await q.query(`DROP TYPE case_study_domain`);
    await q.query(`DROP TYPE case_study_status`);
  }
}
