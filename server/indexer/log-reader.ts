/**
 * Reads the registries' logs over a block range in chunks. Providers cap `eth_getLogs` (a block span, or a
 * count of results) and say so with a JSON-RPC error; the reader then halves the span and tries again, and
 * keeps the smaller span for the next chunks. A transport fault (timeout, connection refused) is not a cap:
 * it is thrown as it is, and the follower retries the round later.
 */
import { BaseError, RpcError, type Address, type Log, type PublicClient } from "viem";

export type LogReaderOptions = {
  client: PublicClient;
  addresses: Address[];
  /** The widest span asked for in one call (INDEXER_CHUNK_BLOCKS). */
  chunkBlocks: number;
};

/** True when the node answered with a JSON-RPC error (a refusal such as a range cap), not a transport fault. */
function isRefusal(error: unknown): boolean {
  return error instanceof BaseError && error.walk((e) => e instanceof RpcError) !== null;
}

export class LogReader {
  readonly #options: LogReaderOptions;
  #span: number;

  constructor(options: LogReaderOptions) {
    this.#options = options;
    this.#span = options.chunkBlocks;
  }

  /** The span the next call asks for: the configured chunk, or less after a provider refused it. */
  get span(): number {
    return this.#span;
  }

  /**
   * The logs of the first chunk of [from, to]: at most `span` blocks, fewer when the provider refuses.
   * Returns the logs and the last block they cover.
   */
  async next(from: bigint, to: bigint): Promise<{ logs: Log[]; to: bigint }> {
    for (;;) {
      const end = from + BigInt(this.#span) - 1n < to ? from + BigInt(this.#span) - 1n : to;
      try {
        const logs = await this.#options.client.getLogs({ address: this.#options.addresses, fromBlock: from, toBlock: end });
        return { logs: logs as Log[], to: end };
      } catch (error) {
        if (end === from || !isRefusal(error)) throw error;
        this.#span = Math.max(1, Math.floor(Number(end - from + 1n) / 2));
      }
    }
  }
}
