import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compress, preferredEncoding } from './content-encoding';

describe('preferredEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['deflate', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=1.0, gzip;q=1.0', 'br'],
    ['br;q=0, gzip;q=0', null],
    ['br;q=0, *', 'gzip'],
    ['*', 'br'],
    ['*;q=0', null],
    ['gzip;q=nonsense', null],
  ])('%s gives %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });

  it('reads a header sent more than once', () => {
    expect(preferredEncoding(['gzip;q=0.4', 'br;q=0.2'])).toBe('gzip');
  });
});

describe('compress', () => {
  const body = Buffer.from(JSON.stringify({ paragraphs: Array.from({ length: 200 }, (_, i) => ({ key: `p-${i}`, text: 'doorway '.repeat(20) })) }));

  it('round-trips through brotli and gzip, smaller', async () => {
    const [br, gz] = await Promise.all([compress(body, 'br'), compress(body, 'gzip')]);
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(gunzipSync(gz).equals(body)).toBe(true);
    expect(br.length).toBeLessThan(body.length / 4);
    expect(gz.length).toBeLessThan(body.length / 4);
  });
});
