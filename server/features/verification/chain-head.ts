/**
 * The chain head as seen by a request: always from a call (the latest block's number and hash) that STARTED
 * AFTER the request arrived, so a transaction whose receipt someone has seen is in the block every later request reads at.
 *
 * Concurrent requests share calls: a request joins the call that will start when the running one ends
 * (never the running one, which began before the request arrived and may predate a fresh recall). Under
 * load that is at most one call in flight and one queued, whatever the request rate, and no request waits
 * longer than two round trips.
 */
export class ChainHead<Head> {
  readonly #read: () => Promise<Head>;
  #running: Promise<Head> | undefined;
  #queued: Promise<Head> | undefined;

  constructor(read: () => Promise<Head>) {
    this.#read = read;
  }

  /** The head as read by a call that began after this method was called. */
  current(): Promise<Head> {
    const running = this.#running;
    if (running === undefined) return this.#start();
    // Settling `running` first clears `#running` (its handler was attached first), then starts this call.
    this.#queued ??= running.then(noop, noop).then(() => {
      this.#queued = undefined;
      return this.#start();
    });
    return this.#queued;
  }

  #start(): Promise<Head> {
    let call: Promise<Head>;
    try {
      call = this.#read();
    } catch (error) {
      call = Promise.reject(error);
    }
    this.#running = call;
    const done = () => {
      if (this.#running === call) this.#running = undefined;
    };
    call.then(done, done);
    return call;
  }
}

const noop = () => undefined;
