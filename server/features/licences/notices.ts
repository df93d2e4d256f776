/**
 * Infringement notices: filed by a rights holder to an admitted platform about a work (or a product brand
 * and batch), answered once by the platform. Only hashes go on chain: the location's is the SHA-256 of the
 * URL as the WHATWG URL parser writes it (`new URL(location).href`, UTF-8), the evidence's the SHA-256 of
 * the evidence text (UTF-8) unless the caller gives a hash. The register is read from chain events and
 * getters, so it is the same for everyone and needs no key.
 */
import { createHash } from "node:crypto";
import type { Hex } from "viem";
import { noticeIdOf } from "../../../core/licence-ids.ts";
import { checkCountryCode, countryBytes, countryCode } from "../../../core/iso3166.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest, conflict, notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { NOTICE_STATUSES, REJECTION_REASONS } from "./errors.ts";
import type { NoticeRecord } from "./licence-registry.ts";
import { accountName, resolveAccount, resolvePlatform } from "./parties.ts";
import { licenceRegistry } from "./registry.ts";
import { existingWork, ownAccount } from "./works.ts";
import { noteWrite } from "../../indexer/service-index.ts";
import { indexPage } from "../../indexer/index-pages.ts";
import type { PageInfo, PageRequest } from "../../../api/paging.ts";
import { type NoticeView, REJECTION_REASON_VALUES } from "../../../api/licences.ts";

const ZERO = `0x${"0".repeat(64)}` as Hex;
const sha256Text = (text: string): Hex => `0x${createHash("sha256").update(text, "utf8").digest("hex")}`;

export type FileNoticeParameters = {
  platform: string;
  territory: string;
  work?: Hex | undefined;
  brandId?: Hex | undefined;
  batchId?: Hex | undefined;
  location: string;
  evidence?: string | undefined;
  evidenceHash?: Hex | undefined;
};

/** The location's hash as it goes on chain: SHA-256 of the normalised URL. */
export function locationHashOf(location: string): { href: string; hash: Hex } {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw badRequest(`location: ${JSON.stringify(location)} is not a URL`, "INVALID_URL", "location");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badRequest("location: must be an http or https URL", "INVALID_URL", "location");
  return { href: url.href, hash: sha256Text(url.href) };
}

export async function fileNotice(ctx: ServiceContext, org: Organisation, params: FileNoticeParameters): Promise<NoticeView & { location: string; transactionHash: Hex; blockNumber: number }> {
  const territory = checkCountryCode(params.territory, "territory");
  const location = locationHashOf(params.location);
  if ((params.evidence === undefined) === (params.evidenceHash === undefined)) {
    throw badRequest("evidence: give the evidence text (`evidence`) or its hash (`evidenceHash`), one of them", "EVIDENCE_OR_HASH", "evidence");
  }
  const evidenceHash = params.evidenceHash ?? sha256Text(params.evidence!);
  if ((params.work === undefined) === (params.brandId === undefined)) {
    throw badRequest("work: name the infringed work (`work`) or a product's brand (`brandId`, with `batchId` if known), one of them", "WORK_OR_PRODUCT", "work");
  }
  if (params.batchId !== undefined && params.brandId === undefined) throw badRequest("batchId: needs brandId", "WORK_OR_PRODUCT", "batchId");
  const platform = await resolvePlatform(ctx, params.platform, "platform");
  if (params.work !== undefined) await existingWork(ctx, params.work, "work");
  if (params.brandId !== undefined) {
    if ((await ctx.chain.getBrand(params.brandId)).admittedAt === 0n) throw badRequest(`brandId: no brand ${params.brandId} is admitted`, "UNKNOWN_BRAND", "brandId");
    if (params.batchId !== undefined) {
      const batch = await ctx.chain.getBatch(params.batchId);
      const signerBrand = batch.anchoredAt === 0 ? undefined : (await ctx.chain.getSigner(batch.signer)).brandId;
      if (signerBrand?.toLowerCase() !== params.brandId.toLowerCase()) {
        throw badRequest(`batchId: no batch ${params.batchId} of that brand is anchored`, "UNKNOWN_BATCH", "batchId");
      }
    }
  }
  const caller = await ownAccount(ctx, org);
  const registry = licenceRegistry(ctx);
  const id = noticeIdOf(caller.address, platform.platformId, location.hash, evidenceHash);
  if ((await registry.getNotice(id)).status !== 0) {
    throw conflict(`You filed this location and evidence to ${platform.name} already (notice ${id})`, "NOTICE_EXISTS", "location");
  }
  const filing = {
    principal: caller.address,
    platformId: platform.platformId,
    territory: countryBytes(territory),
    workId: params.work ?? ZERO,
    brandId: params.brandId ?? ZERO,
    batchId: params.batchId ?? ZERO,
    locationHash: location.hash,
    evidenceHash,
  };
  const mined = await registry.send(caller.key, "fileNotice", "fileNotice", [filing]);
  noteWrite(ctx, mined.blockNumber);
  ctx.logger.info({ noticeId: id, platform: platform.name }, "notice filed");
  return { ...(await noticeView(ctx, id)), location: location.href, transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
}

export type AnswerParameters =
  | { answer: "removed" }
  | { answer: "rejected"; reason: (typeof REJECTION_REASON_VALUES)[number]; explanation: string }
  | { answer: "counter-notice"; counterNoticeHash?: Hex | undefined; counterNotice?: string | undefined };

export async function answerNotice(ctx: ServiceContext, org: Organisation, noticeId: Hex, params: AnswerParameters): Promise<NoticeView & { transactionHash: Hex; blockNumber: number }> {
  let counterNoticeHash: Hex | undefined;
  if (params.answer === "counter-notice") {
    if ((params.counterNotice === undefined) === (params.counterNoticeHash === undefined)) {
      throw badRequest("counterNoticeHash: give the counter-notice's hash (`counterNoticeHash`) or its text (`counterNotice`), one of them", "COUNTER_NOTICE_OR_HASH", "counterNoticeHash");
    }
    counterNoticeHash = params.counterNoticeHash ?? sha256Text(params.counterNotice!);
  }
  const registry = licenceRegistry(ctx);
  const notice = await registry.getNotice(noticeId);
  if (notice.status === 0) throw notFound(`No notice ${noticeId}`, "UNKNOWN_NOTICE");
  const caller = await ownAccount(ctx, org);
  const platform = await registry.getPlatform(notice.platformId);
  if (platform.account.toLowerCase() !== caller.address.toLowerCase()) {
    throw new AppError(`Only the platform the notice was sent to (${platform.name}) answers it`, { status: 403, code: "NOT_RECIPIENT" });
  }
  if (notice.status !== 1) throw conflict(`Notice ${noticeId} was answered already (${NOTICE_STATUSES[notice.status]})`, "NOTICE_ANSWERED");
  const mined =
    params.answer === "removed"
      ? await registry.send(caller.key, "answerNotice", "confirmRemoval", [noticeId])
      : params.answer === "rejected"
        ? await registry.send(caller.key, "answerNotice", "rejectNotice", [noticeId, REJECTION_REASONS.indexOf(params.reason), params.explanation])
        : await registry.send(caller.key, "answerNotice", "recordCounterNotice", [noticeId, counterNoticeHash!]);
  ctx.logger.info({ noticeId, answer: params.answer }, "notice answered");
  return { ...(await noticeView(ctx, noticeId)), transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const orNull = (h: Hex) => (h === ZERO ? null : h);

export async function noticeView(ctx: ServiceContext, noticeId: Hex, record?: NoticeRecord): Promise<NoticeView> {
  const registry = licenceRegistry(ctx);
  const n = record ?? (await registry.getNotice(noticeId));
  if (n.status === 0) throw notFound(`No notice ${noticeId}`, "UNKNOWN_NOTICE");
  const platform = await registry.getPlatform(n.platformId);
  let explanation: string | null = null;
  if (n.status === 3) {
    const answered = await registry.events("NoticeAnswered", { noticeId });
    explanation = (answered.at(-1)?.args as { explanation?: string } | undefined)?.explanation ?? null;
  }
  return {
    id: noticeId,
    sender: n.sender,
    senderName: await accountName(ctx, n.sender),
    principal: n.principal,
    platform: { id: n.platformId, name: platform.name },
    territory: countryCode(n.territory),
    workId: orNull(n.workId),
    brandId: orNull(n.brandId),
    batchId: orNull(n.batchId),
    locationHash: n.locationHash,
    evidenceHash: n.evidenceHash,
    status: NOTICE_STATUSES[n.status]!,
    rejection: REJECTION_REASONS[n.rejection] ?? null,
    explanation,
    counterNoticeHash: orNull(n.counterNoticeHash),
    filedAt: iso(Number(n.filedAt)),
    answeredAt: n.answeredAt === 0 ? null : iso(Number(n.answeredAt)),
  };
}

export type NoticeFilter = { work?: Hex | undefined; rightsHolder?: string | undefined; platform?: string | undefined };

/**
 * The public register, oldest first, one page at a time, filtered by work, rights holder (sender or
 * principal) and platform. The page's notices come from the chain index (NoticeFiled rows); each view is
 * read from the chain, so an answer shows as soon as it is mined.
 */
export async function listNotices(ctx: ServiceContext, filter: NoticeFilter, page: PageRequest): Promise<{ notices: NoticeView[] } & PageInfo> {
  const holder = filter.rightsHolder === undefined ? undefined : await resolveAccount(ctx, filter.rightsHolder, "rightsHolder");
  const platform = filter.platform === undefined ? undefined : (await resolvePlatform(ctx, filter.platform, "platform")).platformId;
  const { events, ...pageInfo } = await indexPage(
    ctx,
    {
      eventName: "NoticeFiled",
      contract: licenceRegistry(ctx).address,
      ...(filter.work === undefined ? {} : { workId: filter.work }),
      ...(platform === undefined ? {} : { platformId: platform }),
      ...(holder === undefined ? {} : { account: holder }),
    },
    page,
  );
  return { notices: await Promise.all(events.map((event) => noticeView(ctx, event.noticeId!))), ...pageInfo };
}
