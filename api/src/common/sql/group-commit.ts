/** How a GroupCommit forms its batches. */
export interface GroupCommitOptions<I> {
  /** Batches running at once; a write that finds fewer running goes out at once. */
  maxInFlight: number;
  /** The most writes one batch takes. */
  maxBatch: number;
  /**
   * Writes with the same key never share a batch, nor run while a batch holds one of them: for a
   * check that a statement cannot make against rows not yet committed, such as an author's rate
   * limit. They go out one after the other, in order.
   */
  keyOf: (item: I) => string;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit in the app: concurrent writes of one kind share one statement, and with it one
 * round trip, one transaction and one commit's flush. While the database keeps up, each write goes
 * out alone and at once; only when `maxInFlight` batches are already running do writes wait, and
 * then the next batch takes the waiting ones together, so batches grow with the load and not
 * before. `write` answers one result per item, in the items' order.
 *
 * A batch that fails is tried again one write at a time, so that a write the database refuses (or
 * a deadlock between two batches) fails only its own request. A batch is all or nothing, so the
 * retry cannot write anything twice.
 *
 * No library in the stack does this: pg's pool queues whole queries, not rows.
 */
export class GroupCommit<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  /** The keys of the writes in running batches. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly write: (items: readonly I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const keys = this.take();
      if (!keys) return;
      this.inFlight++;
      void this.run(keys.batch).finally(() => {
        this.inFlight--;
        for (const key of keys.held) this.busy.delete(key);
        this.pump();
      });
    }
  }

  /**
   * The next batch: the oldest waiting writes, at most one per key and none whose key a running
   * batch holds, at most maxBatch; null if every waiting write must wait for a running batch.
   */
  private take(): { batch: Waiting<I, O>[]; held: string[] } | null {
    const batch: Waiting<I, O>[] = [];
    const held: string[] = [];
    const left: Waiting<I, O>[] = [];
    for (const waiting of this.waiting) {
      const key = this.options.keyOf(waiting.item);
      if (batch.length < this.options.maxBatch && !this.busy.has(key)) {
        this.busy.add(key);
        held.push(key);
        batch.push(waiting);
      } else {
        left.push(waiting);
      }
    }
    if (batch.length === 0) return null;
    this.waiting.splice(0, this.waiting.length, ...left);
    return { batch, held };
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.write(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(batch.map((waiting) => this.run([waiting])));
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} writes answered ${results.length} results`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => waiting.resolve(results[i] as O));
  }
}
