/**
 * What the verdict needs from the chain: the registry's getters, nothing else. The server, the browser and
 * the CLI each implement it over their own viem client, so `core/` stays free of I/O and the verdict is
 * the same wherever it is computed.
 */
import type { Address, Hex } from "viem";

/** The registry's `Signer` record (`brandId` zero: not a signer; `removedAt` 0: still active). */
export type ChainSigner = { brandId: Hex; addedAt: bigint; removedAt: bigint };

/** The registry's `Batch` record (`anchoredAt` 0: no such batch); `status` is a `Status` number. */
export type ChainBatch = { merkleRoot: Hex; signer: Address; anchoredAt: number; itemCount: number; status: number };

/** The registry's `Activation` record: an item's first sale (`seller` zero: not sold yet). */
export type ChainActivation = { seller: Address; activatedAt: number; country: string };

export type ChainReader = {
  /** The chain and registry the reader talks to: they make the EIP-712 domain a code must be signed in. */
  chainId: number;
  registry: Address;
  getSigner(signer: Address): Promise<ChainSigner>;
  getBatch(batchId: Hex): Promise<ChainBatch>;
  /** The item's status override, a `Status` number (`Active` when none was set). */
  getItemStatus(itemId: Hex): Promise<number>;
  getActivation(itemId: Hex): Promise<ChainActivation>;
};
