/**
 * Works: a file's SHA-256 is its id on chain, with a 64-bit perceptual hash for PNG and JPEG images (the
 * content engineer's DCT pHash). The service hashes an upload itself; a caller may also register by hash
 * alone. Lists come from the chain's `WorkRegistered` events: the chain, not this store, is the register.
 */
import type { Address, Hex } from "viem";
import { phashFromHex, phashToHex } from "../../../core/content/phash.ts";
import type { Probe, RegionHashes } from "../../../core/content/robust-hash.ts";
import { imageFormatOf } from "./content/decode-image.ts";
import { sha256Of } from "./content/sha256.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest, conflict, forbidden, notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { accountKey } from "../organisations/organisations.ts";
import { accountName } from "./parties.ts";
import { licenceRegistry, workIndex } from "./registry.ts";
import { noteWrite } from "../../indexer/service-index.ts";
import { indexPage } from "../../indexer/index-pages.ts";
import type { PageInfo, PageRequest } from "../../../api/paging.ts";
import type { WorkRegistration, WorkView } from "../../../api/licences.ts";

/**
 * What a file says about itself: its SHA-256 and, for a PNG or JPEG, its perceptual hash, plus — when the
 * service saw the pixels — the region hashes a work keeps and the probes a content check looks up
 * (core/content/robust-hash.ts). A caller that sends hashes alone gives neither.
 */
export type ContentHashes = { sha256: Hex; perceptualHash: bigint | undefined; regions?: RegionHashes | undefined; probes?: Probe[] | undefined };

/**
 * Hashes an uploaded file. `declaredType` is the request's Content-Type: an image type promises an image,
 * so a file that does not decode is refused (415/400); `application/octet-stream` of another kind is
 * hashed for exact matching only.
 */
export async function hashUpload(ctx: ServiceContext, bytes: Uint8Array, declaredType: string | undefined): Promise<ContentHashes> {
  if (bytes.length === 0) throw badRequest("The uploaded file is empty", "EMPTY_FILE", "file");
  const sha256 = sha256Of(bytes);
  let isImage = declaredType?.startsWith("image/") === true;
  if (!isImage) {
    try {
      imageFormatOf(bytes);
      isImage = true;
    } catch {
      // Not a PNG or JPEG: an exact-match-only work (a video, a PDF, a text).
    }
  }
  if (!isImage) return { sha256, perceptualHash: undefined };
  const { perceptualHash, regions, probes } = await ctx.images.fingerprint(bytes);
  return { sha256, perceptualHash, regions, probes };
}

/**
 * Keeps a work's region hashes, computed from its own file (the caller checked the file's SHA-256 is the
 * work's id). Best effort: the work is registered, or the check answered, whether or not the store took
 * them, and the next time the file passes through the service they are kept then.
 */
export async function keepRegions(ctx: ServiceContext, workId: Hex, regions: RegionHashes): Promise<void> {
  try {
    if (!(await ctx.store.workRegions.has(workId))) await ctx.store.workRegions.save({ workId, ...regions });
  } catch (err) {
    ctx.logger.warn({ err, workId }, "work region hashes not kept");
  }
}

/** A perceptual hash given as 16 hex digits (0x optional), named `field` when wrong. */
export function parsePerceptualHash(value: string | undefined, field: string): bigint | undefined {
  if (value === undefined) return undefined;
  try {
    return phashFromHex(value);
  } catch {
    throw badRequest(`${field}: a perceptual hash is 16 hex digits; got ${JSON.stringify(value)}`, "BAD_PHASH", field);
  }
}

export async function registerWork(
  ctx: ServiceContext,
  org: Organisation,
  params: ContentHashes & { metadataUri: string },
): Promise<WorkRegistration> {
  const registry = licenceRegistry(ctx);
  const owner = (await accountKey(ctx, org.id, "admin"))!;
  const existing = await registry.getWork(params.sha256);
  if (existing.registeredAt !== 0) {
    const by = existing.owner.toLowerCase() === owner.address.toLowerCase() ? "you" : (await accountName(ctx, existing.owner) ?? existing.owner);
    throw conflict(`This content (SHA-256 ${params.sha256}) is registered already, by ${by}`, "WORK_EXISTS", "sha256");
  }
  const phash = params.perceptualHash ?? 0n;
  const mined = await registry.send(owner.key, "registerWork", "registerWork", [params.sha256, phash, params.metadataUri]);
  noteWrite(ctx, mined.blockNumber);
  if (params.regions !== undefined) await keepRegions(ctx, params.sha256, params.regions);
  // The new hash is searchable for the next content check without waiting for it to read the chain.
  void workIndex(ctx).sync().catch((err) => ctx.logger.warn({ err }, "work index sync failed"));
  ctx.logger.info({ workId: params.sha256, owner: owner.address }, "work registered");
  return { ...(await workView(ctx, params.sha256)), transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
}

export async function workView(ctx: ServiceContext, workId: Hex): Promise<WorkView> {
  const work = await licenceRegistry(ctx).getWork(workId);
  if (work.registeredAt === 0) throw notFound(`No work ${workId} is registered`, "UNKNOWN_WORK");
  return {
    id: workId,
    owner: work.owner,
    ownerName: await accountName(ctx, work.owner),
    perceptualHash: work.perceptualHash === 0n ? null : phashToHex(work.perceptualHash),
    metadataUri: work.metadataURI,
    registeredAt: new Date(work.registeredAt * 1000).toISOString(),
    licenceCount: Number(work.licenceCount),
  };
}

/**
 * Works registered on chain, oldest first, one page at a time; of one owner when `owner` is given. The
 * page's ids come from the chain index (its WorkRegistered rows); each view is read from the chain, so
 * the licence count is current.
 */
export async function listWorks(ctx: ServiceContext, owner: Address | undefined, page: PageRequest): Promise<{ works: WorkView[] } & PageInfo> {
  const { events, ...pageInfo } = await indexPage(ctx, { eventName: "WorkRegistered", contract: licenceRegistry(ctx).address, ...(owner === undefined ? {} : { account: owner }) }, page);
  return { works: await Promise.all(events.map((event) => workView(ctx, event.workId!))), ...pageInfo };
}

/** A work that must exist for a request to go on: 400 UNKNOWN_WORK naming `field` otherwise. */
export async function existingWork(ctx: ServiceContext, workId: Hex, field: string) {
  const work = await licenceRegistry(ctx).getWork(workId);
  if (work.registeredAt === 0) throw badRequest(`${field}: no work ${workId} is registered`, "UNKNOWN_WORK", field);
  return work;
}

/** The caller's own chain account: only a rights holder's key reaches here (routes check the kind). */
export async function ownAccount(ctx: ServiceContext, org: Organisation) {
  const account = await accountKey(ctx, org.id, "admin");
  if (account === undefined) throw forbidden("This organisation holds no account to act from");
  return account;
}
