import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { readdir, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Logger } from '@nestjs/common';

/**
 * Angular's output hashing puts 8 base-32 characters before the extension: main-3LQX6ZQM.js
 * (and its compressed siblings main-3LQX6ZQM.js.br and .gz).
 */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+(\.br|\.gz)?$/;
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest', '.ico']);
/** Below this, compressing saves less than the headers cost. */
const MIN_BYTES = 1024;

/**
 * Hashed files never change under their name: browsers may keep them a year without asking.
 * Anything else (index.html, favicon) is revalidated on each use.
 */
export function setAssetHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  res.setHeader('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The client's page shell, sent for every page address the server does not render: index.html, or
 * index.csr.html from a build that has a server renderer (Angular names it so there). Null when
 * the directory holds no client.
 */
export function clientShellFile(dir: string): string | null {
  return ['index.html', 'index.csr.html'].find((name) => existsSync(join(dir, name))) ?? null;
}

async function compressOne(file: string, suffix: '.br' | '.gz'): Promise<void> {
  const target = `${file}${suffix}`;
  const [source, existing] = await Promise.all([stat(file), stat(target).catch(() => null)]);
  if (existing && existing.mtimeMs >= source.mtimeMs) return;
  const compressor =
    suffix === '.br'
      ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.size } })
      : createGzip({ level: 9 });
  // Written aside and renamed, so a request never gets half a file.
  const partial = `${target}.partial`;
  await pipeline(createReadStream(file), compressor, createWriteStream(partial));
  await rename(partial, target);
}

/**
 * Writes .br and .gz beside each compressible client file that lacks them (or has stale ones),
 * for @fastify/static's `preCompressed` to send. Runs after startup, in the background: until it
 * is done, the plain files are served. A read-only client directory is reported, not fatal.
 */
export async function precompressClient(dir: string, logger: Logger): Promise<void> {
  const started = Date.now();
  let count = 0;
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name))) continue;
      const file = join(entry.parentPath, entry.name);
      if ((await stat(file)).size < MIN_BYTES) continue;
      await compressOne(file, '.br');
      await compressOne(file, '.gz');
      count += 1;
    }
    logger.log(`client assets compressed (brotli, gzip): ${count} files in ${Date.now() - started} ms`);
  } catch (error) {
    logger.warn(`client assets left uncompressed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
