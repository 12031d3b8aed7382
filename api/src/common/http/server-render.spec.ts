import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { MAX_RENDERS_AT_ONCE, PAGE_FRESH_MS, RenderedPages, allowScripts, inlineScriptHashes, languageKey } from './server-render';

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('RenderedPages', () => {
  it('renders once for readers who ask at the same time, and again only when the document changed and the page is PAGE_FRESH_MS old', async () => {
    const time = clock();
    const pages = new RenderedPages(time.now);
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return Buffer.from(`<p>render ${renders}</p>`);
    };
    const together = await Promise.all([pages.get('a', 'v1', render), pages.get('a', 'v1', render), pages.get('a', 'v1', render)]);
    expect(renders).toBe(1);
    expect(new Set(together).size).toBe(1);
    expect(together[0]?.html.toString()).toBe('<p>render 1</p>');

    // The document changed, but the page is younger than PAGE_FRESH_MS: it is sent as it is.
    time.advance(PAGE_FRESH_MS - 1);
    expect((await pages.get('a', 'v2', render))?.html.toString()).toBe('<p>render 1</p>');
    // Unchanged, it is kept however old.
    time.advance(60_000);
    expect((await pages.get('a', 'v1', render))?.html.toString()).toBe('<p>render 1</p>');
    // Changed and old: rendered again.
    expect((await pages.get('a', 'v2', render))?.html.toString()).toBe('<p>render 2</p>');
    // Another address or language is another page.
    expect((await pages.get('b', 'v2', render))?.html.toString()).toBe('<p>render 3</p>');
  });

  it('keeps neither a failed render nor a page that could not be rendered', async () => {
    const pages = new RenderedPages(clock().now);
    await expect(pages.get('a', 'v1', () => Promise.reject(new Error('renderer down')))).rejects.toThrow('renderer down');
    expect(await pages.get('a', 'v1', () => Promise.resolve(null))).toBeNull();
    expect((await pages.get('a', 'v1', () => Promise.resolve(Buffer.from('ok'))))?.html.toString()).toBe('ok');
  });

  it('answers null (the shell) for another page while MAX_RENDERS_AT_ONCE renders run, and renders it once they are done', async () => {
    const pages = new RenderedPages(clock().now);
    const finish: (() => void)[] = [];
    const slow = (name: string) => () =>
      new Promise<Buffer>((resolve) => finish.push(() => resolve(Buffer.from(name))));
    const running = Array.from({ length: MAX_RENDERS_AT_ONCE }, (_, i) => pages.get(`busy-${i}`, 'v1', slow(`busy-${i}`)));
    let rendered = false;
    const other = () => {
      rendered = true;
      return Promise.resolve(Buffer.from('other'));
    };
    expect(await pages.get('other', 'v1', other)).toBeNull();
    expect(rendered).toBe(false);
    // A reader of a page being rendered still shares that render.
    const sharing = pages.get('busy-0', 'v1', slow('never called'));
    for (const done of finish) done();
    expect((await sharing)?.html.toString()).toBe('busy-0');
    await Promise.all(running);
    expect((await pages.get('other', 'v1', other))?.html.toString()).toBe('other');
  });

  it('compresses a page once per encoding', async () => {
    const pages = new RenderedPages(clock().now);
    const page = await pages.get('a', 'v1', () => Promise.resolve(Buffer.from('<p>paragraph</p>'.repeat(200))));
    if (!page) throw new Error('no page');
    const [first, second] = await Promise.all([page.encoded('gzip'), page.encoded('gzip')]);
    expect(first).toBe(second);
    expect(gunzipSync(first).toString()).toBe(page.html.toString());
  });
});

describe('languageKey', () => {
  it('keeps what decides the language: the primary subtags, by preference', () => {
    expect(languageKey('en-US,en;q=0.9')).toBe('en');
    expect(languageKey('en-GB')).toBe('en');
    expect(languageKey('fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr,en');
    expect(languageKey('en;q=0.5, ar-EG')).toBe('ar,en');
    expect(languageKey(null)).toBe('');
  });
});

describe('inlineScriptHashes', () => {
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

  it('hashes the inline scripts a browser runs, byte for byte, and nothing else', () => {
    const recorder = '(()=>{window.__recorder="é"})();';
    const start = 'window.__jsaction_bootstrap(document.body,"ng",["click"],[]);';
    const html = [
      `<body><script type="text/javascript" id="ng-event-dispatch-contract">${recorder}</script>`,
      `<script>${start}</script>`,
      '<script src="main-ABC.js" type="module"></script>',
      '<script id="ng-state" type="application/json">{"a":1}</script>',
      `<script>${start}</script></body>`,
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([sha(recorder), sha(start)]);
    // The page's JSON and external scripts are not inline scripts to allow.
    expect(inlineScriptHashes('<script id="ng-state" type="application/json">{}</script><script src="x.js"></script>')).toEqual([]);
  });

  it('is what a kept page carries', async () => {
    const pages = new RenderedPages(clock().now);
    const page = await pages.get('a', 'v1', () => Promise.resolve(Buffer.from('<script>go()</script><p>text</p>')));
    expect(page?.scriptHashes).toEqual([sha('go()')]);
  });
});

describe('allowScripts', () => {
  it("adds sources to script-src and leaves every other directive as it was", () => {
    const policy = "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';object-src 'none'";
    expect(allowScripts(policy, ["'sha256-a'", "'sha256-b'"])).toBe(
      "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self' 'unsafe-inline'; object-src 'none'",
    );
    expect(allowScripts(policy, [])).toBe(policy);
  });

  it("starts script-src from default-src when the policy has none, so that it does not widen it", () => {
    expect(allowScripts("default-src 'self'; img-src data:", ["'sha256-a'"])).toBe("default-src 'self'; img-src data:; script-src 'self' 'sha256-a'");
  });
});
