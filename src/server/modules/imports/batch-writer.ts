/** A batch of the Mẫu 2 import's teams, planned and written together. */

/** Plans a batch (reading what it must) and returns the writing of it. */
export type PlanBatch<B> = (batch: B[]) => Promise<() => Promise<void>>;

/**
 * Batches (lists of `B`) planned in order once {@link start}ed, and written one after another: the next batch is
 * read and planned while the database writes the previous ones, and at most `depth` batches wait
 * to be written (adding one more waits). Before the start, batches are held. A failed write
 * surfaces on the next add or at finish.
 */
export class BatchWriter<B> {
  private held: B[][] = [];
  private plan: PlanBatch<B> | null = null;
  private writes: Promise<void>[] = [];
  private last: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(private readonly depth: number) {}

  async add(batch: B[]): Promise<void> {
    if (batch.length === 0) return;
    if (!this.plan) {
      this.held.push(batch);
      return;
    }
    while (this.writes.length >= this.depth) await this.writes.shift();
    this.check();
    const write = await this.plan(batch);
    this.last = this.last.then(write).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.writes.push(this.last);
  }

  async start(plan: PlanBatch<B>): Promise<void> {
    this.plan = plan;
    for (const batch of this.held.splice(0)) await this.add(batch);
  }

  /** Waits for every write, without throwing: no query may still run once the transaction ends. */
  async settle(): Promise<void> {
    await this.last;
  }

  async finish(): Promise<void> {
    await this.settle();
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure.error;
  }
}
