/**
 * A periodic, cheap look at the chain's latest block, for the metrics: its timestamp gives the head's age
 * (`veritrace_chain_head_age_seconds`, which keeps growing while the chain cannot be read or has stopped
 * making blocks) and whether it answered in time (`veritrace_chain_up`). One probe at a time, each given
 * `timeoutMs`; failures are logged when the state changes, not on every probe.
 */
import type { Logger } from "pino";

export type HeadProbeParameters = {
  /** The latest block's timestamp, in Unix seconds. */
  readTimestamp: () => Promise<bigint>;
  intervalMs: number;
  timeoutMs: number;
  logger: Logger;
  onResult: (up: boolean) => void;
};

export class ChainHeadProbe {
  readonly #params: HeadProbeParameters;
  #timestamp: number | undefined;
  #running: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #up: boolean | undefined;

  constructor(params: HeadProbeParameters) {
    this.#params = params;
  }

  /** Unix seconds of the latest block seen; undefined until a probe has succeeded. */
  get timestamp(): number | undefined {
    return this.#timestamp;
  }

  start(): void {
    void this.probe();
    this.#timer = setInterval(() => void this.probe(), this.#params.intervalMs);
    // Never what keeps the process alive.
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One probe; joins the running one instead of piling up calls on a slow node. */
  probe(): Promise<void> {
    this.#running ??= this.#probeOnce().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #probeOnce(): Promise<void> {
    const { readTimestamp, timeoutMs, logger, onResult } = this.#params;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the chain did not return its latest block within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      this.#timestamp = Number(await Promise.race([readTimestamp(), timeout]));
      if (this.#up === false) logger.info({ headTimestamp: this.#timestamp }, "chain probe: the chain answers again");
      this.#set(true);
    } catch (error) {
      if (this.#up !== false) logger.warn({ err: error }, "chain probe: the latest block could not be read");
      this.#set(false);
    } finally {
      clearTimeout(timer);
    }
  }

  #set(up: boolean): void {
    this.#up = up;
    this.#params.onResult(up);
  }
}
