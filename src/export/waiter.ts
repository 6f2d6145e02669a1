// Waiting on a worker thread's messages and on writes, for the exports' threads (csv-out.ts,
// csv-split.ts): each event pokes; `until` waits for a condition, or for the first failure.

export class Waiter {
  /** The first failure, if any. */
  failure: unknown = null;
  private wake: (() => void) | null = null;

  /** Something happened: a waiting `until` looks at its condition again. */
  readonly poke = (): void => {
    const w = this.wake;
    this.wake = null;
    w?.();
  };

  /** Keeps the first failure, and wakes the wait. */
  readonly fail = (err: unknown): void => {
    this.failure ??= err;
    this.poke();
  };

  /** Until `done()` holds or something failed (the failure is left in `failure`). */
  async until(done: () => boolean): Promise<void> {
    while (this.failure == null && !done()) await new Promise<void>((r) => (this.wake = r));
  }

  /** As `until`, throwing the failure. */
  async untilOrThrow(done: () => boolean): Promise<void> {
    await this.until(done);
    if (this.failure != null) throw this.failure;
  }
}
