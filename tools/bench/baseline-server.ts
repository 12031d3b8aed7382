import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';

/**
 * The baselines the app is measured against, each a bare node:http server run in its own process
 * (so it never shares the harness's event loop), with the same pool size as the app (20):
 *
 *   document-sql  GET: the two statements of DocumentsService.read with pg, JSON.stringify'd
 *   static        GET: the app's own response bytes (BODY_FILE), from memory
 *   insert        POST: one INSERT of a comment with pg, the new row's id and time as JSON
 *
 * Env: MODE, PORT, DATABASE_URL (document-sql, insert), BODY_FILE (static), SLUG, PARAGRAPH_KEY
 * and AUTHOR_ID (insert). Prints "listening" once it accepts connections.
 */
const mode = process.env['MODE'] ?? '';
const port = Number(process.env['PORT'] ?? 0);
const slug = process.env['SLUG'] ?? 'bench-consultation';

const COUNTED = `c.kind IN ('comment', 'reply', 'suggestion') AND c.deleted_at IS NULL`;

/** DocumentsService.read, statement for statement (the current version). */
const DOCUMENT_SQL = `
  SELECT d.id, d.slug, d.title, d.summary, f.slug AS forum_slug, f.name AS forum_name,
         d.consultation_opens_at, d.consultation_closes_at, d.phase, d.comment_deadline,
         v.id AS version_id, v.number AS version_number, v.label AS version_label, v.published_at AS version_published_at,
         (SELECT count(*) FROM contributions c WHERE c.document_id = d.id AND ${COUNTED}) AS comment_count
    FROM documents d
    JOIN forums f ON f.id = d.forum_id
    LEFT JOIN document_versions v ON v.id = d.current_version_id
   WHERE d.slug = $1`;

const PARAGRAPHS_SQL = `
  SELECT s.key AS section_key, s.title AS section_title, p.key, r.position, r.text, counts.by_group AS counts,
         (SELECT json_agg(json_build_object('id', cs.id, 'title', cs.title) ORDER BY cs.title)
            FROM case_studies cs
           WHERE cs.document_id = $2 AND cs.status = 'accepted' AND cs.paragraph_keys @> ARRAY[p.key]::varchar[]) AS case_studies,
         shaped.total AS shaped_count, shaped.by_group AS shaped_by_group
    FROM paragraph_revisions r
    JOIN version_sections s ON s.id = r.section_id
    JOIN paragraphs p ON p.id = r.paragraph_id
    LEFT JOIN (
      SELECT g.paragraph_id, jsonb_object_agg(g.author_group, g.n) AS by_group
        FROM (SELECT cp.paragraph_id, c.author_group, count(*)::int AS n
                FROM contribution_paragraphs cp
                JOIN contributions c ON c.id = cp.contribution_id
               WHERE c.document_id = $2 AND ${COUNTED}
               GROUP BY cp.paragraph_id, c.author_group) g
       GROUP BY g.paragraph_id
    ) counts ON counts.paragraph_id = p.id
    LEFT JOIN (
      SELECT g.revision_id, sum(g.n)::int AS total, jsonb_object_agg(g.author_group, g.n) AS by_group
        FROM (SELECT rp.revision_id, coalesce(c.author_group, cs.author_group) AS author_group, count(*)::int AS n
                FROM revision_provenance rp
                JOIN paragraph_revisions pr ON pr.id = rp.revision_id AND pr.version_id = $1
                LEFT JOIN contributions c ON c.id = rp.contribution_id
                LEFT JOIN case_studies cs ON cs.id = rp.case_study_id
               GROUP BY rp.revision_id, 2) g
       GROUP BY g.revision_id
    ) shaped ON shaped.revision_id = r.id
   WHERE r.version_id = $1
   ORDER BY r.position`;

function send(res: ServerResponse, status: number, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function fail(res: ServerResponse, error: unknown): void {
  send(res, 500, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
}

async function handler(): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  if (mode === 'static') {
    const body = readFileSync(process.env['BODY_FILE'] ?? '');
    return (_req, res) => send(res, 200, body);
  }
  const pool = new Pool({ connectionString: process.env['DATABASE_URL'], max: 20 });
  if (mode === 'document-sql') {
    return (_req, res) => {
      void (async () => {
        const { rows } = await pool.query<{ id: string; version_id: string }>(DOCUMENT_SQL, [slug]);
        const document = rows[0];
        if (!document) return send(res, 404, '{}');
        const paragraphs = await pool.query(PARAGRAPHS_SQL, [document.version_id, document.id]);
        send(res, 200, JSON.stringify({ document, paragraphs: paragraphs.rows }));
      })().catch((error: unknown) => fail(res, error));
    };
  }
  if (mode === 'insert') {
    const { rows } = await pool.query<{ document_id: string; version_id: string; paragraph_id: string; author_group: string }>(
      `SELECT d.id AS document_id, d.current_version_id AS version_id, p.id AS paragraph_id, u.stakeholder_group AS author_group
         FROM documents d JOIN paragraphs p ON p.document_id = d.id, users u
        WHERE d.slug = $1 AND p.key = $2 AND u.id = $3`,
      [slug, process.env['PARAGRAPH_KEY'], process.env['AUTHOR_ID']],
    );
    const target = rows[0];
    if (!target) throw new Error('insert baseline: no such document, paragraph or user');
    return (req, res) => {
      void (async () => {
        const parsed = JSON.parse(await readBody(req)) as { body?: unknown };
        if (typeof parsed.body !== 'string' || !parsed.body.trim()) return send(res, 400, '{}');
        const inserted = await pool.query<{ id: string; created_at: Date }>(
          `INSERT INTO contributions (kind, document_id, version_id, paragraph_id, author_id, author_group, body, attribution)
           VALUES ('comment', $1, $2, $3, $4, $5, $6, 'named') RETURNING id, created_at`,
          [target.document_id, target.version_id, target.paragraph_id, process.env['AUTHOR_ID'], target.author_group, parsed.body.trim()],
        );
        send(res, 201, JSON.stringify(inserted.rows[0]));
      })().catch((error: unknown) => fail(res, error));
    };
  }
  throw new Error(`unknown MODE "${mode}"`);
}

handler()
  .then((handle) => {
    const server = createServer(handle);
    server.keepAliveTimeout = 60_000;
    server.listen(port, '127.0.0.1', () => console.log('listening'));
    process.on('SIGTERM', () => server.close(() => process.exit(0)));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
