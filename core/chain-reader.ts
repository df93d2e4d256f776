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

/** The registry's `Brand` record as a verifier shows it (`admittedAt` 0: no such brand; `country` "" when not given). */
export type ChainBrand = { name: string; country: string; admittedAt: number };

/** The brand holding the GS1 company prefix a GTIN falls in (`brandId` zero: no brand holds one). */
export type ChainGtinOwner = { brandId: Hex; prefix: string };

export type ChainReader = {
  /** The chain and registry the reader talks to: they make the EIP-712 domain a code must be signed in. */
  chainId: number;
  registry: Address;
  /** The chain id the RPC itself reports: a node of another chain must not answer for this one. */
  getChainId(): Promise<number>;
  getBrand(brandId: Hex): Promise<ChainBrand>;
  /** `gtin` is the 14-digit string. */
  getGtinOwner(gtin: string): Promise<ChainGtinOwner>;
  /** Whether the brand's labels may point to `host` (lower-case, `:port` included when the link has one). */
  isLabelDomain(brandId: Hex, host: string): Promise<boolean>;
  getSigner(signer: Address): Promise<ChainSigner>;
  getBatch(batchId: Hex): Promise<ChainBatch>;
  /** The item's status override, a `Status` number (`Active` when none was set). */
  getItemStatus(itemId: Hex): Promise<number>;
  getActivation(itemId: Hex): Promise<ChainActivation>;
};
