import type { DataSource } from 'typeorm';

export const SEEDED_SLUG = 'bpf-cybersecurity-2016';

/**
 * A private copy of the seeded BPF 2016 draft (version 1 published, 61 paragraphs, keys prefixed
 * with `prefix`), so that a suite may publish, open drafts and change the phase without
 * touching the document the other suites share.
 */
export async function copySeededDocument(
  db: DataSource,
  slug: string,
  prefix: string,
): Promise<{ documentId: string; versionId: string; keys: string[] }> {
  const [forum]: { id: string }[] = await db.query(
    `INSERT INTO forums (slug, name, year) VALUES ($1, 'Test copy forum', 2016) RETURNING id`,
    [`${slug}-forum`],
  );
  const [document]: { id: string }[] = await db.query(
    `INSERT INTO documents (forum_id, slug, title) SELECT $1, $2, title FROM documents WHERE slug = $3 RETURNING id`,
    [forum?.id, slug, SEEDED_SLUG],
  );
  const documentId = document?.id ?? '';
  const [v1]: { id: string }[] = await db.query(
    `INSERT INTO document_versions (document_id, number, label, status, published_at)
     VALUES ($1, 1, 'First draft', 'published', now() - interval '30 days') RETURNING id`,
    [documentId],
  );
  const versionId = v1?.id ?? '';
  await db.query(
    `INSERT INTO version_sections (version_id, key, title, position)
     SELECT $1, s.key, s.title, s.position FROM version_sections s
       JOIN document_versions v ON v.id = s.version_id AND v.number = 1
       JOIN documents d ON d.id = v.document_id AND d.slug = $2`,
    [versionId, SEEDED_SLUG],
  );
  await db.query(
    `INSERT INTO paragraphs (document_id, key)
     SELECT $1, $3 || p.key FROM paragraph_revisions r
       JOIN paragraphs p ON p.id = r.paragraph_id
       JOIN document_versions v ON v.id = r.version_id AND v.number = 1
       JOIN documents d ON d.id = v.document_id AND d.slug = $2`,
    [documentId, SEEDED_SLUG, prefix],
  );
  await db.query(
    `INSERT INTO paragraph_revisions (version_id, paragraph_id, section_id, position, text)
     SELECT $1, np.id, ns.id, r.position, r.text FROM paragraph_revisions r
       JOIN document_versions v ON v.id = r.version_id AND v.number = 1
       JOIN documents d ON d.id = v.document_id AND d.slug = $3
       JOIN paragraphs p ON p.id = r.paragraph_id
       JOIN version_sections s ON s.id = r.section_id
       JOIN paragraphs np ON np.document_id = $2 AND np.key = $4 || p.key
       JOIN version_sections ns ON ns.version_id = $1 AND ns.key = s.key`,
    [versionId, documentId, SEEDED_SLUG, prefix],
  );
  await db.query('UPDATE documents SET current_version_id = $1 WHERE id = $2', [versionId, documentId]);
  const keys: { key: string }[] = await db.query(
    `SELECT p.key FROM paragraph_revisions r JOIN paragraphs p ON p.id = r.paragraph_id WHERE r.version_id = $1 ORDER BY r.position`,
    [versionId],
  );
  return { documentId, versionId, keys: keys.map((k) => k.key) };
}
