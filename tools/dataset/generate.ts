import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import documentJson from '../../seeds/data/document.json';
import { CASE_STUDY_DOMAINS, STAKEHOLDER_GROUPS, UN_REGIONS } from '@doorway/contracts';

/**
 * A realistic large consultation for benchmarks: many users across the groups, one long document
 * in three published versions, comments skewed the way real consultations are (one paragraph
 * drawing a flood, a long tail with few), replies, suggestions, endorsements and case studies.
 * Rows go in with multi-row INSERT … SELECT FROM unnest(…), in batches.
 */
export interface DatasetScale {
  users: number;
  paragraphs: number;
  versions: number;
  comments: number;
  /** Comments on the single hottest paragraph (paragraph 1). */
  hotParagraphComments: number;
  caseStudies: number;
  endorsements: number;
}

export const LARGE: DatasetScale = {
  users: 10_000,
  paragraphs: 300,
  versions: 3,
  comments: 100_000,
  hotParagraphComments: 10_000,
  caseStudies: 2_000,
  endorsements: 10_000,
};

export const SMALL: DatasetScale = {
  users: 200,
  paragraphs: 30,
  versions: 3,
  comments: 2_000,
  hotParagraphComments: 300,
  caseStudies: 100,
  endorsements: 200,
};

export const BENCH_DOCUMENT = 'bench-consultation';

export interface DatasetReport {
  documentSlug: string;
  hotParagraphKey: string;
  counts: Record<string, number>;
  ms: number;
}

const BATCH = 5_000;
/** The seeded draft's own words, in their natural frequencies, so searches match a realistic share of rows. */
const WORDS = (documentJson as { sections: { paragraphs: { text: string }[] }[] }).sections
  .flatMap((section) => section.paragraphs.flatMap((p) => p.text.toLowerCase().match(/[a-z]{3,}/g) ?? []));

/** A deterministic pseudo-random generator, so two runs build the same dataset. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'dialogue');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Inserts column arrays in batches; `scalars` follow the columns as the same parameters in every batch. */
async function insertBatches(db: DataSource, sql: string, columns: unknown[][], scalars: unknown[] = []): Promise<void> {
  const rows = columns[0]?.length ?? 0;
  for (let start = 0; start < rows; start += BATCH) {
    await db.query(sql, [...columns.map((column) => column.slice(start, start + BATCH)), ...scalars]);
  }
}

/** Builds the dataset in an already migrated database; replaces an earlier run of it. */
export async function generateDataset(db: DataSource, scale: DatasetScale, passwordHash: string): Promise<DatasetReport> {
  const started = Date.now();
  const random = rng(2016);
  await db.query(`DELETE FROM forums WHERE slug = 'bench-forum'`);
  await db.query(`DELETE FROM contributions WHERE author_id IN (SELECT id FROM users WHERE email LIKE '%@bench.doorway')`);
  await db.query(`DELETE FROM case_studies WHERE author_id IN (SELECT id FROM users WHERE email LIKE '%@bench.doorway')`);
  await db.query(`DELETE FROM users WHERE email LIKE '%@bench.doorway'`);

  // Users, spread over the groups.
  const userIds = Array.from({ length: scale.users }, () => randomUUID());
  const userGroups = userIds.map((_, i) => STAKEHOLDER_GROUPS[i % STAKEHOLDER_GROUPS.length] ?? 'academia');
  await insertBatches(
    db,
    `INSERT INTO users (id, email, password_hash, display_name, organisation, country, stakeholder_group)
     SELECT id, 'user-' || id || '@bench.doorway', $3, 'Bench user ' || n, 'Bench org ' || (n % 97), 'MX', g::stakeholder_group
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS t(id, g, n)`,
    [userIds, userGroups],
    [passwordHash],
  );

  const forumId = randomUUID();
  const documentId = randomUUID();
  await db.query(`INSERT INTO forums (id, slug, name, year) VALUES ($1, 'bench-forum', 'Benchmark forum', 2016)`, [forumId]);
  await db.query(
    `INSERT INTO documents (id, forum_id, slug, title, summary) VALUES ($1, $2, $3, 'Benchmark consultation', 'Generated for benchmarks.')`,
    [documentId, forumId, BENCH_DOCUMENT],
  );

  // Paragraphs with one revision per version, in ten sections.
  const paragraphIds = Array.from({ length: scale.paragraphs }, () => randomUUID());
  const paragraphKeys = paragraphIds.map((_, i) => `bench-p${String(i + 1).padStart(4, '0')}`);
  await insertBatches(
    db,
    `INSERT INTO paragraphs (id, document_id, key) SELECT id, $3, key FROM unnest($1::uuid[], $2::text[]) AS t(id, key)`,
    [paragraphIds, paragraphKeys],
    [documentId],
  );
  const versionIds: string[] = [];
  for (let v = 1; v <= scale.versions; v += 1) {
    const versionId = randomUUID();
    versionIds.push(versionId);
    await db.query(
      `INSERT INTO document_versions (id, document_id, number, label, status, published_at)
       VALUES ($1, $2, $3, $4, 'published', now() - make_interval(days => $5::int))`,
      [versionId, documentId, v, `Version ${v}`, 30 * (scale.versions - v)],
    );
    const sectionIds = Array.from({ length: 10 }, () => randomUUID());
    await db.query(
      `INSERT INTO version_sections (id, version_id, key, title, position)
       SELECT id, $2, 'section-' || n, 'Section ' || n, n FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [sectionIds, versionId],
    );
    const perSection = Math.ceil(scale.paragraphs / sectionIds.length);
    await insertBatches(
      db,
      `INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text)
       SELECT $5, p, s, pos, txt FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[]) AS t(p, s, pos, txt)`,
      [
        paragraphIds,
        paragraphIds.map((_, i) => sectionIds[Math.floor(i / perSection)] ?? sectionIds[0]),
        paragraphIds.map((_, i) => i + 1),
        paragraphIds.map(() => `${sentence(random, 30)} ${sentence(random, 25)} (version ${v})`),
      ],
      [versionId],
    );
  }
  const currentVersion = versionIds[versionIds.length - 1] ?? '';
  await db.query(`UPDATE documents SET current_version_id = $1 WHERE id = $2`, [currentVersion, documentId]);

  // Comments: the hot paragraph first, then a long tail falling off with a power law.
  const commentIds: string[] = [];
  const commentParagraph: string[] = [];
  const commentAuthor: string[] = [];
  const commentKind: string[] = [];
  const commentParent: (string | null)[] = [];
  const commentBody: string[] = [];
  const commentCreated: string[] = [];
  const topLevelByParagraph = new Map<number, string[]>();
  const base = Date.now() - 60 * 24 * 3600 * 1000;
  for (let i = 0; i < scale.comments; i += 1) {
    const paragraph = i < scale.hotParagraphComments ? 0 : 1 + Math.floor((scale.paragraphs - 1) * random() ** 2.5);
    const author = Math.floor(random() * scale.users);
    const roll = random();
    const siblings = topLevelByParagraph.get(paragraph) ?? [];
    const isReply = roll < 0.2 && siblings.length > 0;
    const id = randomUUID();
    commentIds.push(id);
    commentParagraph.push(paragraphIds[paragraph] ?? '');
    commentAuthor.push(userIds[author] ?? '');
    commentKind.push(isReply ? 'reply' : roll < 0.25 ? 'suggestion' : 'comment');
    commentParent.push(isReply ? (siblings[Math.floor(random() * siblings.length)] ?? null) : null);
    commentBody.push(sentence(random, 12 + Math.floor(random() * 40)));
    commentCreated.push(new Date(base + i * 50_000).toISOString());
    if (!isReply) {
      siblings.push(id);
      topLevelByParagraph.set(paragraph, siblings);
    }
  }
  await insertBatches(
    db,
    `INSERT INTO contributions (id, kind, document_id, version_id, paragraph_id, parent_id, author_id, author_group, body,
       proposed_text, created_at, updated_at)
     SELECT t.id, t.kind::contribution_kind, $8, $9, t.p, t.parent, t.a, u.stakeholder_group, t.body,
            CASE WHEN t.kind = 'suggestion' THEN 'Proposed: ' || t.body END, t.created, t.created
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[])
            AS t(id, kind, p, parent, a, body, created)
       JOIN users u ON u.id = t.a`,
    [
      commentIds,
      commentKind,
      commentParagraph,
      commentParent,
      commentAuthor,
      commentBody,
      commentCreated,
    ],
    [documentId, currentVersion],
  );

  // Endorsements of comments and suggestions by random users, each pair at most once.
  const endorsed = new Set<string>();
  const endorsementRows: [string, string][] = [];
  while (endorsementRows.length < Math.min(scale.endorsements, scale.comments * scale.users)) {
    const contribution = commentIds[Math.floor(random() * commentIds.length)] ?? '';
    const user = userIds[Math.floor(random() * scale.users)] ?? '';
    const pair = `${contribution}/${user}`;
    if (endorsed.has(pair)) continue;
    endorsed.add(pair);
    endorsementRows.push([contribution, user]);
  }
  await insertBatches(
    db,
    `INSERT INTO endorsements (contribution_id, user_id, user_group)
     SELECT t.c, t.u, u.stakeholder_group FROM unnest($1::uuid[], $2::uuid[]) AS t(c, u) JOIN users u ON u.id = t.u`,
    [endorsementRows.map((r) => r[0]), endorsementRows.map((r) => r[1])],
  );

  // Case studies, all accepted, with searchable stories.
  const regions = ['NG', 'KE', 'IN', 'BR', 'MX', 'DE', 'FR', 'SN', 'US', 'JP', ...Object.keys(UN_REGIONS)];
  const studies = Array.from({ length: scale.caseStudies }, (_, i) => ({
    id: randomUUID(),
    author: userIds[Math.floor(random() * scale.users)] ?? '',
    title: `${sentence(random, 6)} (${i + 1})`,
    region: regions[i % regions.length] ?? 'NG',
    year: 2005 + (i % 12),
    domains: `{${CASE_STUDY_DOMAINS[i % CASE_STUDY_DOMAINS.length]},${CASE_STUDY_DOMAINS[(i + 3) % CASE_STUDY_DOMAINS.length]}}`,
    groups: `{${STAKEHOLDER_GROUPS[i % 6]},${STAKEHOLDER_GROUPS[(i + 1) % 6]}}`,
    story: [sentence(random, 40), sentence(random, 40), sentence(random, 30), sentence(random, 30)],
  }));
  await insertBatches(
    db,
    `INSERT INTO case_studies (id, document_id, author_id, author_group, status, title, region, year_from, year_to, domains,
       stakeholder_groups, closed_door, what_opened, outcome, lessons, consent_to_publish, disposition, submitted_at, decided_at)
     SELECT t.id, $12, t.a, u.stakeholder_group, 'accepted', t.title, t.region, t.year, t.year + 1, t.domains::case_study_domain[],
            t.groups::stakeholder_group[], t.c, t.w, t.o, t.l, true, 'accepted', now(), now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            AS t(id, a, title, region, year, domains, groups, c, w, o, l)
       JOIN users u ON u.id = t.a`,
    [
      studies.map((s) => s.id),
      studies.map((s) => s.author),
      studies.map((s) => s.title),
      studies.map((s) => s.region),
      studies.map((s) => s.year),
      studies.map((s) => s.domains),
      studies.map((s) => s.groups),
      studies.map((s) => s.story[0]),
      studies.map((s) => s.story[1]),
      studies.map((s) => s.story[2]),
      studies.map((s) => s.story[3]),
    ],
    [documentId],
  );
  // The counters' shards, filled by the triggers during the load, folded into one row per counter.
  await db.query('SELECT compact_contribution_counters()');
  await db.query('ANALYZE');

  const [counts]: Record<string, string>[] = await db.query(
    `SELECT (SELECT count(*) FROM users WHERE email LIKE '%@bench.doorway') AS users,
            (SELECT count(*) FROM paragraphs WHERE document_id = $1) AS paragraphs,
            (SELECT count(*) FROM document_versions WHERE document_id = $1) AS versions,
            (SELECT count(*) FROM contributions WHERE document_id = $1) AS contributions,
            (SELECT count(*) FROM contributions WHERE document_id = $1 AND kind = 'reply') AS replies,
            (SELECT count(*) FROM contributions WHERE document_id = $1 AND kind = 'suggestion') AS suggestions,
            (SELECT count(*) FROM contributions WHERE paragraph_id = $2) AS hot_paragraph,
            (SELECT count(*) FROM endorsements e JOIN contributions c ON c.id = e.contribution_id WHERE c.document_id = $1) AS endorsements,
            (SELECT count(*) FROM case_studies WHERE document_id = $1) AS case_studies`,
    [documentId, paragraphIds[0]],
  );
  return {
    documentSlug: BENCH_DOCUMENT,
    hotParagraphKey: paragraphKeys[0] ?? '',
    counts: Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])),
    ms: Date.now() - started,
  };
}
