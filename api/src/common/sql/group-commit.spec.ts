import { GroupCommit } from './group-commit';

interface Write {
  author: string;
  text: string;
}

/** A write function whose calls finish when the test says so. */
function controlled(fail?: (items: readonly Write[]) => boolean) {
  const calls: { items: Write[]; finish: () => void }[] = [];
  const write = (items: readonly Write[]): Promise<string[]> =>
    new Promise((resolve, reject) => {
      calls.push({
        items: [...items],
        finish: () => (fail?.(items) ? reject(new Error(`refused ${items.map((i) => i.text).join('+')}`)) : resolve(items.map((i) => `ok ${i.text}`))),
      });
    });
  return { calls, write };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('sends a write at once and alone while fewer than maxInFlight batches run', async () => {
    const { calls, write } = controlled();
    const group = new GroupCommit(write, { maxInFlight: 2, maxBatch: 10, keyOf: (w: Write) => w.author });
    const a = group.submit({ author: 'ana', text: 'a' });
    const b = group.submit({ author: 'ben', text: 'b' });
    expect(calls.map((c) => c.items.length)).toEqual([1, 1]);
    calls.forEach((c) => c.finish());
    await expect(a).resolves.toBe('ok a');
    await expect(b).resolves.toBe('ok b');
  });

  it('gathers the writes that wait into one batch, in arrival order, each answered with its own result', async () => {
    const { calls, write } = controlled();
    const group = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10, keyOf: (w: Write) => w.author });
    const first = group.submit({ author: 'ana', text: 'a' });
    const waiting = ['b', 'c', 'd'].map((text) => group.submit({ author: text, text }));
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await first;
    await tick();
    expect(calls[1]?.items.map((i) => i.text)).toEqual(['b', 'c', 'd']);
    calls[1]?.finish();
    await expect(Promise.all(waiting)).resolves.toEqual(['ok b', 'ok c', 'ok d']);
  });

  it('never puts two writes with the same key in one batch, and keeps at most maxBatch', async () => {
    const { calls, write } = controlled();
    const group = new GroupCommit(write, { maxInFlight: 1, maxBatch: 2, keyOf: (w: Write) => w.author });
    const all = [
      group.submit({ author: 'ana', text: '0' }),
      group.submit({ author: 'ana', text: '1' }),
      group.submit({ author: 'ana', text: '2' }),
      group.submit({ author: 'ben', text: '3' }),
      group.submit({ author: 'cy', text: '4' }),
    ];
    for (let round = 0; round < 5 && calls.some((c) => c.items.length > 0); round++) {
      calls.forEach((c) => c.finish());
      const seen = calls.length;
      await tick();
      if (calls.length === seen) break;
    }
    await Promise.all(all);
    expect(calls.map((c) => c.items.map((i) => i.text))).toEqual([['0'], ['1', '3'], ['2', '4']]);
  });

  it('holds back a write whose key a running batch holds, even with a batch free', async () => {
    const { calls, write } = controlled();
    const group = new GroupCommit(write, { maxInFlight: 2, maxBatch: 10, keyOf: (w: Write) => w.author });
    const first = group.submit({ author: 'ana', text: 'a1' });
    const second = group.submit({ author: 'ana', text: 'a2' });
    const other = group.submit({ author: 'ben', text: 'b' });
    expect(calls.map((c) => c.items.map((i) => i.text))).toEqual([['a1'], ['b']]);
    calls[0]?.finish();
    await first;
    await tick();
    expect(calls[2]?.items.map((i) => i.text)).toEqual(['a2']);
    calls.slice(1).forEach((c) => c.finish());
    await expect(Promise.all([second, other])).resolves.toEqual(['ok a2', 'ok b']);
  });

  it('tries a failed batch again one write at a time, so only the refused write fails', async () => {
    const { calls, write } = controlled((items) => items.some((i) => i.text === 'bad'));
    const group = new GroupCommit(write, { maxInFlight: 1, maxBatch: 10, keyOf: (w: Write) => w.author });
    const first = group.submit({ author: 'ana', text: 'a' });
    const good = group.submit({ author: 'ben', text: 'good' });
    const bad = group.submit({ author: 'cy', text: 'bad' });
    calls[0]?.finish();
    await first;
    await tick();
    expect(calls[1]?.items.map((i) => i.text)).toEqual(['good', 'bad']);
    calls[1]?.finish();
    await tick();
    expect(calls.slice(2).map((c) => c.items.map((i) => i.text))).toEqual([['good'], ['bad']]);
    calls.slice(2).forEach((c) => c.finish());
    await expect(good).resolves.toBe('ok good');
    await expect(bad).rejects.toThrow('refused bad');
  });

  it('refuses every write of a batch whose answer does not have one result per write', async () => {
    const group = new GroupCommit((items: readonly Write[]) => Promise.resolve(items.slice(1).map((i) => i.text)), {
      maxInFlight: 1,
      maxBatch: 10,
      keyOf: (w: Write) => w.author,
    });
    await expect(group.submit({ author: 'ana', text: 'a' })).rejects.toThrow('a batch of 1 writes answered 0 results');
  });
});
