import type { DataSource, EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { BPF_2016, checkSeedData } from './seed-data';
import type { SeedData } from './seed-data';

/** Seeded rows get ids derived from their natural keys, so a second run finds them and adds nothing. */
const NAMESPACE = '6f1d2a8e-4b7c-4f0e-9a35-1c2d3e4f5a6b';
export const seedId = (kind: string, key: string): string => uuidv5(`${kind}:${key}`, NAMESPACE);

/** Demo accounts share one password; they are only ever seeded into a local or test database. */
export const DEMO_PASSWORD = 'doorway-demo-2016';

export interface SeedOptions {
  /** Also load the demo accounts and their comments. */
  demo: boolean;
  /** Hashes a password the way the API does (argon2id), injected so seeds need not import the API. */
  hashPassword: (password: string) => Promise<string>;
  data?: SeedData;
}

export interface SeedReport {
  forums: number;
  documents: number;
  paragraphs: number;
  users: number;
  comments: number;
  caseStudies: number;
}

/**
 * Loads the BPF 2016 draft (always) and the demo people and comments (when asked), in one
 * transaction. Idempotent: every insert is keyed on a derived id and skips rows that exist.
 */
export async function seed(db: DataSource, options: SeedOptions): Promise<SeedReport> {
  const data = options.data ?? BPF_2016;
  const problems = checkSeedData(data);
  if (problems.length) throw new Error(`Seed data is inconsistent:\n  ${problems.join('\n  ')}`);

  // Hash outside the transaction: argon2 is slow on purpose, and only new accounts need it.
  const existing: { email: string }[] = options.demo
    ? await db.query('SELECT lower(email) AS email FROM users WHERE lower(email) = ANY($1)', [
        data.people.map((p) => p.email.toLowerCase()),
      ])
    : [];
  const known = new Set(existing.map((row) => row.email));
  const hash = options.demo && known.size < data.people.length ? await options.hashPassword(DEMO_PASSWORD) : '';

  return db.transaction(async (tx) => {
    const report: SeedReport = { forums: 0, documents: 0, paragraphs: 0, users: 0, comments: 0, caseStudies: 0 };
    const { forum, document, version, sections } = data.document;
    const forumId = seedId('forum', forum.slug);
    const documentId = seedId('document', document.slug);
    const versionId = seedId('version', `${document.slug}/${version.number}`);

    report.forums = await insert(tx, `INSERT INTO forums (id, slug, name, description, year) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT DO NOTHING`, [forumId, forum.slug, forum.name, forum.description, forum.year]);
    report.documents = await insert(tx, `INSERT INTO documents
      (id, forum_id, slug, title, summary, consultation_opens_at, consultation_closes_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [documentId, forumId, document.slug, document.title, document.summary, document.consultationOpensAt, document.consultationClosesAt]);
    await insert(tx, `INSERT INTO document_versions (id, document_id, number, label, status, published_at)
      VALUES ($1, $2, $3, $4, 'published', $5) ON CONFLICT DO NOTHING`,
      [versionId, documentId, version.number, version.label, version.publishedAt]);

    let position = 0;
    for (const [index, section] of sections.entries()) {
      const sectionId = seedId('section', `${document.slug}/${version.number}/${section.key}`);
      await insert(tx, `INSERT INTO version_sections (id, version_id, key, title, position) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT DO NOTHING`, [sectionId, versionId, section.key, section.title, index + 1]);
      for (const paragraph of section.paragraphs) {
        position += 1;
        const paragraphId = seedId('paragraph', `${document.slug}/${paragraph.key}`);
        report.paragraphs += await insert(tx, `INSERT INTO paragraphs (id, document_id, key) VALUES ($1, $2, $3)
          ON CONFLICT DO NOTHING`, [paragraphId, documentId, paragraph.key]);
        await insert(tx, `INSERT INTO paragraph_revisions (id, version_id, paragraph_id, section_id, position, text)
          VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [seedId('revision', `${document.slug}/${version.number}/${paragraph.key}`), versionId, paragraphId, sectionId, position, paragraph.text]);
      }
    }
    await tx.query('UPDATE documents SET current_version_id = $1 WHERE id = $2 AND current_version_id IS NULL', [versionId, documentId]);

    if (!options.demo) return report;

    const groups = new Map<string, string>();
    for (const person of data.people) {
      groups.set(person.email, person.stakeholderGroup);
      if (known.has(person.email.toLowerCase())) continue;
      report.users += await insert(tx, `INSERT INTO users
        (id, email, password_hash, display_name, organisation, country, stakeholder_group, group_verified, role)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [seedId('user', person.email), person.email, hash, person.displayName, person.organisation, person.country,
          person.stakeholderGroup, person.groupVerified, person.role]);
    }
    for (const comment of data.comments) {
      report.comments += await insert(tx, `INSERT INTO contributions
        (id, kind, document_id, version_id, paragraph_id, parent_id, author_id, author_group, body,
         quote_exact, quote_prefix, quote_suffix, created_at, updated_at, attribution)
        SELECT $1, $2, $3, $4, $5, $6, u.id, $8, $9, $10, $11, $12, $13, $13, $14
          FROM users u WHERE lower(u.email) = lower($7)
        ON CONFLICT DO NOTHING`,
        [seedId('comment', comment.key), comment.replyTo ? 'reply' : 'comment', documentId, versionId,
          seedId('paragraph', `${document.slug}/${comment.paragraph}`),
          comment.replyTo ? seedId('comment', comment.replyTo) : null, comment.author, groups.get(comment.author),
          comment.body, comment.quote?.exact ?? null, comment.quote?.prefix ?? null, comment.quote?.suffix ?? null,
          comment.createdAt, comment.attribution ?? 'named']);
    }
    const reviewer = data.people.find((p) => p.role === 'editor')?.email ?? '';
    for (const study of data.caseStudies) {
      const id = seedId('case-study', study.key);
      const added = await insert(tx, `INSERT INTO case_studies
        (id, document_id, author_id, author_group, status, title, region, year_from, year_to, domains, stakeholder_groups,
         closed_door, what_opened, outcome, lessons, links, paragraph_keys, consent_to_publish, attribution,
         assigned_editor_id, review_message, disposition, created_at, updated_at, submitted_at, decided_at)
        SELECT $1, $2, u.id, u.stakeholder_group, $4::case_study_status, $5, $6, $7, $8, $9::case_study_domain[], $10::stakeholder_group[],
               $11, $12, $13, $14, $15::jsonb, $16::varchar[], $17, $18,
               CASE WHEN $4::text IN ('accepted', 'declined') THEN (SELECT id FROM users WHERE lower(email) = lower($20)) END,
               $19, CASE $4::text WHEN 'accepted' THEN 'accepted' WHEN 'declined' THEN 'declined' ELSE 'pending' END::disposition,
               $21, $21, CASE WHEN $4::text <> 'draft' THEN $21::timestamptz + interval '1 hour' END,
               CASE WHEN $4::text IN ('accepted', 'declined') THEN $21::timestamptz + interval '3 days' END
          FROM users u WHERE lower(u.email) = lower($3)
        ON CONFLICT DO NOTHING`,
        [id, documentId, study.submitter, study.status, study.title, study.region, study.yearFrom, study.yearTo,
          study.domains, study.stakeholderGroups, study.closedDoor, study.whatOpened, study.outcome, study.lessons,
          JSON.stringify(study.links), study.paragraphKeys, study.consentToPublish, study.attribution,
          study.reviewMessage ?? null, reviewer, study.createdAt]);
      report.caseStudies += added;
      if (!added) continue;
      // The history a real review would have left behind.
      const steps: [string | null, string, 'submitter' | 'reviewer', number][] = [[null, 'draft', 'submitter', 0]];
      if (study.status !== 'draft') steps.push(['draft', 'submitted', 'submitter', 1]);
      if (study.status === 'accepted' || study.status === 'declined') {
        steps.push(['submitted', 'in_review', 'reviewer', 26], ['in_review', study.status, 'reviewer', 72]);
      }
      for (const [from, to, who, hours] of steps) {
        await tx.query(`INSERT INTO case_study_transitions (case_study_id, from_status, to_status, actor_id, message, created_at)
          SELECT $1, $2::case_study_status, $3::case_study_status, u.id, $5, $6::timestamptz + make_interval(hours => $7::int) FROM users u WHERE lower(u.email) = lower($4)`,
          [id, from, to, who === 'submitter' ? study.submitter : reviewer, to === 'declined' ? (study.reviewMessage ?? null) : null,
            study.createdAt, hours]);
      }
    }
    return report;
  });
}

/** Runs an INSERT … ON CONFLICT DO NOTHING and returns how many rows it really added. */
async function insert(tx: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows: unknown[] = await tx.query(`${sql} RETURNING 1`, params);
  return rows.length;
}
