import { gunzipSync } from 'node:zlib';
import { MAX_RENDERS_AT_ONCE, PAGE_FRESH_MS, RenderedPages } from './server-render';

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('RenderedPages', () => {
  it('renders once for readers who ask at the same time, and again only once the page is PAGE_FRESH_MS old', async () => {
    const time = clock();
    const pages = new RenderedPages(time.now);
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return Buffer.from(`<p>render ${renders}</p>`);
    };
    const together = await Promise.all([pages.get('a', render), pages.get('a', render), pages.get('a', render)]);
    expect(renders).toBe(1);
    expect(new Set(together).size).toBe(1);
    expect(together[0]?.html.toString()).toBe('<p>render 1</p>');

    time.advance(PAGE_FRESH_MS - 1);
    expect((await pages.get('a', render))?.html.toString()).toBe('<p>render 1</p>');
    time.advance(1);
    expect((await pages.get('a', render))?.html.toString()).toBe('<p>render 2</p>');
    // Another address or language is another page.
    expect((await pages.get('b', render))?.html.toString()).toBe('<p>render 3</p>');
  });

  it('keeps neither a failed render nor a page that could not be rendered', async () => {
    const pages = new RenderedPages(clock().now);
    await expect(pages.get('a', () => Promise.reject(new Error('renderer down')))).rejects.toThrow('renderer down');
    expect(await pages.get('a', () => Promise.resolve(null))).toBeNull();
    expect((await pages.get('a', () => Promise.resolve(Buffer.from('ok'))))?.html.toString()).toBe('ok');
  });

  it('answers null (the shell) for another page while MAX_RENDERS_AT_ONCE renders run, and renders it once they are done', async () => {
    const pages = new RenderedPages(clock().now);
    const finish: (() => void)[] = [];
    const slow = (name: string) => () =>
      new Promise<Buffer>((resolve) => finish.push(() => resolve(Buffer.from(name))));
    const running = Array.from({ length: MAX_RENDERS_AT_ONCE }, (_, i) => pages.get(`busy-${i}`, slow(`busy-${i}`)));
    let rendered = false;
    const other = () => {
      rendered = true;
      return Promise.resolve(Buffer.from('other'));
    };
    expect(await pages.get('other', other)).toBeNull();
    expect(rendered).toBe(false);
    // A reader of a page being rendered still shares that render.
    const sharing = pages.get('busy-0', slow('never called'));
    for (const done of finish) done();
    expect((await sharing)?.html.toString()).toBe('busy-0');
    await Promise.all(running);
    expect((await pages.get('other', other))?.html.toString()).toBe('other');
  });

  it('compresses a page once per encoding', async () => {
    const pages = new RenderedPages(clock().now);
    const page = await pages.get('a', () => Promise.resolve(Buffer.from('<p>paragraph</p>'.repeat(200))));
    if (!page) throw new Error('no page');
    const [first, second] = await Promise.all([page.encoded('gzip'), page.encoded('gzip')]);
    expect(first).toBe(second);
    expect(gunzipSync(first).toString()).toBe(page.html.toString());
  });
});
