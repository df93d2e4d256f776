/**
 * Long loops on the request thread in short slices. Node serves every request on one thread: a loop over
 * a million items (a label download, a batch's serials) that never gives way makes every other request
 * wait until it ends. A loop that calls `yieldIfDue()` per item gives way once its slice has run
 * SLICE_MS, so nobody waits behind it for much longer than that.
 *
 * It gives way with `setImmediate`, not an awaited promise: promise callbacks (and `process.nextTick`,
 * through which a stream announces `drain` when the socket took the bytes at once) all run before the
 * event loop polls for I/O, so only a macrotask lets waiting requests in. `setTimeout(0)` would also do,
 * but waits at least a millisecond even when nobody else is waiting.
 */

/** Long enough that giving way (a few µs when nothing waits) costs nothing measurable; short enough to stay far below the 100 ms a request may wait. */
export const SLICE_MS = 10;

export class TimeSlice {
  readonly #budgetMs: number;
  #started = performance.now();

  constructor(budgetMs = SLICE_MS) {
    this.#budgetMs = budgetMs;
  }

  /** Whether this slice has used its time: the loop should give way before going on. */
  get due(): boolean {
    return performance.now() - this.#started >= this.#budgetMs;
  }

  /** Lets the event loop run whatever waits (I/O, timers), then starts a new slice. */
  async giveWay(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#started = performance.now();
  }

  /** Gives way when the slice is used up; otherwise resolves without leaving the current turn. */
  async yieldIfDue(): Promise<void> {
    if (this.due) await this.giveWay();
  }
}

/**
 * `source`, giving way whenever a slice is used up. The time a consumer spends on each value is counted
 * too (it runs between two pulls), so wrapping a download's items slices the whole download.
 */
export async function* inTimeSlices<T>(source: AsyncIterable<T> | Iterable<T>, budgetMs = SLICE_MS): AsyncGenerator<T> {
  const slice = new TimeSlice(budgetMs);
  for await (const value of source) {
    yield value;
    await slice.yieldIfDue();
  }
}
