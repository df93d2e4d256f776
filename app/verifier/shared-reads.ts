/**
 * A chain reader that asks each question once: the same read asked again (by the same arguments) gets the
 * first answer, or waits for it while it is in flight. It lets the page run the verdict's chain reads while
 * the proof and the scan log are still being fetched (see check-code.ts): the verdict computed afterwards
 * finds its reads answered or under way instead of starting them then, one round trip after another.
 * One reader serves one check: nothing is kept across checks, so a recall is never missed.
 */
import type { ChainReader } from "../../core/chain-reader.ts";

type Read = (...args: never[]) => Promise<unknown>;

export function sharedReads(reader: ChainReader): ChainReader {
  const answers = new Map<string, Promise<unknown>>();
  const shared = <F extends Read>(name: string, read: F): F =>
    ((...args: Parameters<F>) => {
      const key = `${name}(${args.map(String).join(",")})`;
      let answer = answers.get(key);
      if (answer === undefined) answers.set(key, (answer = read(...args)));
      return answer;
    }) as F;
  return {
    chainId: reader.chainId,
    registry: reader.registry,
    getChainId: shared("getChainId", () => reader.getChainId()),
    getBrand: shared("getBrand", (brandId) => reader.getBrand(brandId)),
    getGtinOwner: shared("getGtinOwner", (gtin) => reader.getGtinOwner(gtin)),
    isLabelDomain: shared("isLabelDomain", (brandId, host) => reader.isLabelDomain(brandId, host)),
    getSigner: shared("getSigner", (signer) => reader.getSigner(signer)),
    getBatch: shared("getBatch", (batchId) => reader.getBatch(batchId)),
    getItemStatus: shared("getItemStatus", (itemId) => reader.getItemStatus(itemId)),
    getActivation: shared("getActivation", (itemId) => reader.getActivation(itemId)),
  };
}
