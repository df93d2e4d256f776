/**
 * A `ChainReader` for checking a whole manifest against one chain state: every read is pinned to the block
 * learnt when the check starts, so every row of a report describes the same state. It avoids one call per
 * row: a signer or a batch is read once however many rows share it, and item statuses and first sales
 * (per-item records) come from the registry's events, `ItemStatusChanged` and `ItemActivated`, fetched for
 * all the rows' items together with the indexed `itemId` topic, a chunk of ids per query.
 *
 * The events say the same as the getters: an item's status override is the last `ItemStatusChanged`
 * (`Active` when none), its first sale is its `ItemActivated` (at most one, the contract refuses a second).
 */
import type { Address, Hex, PublicClient } from "viem";
import { productRegistryAbi } from "../../../../core/abi/index.ts";
import type { ChainActivation, ChainBatch, ChainBrand, ChainGtinOwner, ChainReader, ChainSigner } from "../../../../core/chain-reader.ts";
import { activationOf, createRegistryReader } from "../../../../core/registry-reader.ts";
import { BatchedLoader } from "./batched-loader.ts";

export type BulkChainReader = ChainReader & { readonly blockNumber: bigint };

export type BulkChainReaderParameters = {
  client: PublicClient;
  chainId: number;
  registry: Address;
  /** The registry's deployment block: no event of it is older. */
  fromBlock: bigint;
  /** Block times, shared with whoever else needs them. */
  blockTime: (blockNumber: bigint) => Promise<number>;
  /** Item ids per log query (the topic list of one `eth_getLogs`). */
  chunkSize?: number;
};

const STATUS_ACTIVE = 0;
const NO_ACTIVATION: ChainActivation = { seller: "0x0000000000000000000000000000000000000000", activatedAt: 0, country: "" };

export async function createBulkChainReader(params: BulkChainReaderParameters): Promise<BulkChainReader> {
  const { client, chainId, registry, fromBlock } = params;
  const chunkSize = params.chunkSize ?? 1_000;
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
  const pinned = createRegistryReader({ client, chainId, registry, blockNumber });
  const signers = new Map<Address, Promise<ChainSigner>>();
  const batches = new Map<Hex, Promise<ChainBatch>>();
  const brands = new Map<Hex, Promise<ChainBrand>>();
  const gtinOwners = new Map<string, Promise<ChainGtinOwner>>();
  const labelDomains = new Map<string, Promise<boolean>>();
  const chainIdRead = pinned.getChainId();
  chainIdRead.catch(() => undefined);

  const logsOf = async (eventName: "ItemStatusChanged" | "ItemActivated", itemIds: readonly Hex[]) => {
    const chunks: Hex[][] = [];
    for (let i = 0; i < itemIds.length; i += chunkSize) chunks.push(itemIds.slice(i, i + chunkSize));
    const results = await Promise.all(
      chunks.map((itemId) =>
        client.getContractEvents({ address: registry, abi: productRegistryAbi, eventName, args: { itemId }, fromBlock, toBlock: blockNumber, strict: true }),
      ),
    );
    // Oldest first within each chunk; chunks hold distinct items, so the per-item order is kept.
    return results.flat() as Array<{ args: Record<string, unknown>; blockNumber: bigint }>;
  };

  const statuses = new BatchedLoader<Hex, number>(async (itemIds) => {
    const found = new Map<Hex, number>();
    for (const log of await logsOf("ItemStatusChanged", itemIds)) found.set(log.args.itemId as Hex, Number(log.args.newStatus));
    return found;
  }, STATUS_ACTIVE);

  const activations = new BatchedLoader<Hex, ChainActivation>(async (itemIds) => {
    const found = new Map<Hex, ChainActivation>();
    for (const log of await logsOf("ItemActivated", itemIds)) {
      const { itemId, seller, country } = log.args as { itemId: Hex; seller: Address; country: Hex };
      found.set(itemId, activationOf(seller, await params.blockTime(log.blockNumber), country));
    }
    return found;
  }, NO_ACTIVATION);

  const once = <K, V>(map: Map<K, Promise<V>>, key: K, read: () => Promise<V>) => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = read()));
    return value;
  };

  return {
    chainId,
    registry,
    blockNumber,
    getSigner: (signer) => once(signers, signer, () => pinned.getSigner(signer)),
    getBatch: (batchId) => once(batches, batchId, () => pinned.getBatch(batchId)),
    getChainId: () => chainIdRead,
    getBrand: (brandId) => once(brands, brandId, () => pinned.getBrand(brandId)),
    getGtinOwner: (gtin) => once(gtinOwners, gtin, () => pinned.getGtinOwner(gtin)),
    isLabelDomain: (brandId, host) => once(labelDomains, `${brandId}/${host}`, () => pinned.isLabelDomain(brandId, host)),
    // Topics are lower-case hex; a caller's mixed-case id must find the same entry.
    getItemStatus: (itemId) => statuses.load(itemId.toLowerCase() as Hex),
    getActivation: (itemId) => activations.load(itemId.toLowerCase() as Hex),
  };
}
