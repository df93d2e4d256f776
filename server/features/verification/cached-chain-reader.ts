/**
 * What the verify endpoint reads the chain through: fast under load, never stale.
 *
 * - Signature recovery (pure in the digest and signature) is memoised in a bounded LRU.
 * - Chain state is read pinned to the head block each request learns afresh (`ChainHead`), and the reads
 *   are shared by every request at that block, then dropped when the head moves. A recall, a signer's
 *   removal or a first sale mined in block N is therefore seen by every request whose head call began
 *   after block N existed: no cached status outlives its block. Blocks are told apart by hash, so a
 *   reorganisation that replaces the head at the same height drops the cache too.
 * The registry returns a record's fixed fields (a batch's root, a signer's brand) in the same call as its
 * mutable ones (status, removal), so caching the fixed ones apart would save no call: the per-block cache
 * already shares both.
 *
 * `cache: false` (VERIFY_CACHE=off) reads everything at the latest block and recovers every signature,
 * per request: a diagnostic, and the benchmark's baseline.
 */
import type { Address, Client, Hex } from "viem";
import type { ChainActivation, ChainBatch, ChainBrand, ChainGtinOwner, ChainReader, ChainSigner } from "../../../core/chain-reader.ts";
import { createRegistryReader } from "../../../core/registry-reader.ts";
import { ChainHead } from "./chain-head.ts";
import { Lru } from "./lru.ts";
import { recoverSignerFast as recoverSigner } from "./signer-recovery.ts";

export type VerificationChainParameters = {
  client: Client;
  chainId: number;
  registry: Address;
  cache: boolean;
  /** How to read the head; default: eth_getBlockByNumber through `client`. */
  readHead?: (() => Promise<Head>) | undefined;
  /** Recovered signers kept (about 200 bytes each). */
  signatureCacheSize?: number;
  /** Chain records kept per block; a busier block simply re-reads the overflow. */
  blockCacheSize?: number;
};

/** The head block a request reads at. */
export type Head = { number: bigint; hash: Hex };

/** A reader for one request, and the block it read at (undefined until it read, or without a cache). */
export type RequestReader = ChainReader & { readonly blockNumber: bigint | undefined };

type Records = {
  signers: Lru<Address, Promise<ChainSigner>>;
  batches: Lru<Hex, Promise<ChainBatch>>;
  itemStatuses: Lru<Hex, Promise<number>>;
  activations: Lru<Hex, Promise<ChainActivation>>;
  brands: Lru<Hex, Promise<ChainBrand>>;
  gtinOwners: Lru<string, Promise<ChainGtinOwner>>;
  labelDomains: Lru<string, Promise<boolean>>;
};
type BlockCache = { head: Head; reader: ChainReader; records: Records };

export class VerificationChain {
  readonly chainId: number;
  readonly registry: Address;
  readonly cache: boolean;
  readonly #client: Client;
  readonly #head: ChainHead<Head>;
  readonly #latest: ChainReader;
  readonly #signatures: Lru<string, Address>;
  readonly #blockCacheSize: number;
  #block: BlockCache | undefined;
  /** The node's chain id: asked once, since the service's own transport cannot move to another chain. */
  #chainId: Promise<number> | undefined;

  constructor(params: VerificationChainParameters) {
    this.chainId = params.chainId;
    this.registry = params.registry;
    this.cache = params.cache;
    this.#client = params.client;
    this.#latest = createRegistryReader({ client: params.client, chainId: params.chainId, registry: params.registry });
    this.#head = new ChainHead(params.readHead ?? (() => this.#latestBlock()));
    this.#signatures = new Lru(params.signatureCacheSize ?? 100_000);
    this.#blockCacheSize = params.blockCacheSize ?? 50_000;
  }

  /** Signer recovery for `decideVerdict`: memoised with the cache on, done afresh without it. */
  readonly recoverSigner = (digest: Uint8Array, signature: Uint8Array): Address => {
    if (!this.cache) return recoverSigner(digest, signature);
    const key = Buffer.from(digest).toString("base64") + Buffer.from(signature).toString("base64");
    return this.#signatures.getOrSet(key, () => recoverSigner(digest, signature));
  };

  /** The chain head, from a call that starts after this one: a request's view of "now". */
  head(): Promise<Head> {
    return this.#head.current();
  }

  /**
   * A chain reader for one request. Call it when the request arrives: its head is learnt after that, unless
   * the request learnt it already (`head`).
   */
  reader(head?: Promise<Head>): RequestReader {
    if (!this.cache) return { ...this.#latest, blockNumber: undefined };
    const chainId = () => {
      const asked = (this.#chainId ??= this.#latest.getChainId());
      asked.catch(() => {
        if (this.#chainId === asked) this.#chainId = undefined;
      });
      return asked;
    };
    let pinned: Promise<BlockCache> | undefined;
    let blockNumber: bigint | undefined;
    const atHead = () =>
      (pinned ??= (head ?? this.#head.current()).then((current) => {
        blockNumber = current.number;
        return this.#cacheFor(current);
      }));
    const read = <K, V>(pick: (r: Records) => Lru<K, Promise<V>>, key: K, fetch: (reader: ChainReader) => Promise<V>) =>
      atHead().then(({ reader, records }) => remember(pick(records), key, () => fetch(reader)));
    return {
      chainId: this.chainId,
      registry: this.registry,
      get blockNumber() {
        return blockNumber;
      },
      getSigner: (signer) => read((r) => r.signers, signer, (c) => c.getSigner(signer)),
      getBatch: (batchId) => read((r) => r.batches, batchId, (c) => c.getBatch(batchId)),
      getItemStatus: (itemId) => read((r) => r.itemStatuses, itemId, (c) => c.getItemStatus(itemId)),
      getActivation: (itemId) => read((r) => r.activations, itemId, (c) => c.getActivation(itemId)),
      getChainId: chainId,
      getBrand: (brandId) => read((r) => r.brands, brandId, (c) => c.getBrand(brandId)),
      getGtinOwner: (gtin) => read((r) => r.gtinOwners, gtin, (c) => c.getGtinOwner(gtin)),
      isLabelDomain: (brandId, host) => read((r) => r.labelDomains, `${brandId}/${host}`, (c) => c.isLabelDomain(brandId, host)),
    };
  }

  async #latestBlock(): Promise<Head> {
    const block = (await this.#client.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { number: Hex; hash: Hex };
    return { number: BigInt(block.number), hash: block.hash };
  }

  /** The records of `head`; a new head (or a chain reset, or a reorganisation) starts an empty set. */
  #cacheFor(head: Head): BlockCache {
    if (this.#block?.head.hash === head.hash) return this.#block;
    const size = this.#blockCacheSize;
    const cache: BlockCache = {
      head,
      reader: createRegistryReader({ client: this.#client, chainId: this.chainId, registry: this.registry, blockNumber: head.number }),
      records: {
        signers: new Lru(size),
        batches: new Lru(size),
        itemStatuses: new Lru(size),
        activations: new Lru(size),
        brands: new Lru(size),
        gtinOwners: new Lru(size),
        labelDomains: new Lru(size),
      },
    };
    // A request that learnt an older head still gets a consistent view, just not a shared one.
    if (this.#block === undefined || head.number >= this.#block.head.number || !this.#recent(head.number)) this.#block = cache;
    return cache;
  }

  /** Whether `block` is at most a little behind the cached head: an overtaken answer, not a chain reset. */
  #recent(block: bigint): boolean {
    return this.#block !== undefined && this.#block.head.number - block < 16n;
  }
}

/** Shares one read between concurrent requests; a failed read is forgotten so the next one retries. */
function remember<K, V>(lru: Lru<K, Promise<V>>, key: K, fetch: () => Promise<V>): Promise<V> {
  const hit = lru.get(key);
  if (hit !== undefined) return hit;
  const read = fetch();
  lru.set(key, read);
  read.catch(() => {
    if (lru.get(key) === read) lru.delete(key);
  });
  return read;
}
