import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { PARAGRAPHS_SQL, VIEW_ROW_SQL } from '../../api/src/modules/documents/document-sql';

/**
 * The baselines the app is measured against, each a bare node:http server run in its own process
 * (so it never shares the harness's event loop), with the same pool size as the app (20):
 *
 *   document-sql  GET: the two statements of DocumentsService.read (imported from the app) with pg, JSON.stringify'd
 *   static        GET: the app's own response bytes (BODY_FILE), from memory
 *   insert        POST: one INSERT of a comment with pg, the new row's id and time as JSON
 *
 * Env: MODE, PORT, DATABASE_URL (document-sql, insert), BODY_FILE (static), SLUG, PARAGRAPH_KEY
 * and AUTHOR_ID (insert). Prints "listening" once it accepts connections.
 */
const mode = process.env['MODE'] ?? '';
const port = Number(process.env['PORT'] ?? 0);
const slug = process.env['SLUG'] ?? 'bench-consultation';

// The app's own statements (DocumentsService runs them on a cache miss), so "equivalent SQL" stays true.
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
        const { rows } = await pool.query<{ id: string; view_id: string }>(VIEW_ROW_SQL, [slug, null]);
        const document = rows[0];
        if (!document) return send(res, 404, '{}');
        const paragraphs = await pool.query(PARAGRAPHS_SQL, [document.view_id, document.id]);
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
