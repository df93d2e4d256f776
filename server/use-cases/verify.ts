/**
 * The server's own verdict on a scanned code, with what a person needs to act on it. The chain is read by
 * the service itself (through the per-block cache, never stale); the proof comes from the service's own
 * store and the history from its scan log. Nothing is recorded: scanning is POST /api/v1/scans.
 *
 * A browser never has to trust this answer (the verifier page decides for itself); it is for the CLI,
 * integrations and anyone who prefers one call.
 */
import type { Address, Hex } from "viem";
import { expiryToIsoDate, formatExpiry, parseDigitalLink } from "../../core/gs1/index.ts";
import type { ItemCode } from "../../core/types.ts";
import { decideVerdict, type Verdict } from "../../core/verdict.ts";
import type { ServiceContext } from "../context.ts";
import type { Batch } from "../store/store.ts";
import { Lru } from "../verification/lru.ts";
import type { RequestReader } from "../verification/cached-chain-reader.ts";
import { historyView, itemKey, itemKeyString, scanHistoryOf, type HistoryView } from "./scans.ts";

export type VerifyView = Omit<Verdict, "signerRemovedAt"> & {
  /** When the signer was removed, in seconds since the epoch as a decimal string ("0": still active). */
  signerRemovedAt?: string;
  brand: { brandId: Hex | null; name: string | null };
  product: { gtin: string; lot: string; serial: string; expiry: string | null; expiryDate: string | null } | null;
  registration: { anchoredAt: string; transactionHash: Hex | null; blockNumber: number | null } | null;
  firstSale: { seller: Address; soldAt: string; country: string } | null;
  history: HistoryView | null;
  /** What was read: the chain, the registry and the block (null when the chain was not read at a pinned block). */
  checked: { chainId: number; registry: Address; blockNumber: string | null; at: string };
};

export async function verifyCode(ctx: ServiceContext, uri: string): Promise<VerifyView> {
  const code = tryParse(uri);
  if (!ctx.config.verifyCache) return computeVerify(ctx, uri, code, ctx.verification.reader());
  // The head this request reads at comes from a call that starts after this line.
  const head = await ctx.verification.head();
  const item = code === undefined ? undefined : itemKeyString(code);
  const cached = ctx.verdicts.get(uri, head.hash, item);
  if (cached !== undefined) return cached;
  const stamp = ctx.verdicts.stamp(item);
  const view = await computeVerify(ctx, uri, code, ctx.verification.reader(Promise.resolve(head)));
  if (reusable(view, code)) ctx.verdicts.set(uri, head.hash, stamp, view);
  return view;
}

/**
 * Whether an answer may be served again at the same head. Not an UNVERIFIED one (the chain may answer next
 * time), and not one for an item code this service had no proof for: its batch may be confirmed in the
 * store a moment after its block, with no new block to move the head.
 */
function reusable(view: VerifyView, code: ItemCode | undefined): boolean {
  if (view.verdict === "UNVERIFIED") return false;
  return code === undefined || view.registration?.transactionHash != null;
}

async function computeVerify(ctx: ServiceContext, uri: string, code: ItemCode | undefined, chain: RequestReader): Promise<VerifyView> {
  const stored = code === undefined ? undefined : await storedItem(ctx, code);
  const history = code === undefined ? undefined : scanHistoryOf(ctx, itemKey(code));
  const verdict = await decideVerdict({
    uri,
    chain,
    proof: stored?.proof,
    history,
    recoverSigner: ctx.verification.recoverSigner,
  });
  const { signerRemovedAt, ...rest } = verdict;
  const own = stored?.batch.brandId === verdict.brandId ? stored : undefined;
  const batch = own?.batch;
  return {
    ...rest,
    ...(signerRemovedAt === undefined ? {} : { signerRemovedAt: signerRemovedAt.toString() }),
    brand: { brandId: verdict.brandId ?? null, name: brandName(ctx, verdict.brandId, own) },
    product: verdict.code === undefined ? null : product(verdict.code),
    registration:
      verdict.batch === undefined
        ? null
        : {
            anchoredAt: new Date(verdict.batch.anchoredAt * 1000).toISOString(),
            transactionHash: batch?.transactionHash ?? null,
            blockNumber: batch?.blockNumber ?? null,
          },
    firstSale:
      verdict.activation === undefined
        ? null
        : { seller: verdict.activation.seller, soldAt: new Date(verdict.activation.activatedAt * 1000).toISOString(), country: verdict.activation.country },
    history: history === undefined ? null : historyView(history),
    checked: {
      chainId: chain.chainId,
      registry: chain.registry,
      blockNumber: chain.blockNumber?.toString() ?? null,
      at: new Date().toISOString(),
    },
  };
}

function tryParse(uri: string): ItemCode | undefined {
  try {
    return parseDigitalLink(uri).code;
  } catch {
    return undefined;
  }
}

/**
 * What never changes about an item of a confirmed batch: its proof, batch and brand name. Kept per item key
 * so that a busy verify endpoint does not rebuild them; the batch's registration (which a re-anchoring after
 * a chain reset rewrites) is read from the store afresh each time.
 */
type StoredFacts = { proof: readonly Hex[]; batchId: Hex; brandName: string | null };
const factsCache = new WeakMap<ServiceContext, Lru<string, StoredFacts>>();

/** The item's proof and batch from this service's store; undefined when it issued no such item (yet). */
async function storedItem(ctx: ServiceContext, code: ItemCode): Promise<{ proof: readonly Hex[]; batch: Batch; brandName: string | null } | undefined> {
  const cache = ctx.config.verifyCache ? factsCache.get(ctx) ?? factsCache.set(ctx, new Lru(100_000)).get(ctx)! : undefined;
  const key = `${code.gtin}/${code.lot}/${code.serial}`;
  const known = cache?.get(key);
  if (known !== undefined) {
    const batch = ctx.store.getBatch(known.batchId);
    return batch && { proof: known.proof, batch, brandName: known.brandName };
  }
  const found = ctx.store.findItem(code.gtin, code.lot, code.serial);
  if (found === undefined || found.batch.state !== "confirmed") return undefined;
  const facts: StoredFacts = {
    proof: (await ctx.trees.get(found.batch.id)).proof(found.item.index),
    batchId: found.batch.id,
    brandName: ctx.store.getOrganisation(found.batch.orgId)?.name ?? null,
  };
  cache?.set(key, facts);
  return { proof: facts.proof, batch: found.batch, brandName: facts.brandName };
}

/** The brand's name when it is one of ours; the chain knows brands by id only. */
function brandName(ctx: ServiceContext, brandId: Hex | undefined, stored: { brandName: string | null } | undefined): string | null {
  if (brandId === undefined) return null;
  if (stored !== undefined) return stored.brandName;
  return ctx.store.listOrganisations().find((o) => o.brandId === brandId)?.name ?? null;
}

function product(code: ItemCode) {
  const expiry = code.expiry === undefined || code.expiry === 0 ? undefined : code.expiry;
  return {
    gtin: code.gtin,
    lot: code.lot,
    serial: code.serial,
    expiry: expiry === undefined ? null : formatExpiry(expiry),
    expiryDate: expiry === undefined ? null : expiryToIsoDate(expiry, new Date().getUTCFullYear()),
  };
}
