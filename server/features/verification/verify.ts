/**
 * The server's own verdict on a scanned code, with what a person needs to act on it. The chain is read by
 * the service itself (through the per-block cache, never stale); the proof comes from the service's own
 * store and the history from its scan log. Nothing is recorded: scanning is POST /api/v1/scans.
 *
 * A browser never has to trust this answer (the verifier page decides for itself); it is for the CLI,
 * integrations and anyone who prefers one call.
 */
import type { Hex } from "viem";
import { expiryToIsoDate, formatExpiry, parseDigitalLink } from "../../../core/gs1/index.ts";
import type { ItemCode } from "../../../core/types.ts";
import { decideVerdict } from "../../../core/verdict.ts";
import type { ServiceContext } from "../../context.ts";
import type { Batch } from "../brands/store/types.ts";
import { Lru } from "./lru.ts";
import type { Head, RequestReader } from "./cached-chain-reader.ts";
import { historyView, itemKeyString, scanHistoryOfUri } from "./scans.ts";
import type { VerifyView } from "../../../api/verification.ts";
import { readBatchRegistration, type BatchRegistration } from "../../../core/registry-reader.ts";
import { signingBrand } from "./signing-brand.ts";
import { accountHolderName } from "../organisations/organisations.ts";

export async function verifyCode(ctx: ServiceContext, uri: string): Promise<VerifyView> {
  const view = await codeVerdict(ctx, uri);
  // Every answer counts, cached or not: the metric is what users were told, by the deciding (first) reason.
  ctx.metrics.verdicts.inc({ verdict: view.verdict, reason: view.reasons[0]?.code ?? "NONE" });
  return view;
}

/**
 * The verify endpoint's answer, not counted in the verdict metrics: for a use-case that acts on a verdict
 * (a first sale is recorded only for a GENUINE code) and must reach the very one a shopper would see.
 */
export async function codeVerdict(ctx: ServiceContext, uri: string): Promise<VerifyView> {
  const code = tryParse(uri);
  if (!ctx.config.verifyCache) return computeVerify(ctx, uri, code, ctx.verification.reader());
  // The head this request reads at comes from a call that starts after this line.
  let head: Head;
  try {
    head = await ctx.verification.head();
  } catch (error) {
    // No head, no chain: every chain read of this answer fails the same way, so the verdict is UNVERIFIED
    // (CHAIN_UNREACHABLE), the README's promise, and, being UNVERIFIED, it is never cached.
    const unreachable = Promise.reject<Head>(error);
    unreachable.catch(() => undefined);
    return computeVerify(ctx, uri, code, ctx.verification.reader(unreachable));
  }
  const item = code === undefined ? undefined : itemKeyString(code);
  const cached = ctx.verdicts.get(uri, head.hash, item);
  if (cached !== undefined && !expiredSince(cached)) return cached;
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
  const stored = code === undefined ? undefined : await storedItem(ctx, uri, code, chain);
  const history = code === undefined ? undefined : await scanHistoryOfUri(ctx, uri, chain);
  const verdict = await decideVerdict({
    uri,
    chain,
    proof: stored?.proof,
    history,
    roots: [ctx.trustRoot],
    recoverSigner: ctx.verification.recoverSigner,
  });
  const { signerRemovedAt, brand, ...rest } = verdict;
  const registration = verdict.batch === undefined || verdict.batchId === undefined ? undefined : await registrationOf(ctx, verdict.batchId, verdict.batch.anchoredAt);
  return {
    ...rest,
    ...(signerRemovedAt === undefined ? {} : { signerRemovedAt: signerRemovedAt.toString() }),
    brand: { brandId: verdict.brandId ?? null, name: brand?.name ?? null, country: brand?.country || null },
    product: verdict.code === undefined ? null : product(verdict.code),
    registration:
      verdict.batch === undefined
        ? null
        : {
            anchoredAt: new Date(verdict.batch.anchoredAt * 1000).toISOString(),
            transactionHash: registration?.transactionHash ?? null,
            blockNumber: registration?.blockNumber ?? null,
          },
    firstSale:
      verdict.activation === undefined
        ? null
        : {
            seller: verdict.activation.seller,
            sellerName: (await accountHolderName(ctx, verdict.activation.seller)) ?? null,
            soldAt: new Date(verdict.activation.activatedAt * 1000).toISOString(),
            country: verdict.activation.country,
          },
    history: history === undefined ? null : historyView(history),
    checked: {
      chainId: chain.chainId,
      registry: chain.registry,
      blockNumber: chain.blockNumber?.toString() ?? null,
      at: new Date().toISOString(),
    },
  };
}

/** A cached answer computed before its item's expiry passed: the head may not move for days on a quiet chain. */
function expiredSince(view: VerifyView): boolean {
  return view.expiry !== undefined && !view.expiry.expired && view.expiry.date < new Date().toISOString().slice(0, 10);
}

function tryParse(uri: string): ItemCode | undefined {
  try {
    return parseDigitalLink(uri).code;
  } catch {
    return undefined;
  }
}

/**
 * What never changes about an item of a confirmed batch: its proof and batch. Kept per brand and item so
 * that a busy verify endpoint does not rebuild them; the batch itself is read from the store afresh.
 */
type StoredFacts = { proof: readonly Hex[]; batchId: Hex };
const factsCache = new WeakMap<ServiceContext, Lru<string, StoredFacts>>();

/** The item's proof and batch from this service's store, for the brand its signature names; undefined when none. */
async function storedItem(ctx: ServiceContext, uri: string, code: ItemCode, chain: RequestReader): Promise<{ proof: readonly Hex[]; batch: Batch } | undefined> {
  const signing = await signingBrand(ctx, uri, chain).catch(() => undefined);
  if (signing === undefined) return undefined;
  const cache = ctx.config.verifyCache ? factsCache.get(ctx) ?? factsCache.set(ctx, new Lru(100_000)).get(ctx)! : undefined;
  const key = `${signing.brandId}/${code.gtin}/${code.lot}/${code.serial}`;
  const known = cache?.get(key);
  if (known !== undefined) {
    const batch = await ctx.store.getBatch(known.batchId);
    return batch && { proof: known.proof, batch };
  }
  const found = await ctx.store.findItem(signing.brandId, code.gtin, code.lot, code.serial);
  if (found === undefined || found.batch.state !== "confirmed") return undefined;
  const facts: StoredFacts = { proof: await ctx.trees.proof(found.batch, found.item.index), batchId: found.batch.id };
  cache?.set(key, facts);
  return { proof: facts.proof, batch: found.batch };
}

/** The batch's `BatchRegistered` event, per anchoring (a re-anchoring after a chain reset is another one). */
const registrations = new WeakMap<ServiceContext, Lru<string, Promise<BatchRegistration | undefined>>>();

function registrationOf(ctx: ServiceContext, batchId: Hex, anchoredAt: number): Promise<BatchRegistration | undefined> {
  const cache = registrations.get(ctx) ?? registrations.set(ctx, new Lru(10_000)).get(ctx)!;
  const key = `${batchId}/${anchoredAt}`;
  const read = cache.getOrSet(key, () =>
    readBatchRegistration({
      client: ctx.chain.client,
      registry: ctx.deployment.productRegistry.address,
      batchId,
      fromBlock: BigInt(ctx.deployment.productRegistry.blockNumber),
    }),
  );
  // A failed or empty read is not kept: the event may be visible at the next request.
  void read.then(
    (found) => found === undefined && cache.delete(key),
    () => cache.delete(key),
  );
  return read.catch(() => undefined);
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
