/**
 * One instance's claim on one batch while its anchoring worker drives it (the store's batch claims:
 * `claimBatchWork`, `renewBatchClaim`, `releaseBatchClaim`). A timer renews the claim every third of the
 * lease, so two renewals can fail in a row before it runs out; the worker asks `check()` between chunks
 * and `confirm()` right before anything goes to the chain, and stops work on the batch at once when
 * another instance holds it.
 *
 * The lease is for efficiency and for sending once, not the last line of defence: an instance paused
 * longer than the lease between `confirm()` and its broadcast can still meet a new owner, and then the
 * registry refuses the second anchoring of the batch id and the store refuses a second item at an index.
 */
import type { Hex } from "viem";
import type { Logger } from "pino";
import type { Store } from "../../store/store.ts";

/** Another instance holds the batch's claim now: this one must not touch the batch again. */
export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor(batchId: Hex, options?: { cause?: unknown }) {
    super(`Another instance took over batch ${batchId}`, options);
  }
}

export type BatchLeaseParameters = {
  store: Pick<Store, "renewBatchClaim">;
  batchId: Hex;
  owner: string;
  leaseMs: number;
  logger: Logger;
};

export class BatchLease {
  readonly #params: BatchLeaseParameters;
  readonly #timer: NodeJS.Timeout;
  #lost = false;
  /** The renewal under way, so that the timer never sends a second one while the first waits on the database. */
  #renewing: Promise<boolean> | undefined;

  /** Starts renewing the claim that `claimBatchWork` just gave `owner`. */
  constructor(params: BatchLeaseParameters) {
    this.#params = params;
    this.#timer = setInterval(() => void this.#heartbeat(), Math.floor(params.leaseMs / 3));
    // The worker's loop keeps the process alive while it works; the heartbeat alone must not.
    this.#timer.unref();
  }

  /** Throws LeaseLostError once a renewal has found another owner. */
  check(): void {
    if (this.#lost) throw new LeaseLostError(this.#params.batchId);
  }

  /** Renews the claim now; throws LeaseLostError when another owner holds it (store faults are thrown as they are). */
  async confirm(): Promise<void> {
    this.check();
    if (!(await this.#renew())) throw new LeaseLostError(this.#params.batchId);
  }

  /** Stops renewing (the claim then runs out by itself unless it is released). */
  stop(): void {
    clearInterval(this.#timer);
  }

  async #heartbeat(): Promise<void> {
    if (this.#lost || this.#renewing) return;
    try {
      await this.#renew();
    } catch (err) {
      // The database is away: the next beat tries again, and the worker's own store calls fail meanwhile.
      this.#params.logger.warn({ batchId: this.#params.batchId, err }, "renewing the batch claim failed; retrying");
    }
  }

  async #renew(): Promise<boolean> {
    const { store, batchId, owner, leaseMs } = this.#params;
    this.#renewing ??= store.renewBatchClaim(batchId, owner, leaseMs).finally(() => (this.#renewing = undefined));
    const held = await this.#renewing;
    if (!held) this.#lost = true;
    return held;
  }
}
