import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import type { CommentView } from '@doorway/contracts';
import { precompressClient } from '../src/common/http/static-assets';
import { DocumentsService } from '../src/modules/documents/documents.service';
import { HttpClient } from './support/http-client';
import { startTestApp } from './support/test-app';
import type { TestApp } from './support/test-app';

const DOC = '/api/documents/bpf-cybersecurity-2016';
const PASSWORD = 'doorway-demo-2016';
const SCRIPT = `console.log(${JSON.stringify('doorway '.repeat(400))});\n`;

describe('HTTP caching: ETags on reads, compressed and long-cached client assets', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doorway-client-'));
    await writeFile(join(dir, 'index.html'), `<!doctype html><title>Doorway</title><script src="main-3LQX6ZQM.js"></script>${' '.repeat(2000)}`);
    await writeFile(join(dir, 'main-3LQX6ZQM.js'), SCRIPT);
    await writeFile(join(dir, 'favicon.ico'), 'x');
    t = await startTestApp({ CLIENT_DIR: dir });
  });

  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('tags the document and answers 304 to a client that has it, until it changes', async () => {
    const reader = new HttpClient(t.app);
    const first = await reader.get(DOC);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await reader.request('GET', DOC, undefined, { headers: { 'if-none-match': etag } });
    expect([again.status, again.body]).toEqual([304, null]);
    const other = await reader.request('GET', DOC, undefined, { headers: { 'if-none-match': 'W/"something-else"' } });
    expect(other.status).toBe(200);

    const author = new HttpClient(t.app);
    expect((await author.signIn('academia3@doorway.test', PASSWORD)).status).toBe(200);
    const posted = await author.post<CommentView>(`${DOC}/paragraphs/intro-core-finding/comments`, { body: 'A new comment changes the counts.' });
    expect(posted.status).toBe(201);
    expect(posted.headers['etag']).toBeUndefined();
    const changed = await reader.request('GET', DOC, undefined, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('sends the document in brotli or gzip when accepted: the same JSON, one ETag, 304 in every encoding', async () => {
    const get = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: DOC, headers });
    const plain = await get({});
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers['vary'])).toMatch(/accept-encoding/i);
    const json = plain.rawPayload;
    expect(JSON.parse(json.toString('utf8'))).toHaveProperty('sections');
    const etag = String(plain.headers['etag']);

    const brotli = await get({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect([brotli.statusCode, brotli.headers['content-encoding'], brotli.headers['etag']]).toEqual([200, 'br', etag]);
    expect(String(brotli.headers['vary'])).toMatch(/accept-encoding/i);
    expect(Number(brotli.headers['content-length'])).toBe(brotli.rawPayload.length);
    expect(brotliDecompressSync(brotli.rawPayload).equals(json)).toBe(true);
    expect(brotli.rawPayload.length).toBeLessThan(json.length / 3);

    const gzip = await get({ 'accept-encoding': 'gzip' });
    expect([gzip.headers['content-encoding'], gzip.headers['etag']]).toEqual(['gzip', etag]);
    expect(gunzipSync(gzip.rawPayload).equals(json)).toBe(true);
    expect((await get({ 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');

    for (const refused of ['identity', 'br;q=0, gzip;q=0', '*;q=0', 'deflate']) {
      const answer = await get({ 'accept-encoding': refused });
      expect([refused, answer.headers['content-encoding'], answer.rawPayload.equals(json)]).toEqual([refused, undefined, true]);
    }

    for (const accepted of [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const revalidated = await get({ ...accepted, 'if-none-match': etag });
      expect([revalidated.statusCode, revalidated.rawPayload.length, revalidated.headers['content-encoding']]).toEqual([304, 0, undefined]);
      expect(revalidated.headers['etag']).toBe(etag);
    }
  });

  it('compresses the cached document once per encoding, not once per request', async () => {
    const documents = t.app.get(DocumentsService);
    const view = await documents.current(null, 'bpf-cybersecurity-2016');
    // Same stamp, same cached entry: the compressed forms live on it.
    expect(await documents.current(null, 'bpf-cybersecurity-2016')).toBe(view);
    const [br1, br2] = await Promise.all([view.encoded('br'), view.encoded('br')]);
    expect(br2).toBe(br1);
    const sent = await t.app.inject({ method: 'GET', url: DOC, headers: { 'accept-encoding': 'br' } });
    expect(sent.rawPayload.equals(br1)).toBe(true);
    expect(await view.encoded('br')).toBe(br1);
    const gz = await view.encoded('gzip');
    expect(gunzipSync(gz).equals(view.json)).toBe(true);
    expect(await view.encoded('gzip')).toBe(gz);
  });

  it('never tags errors', async () => {
    const missing = await new HttpClient(t.app).get('/api/documents/no-such-document');
    expect(missing.status).toBe(404);
    expect(missing.headers['etag']).toBeUndefined();
  });

  it('compresses the client once, and serves brotli or gzip with a year of caching for hashed files', async () => {
    await precompressClient(dir, new Logger('test'));
    const br = await readFile(join(dir, 'main-3LQX6ZQM.js.br'));
    expect(brotliDecompressSync(br).toString()).toBe(SCRIPT);
    expect(gunzipSync(await readFile(join(dir, 'main-3LQX6ZQM.js.gz'))).toString()).toBe(SCRIPT);
    await expect(stat(join(dir, 'favicon.ico.br'))).rejects.toThrow();
    const before = (await stat(join(dir, 'main-3LQX6ZQM.js.br'))).mtimeMs;
    await precompressClient(dir, new Logger('test'));
    expect((await stat(join(dir, 'main-3LQX6ZQM.js.br'))).mtimeMs).toBe(before);

    const get = (encoding: string) => t.app.inject({ method: 'GET', url: '/main-3LQX6ZQM.js', headers: { 'accept-encoding': encoding } });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT);
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await get('identity');
    expect([plain.headers['content-encoding'], plain.body]).toEqual([undefined, SCRIPT]);
    const favicon = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(favicon.headers['cache-control']).toBe('no-cache');
  });
});
