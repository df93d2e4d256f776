/**
 * Licences and sub-licences. Every rule the contract enforces is checked here first, against the chain's
 * own records, so that a bad grant is a 400 naming the field and what exceeds, and nothing is sent; the
 * contract stays the backstop (its errors are mapped in `errors.ts`). Lists come from the chain index's
 * `LicenceGranted` rows; each licence's current state (revoked or not) from `getLicence`.
 */
import type { Address, Hex } from "viem";
import { licenceIdOf } from "../../../core/licence-ids.ts";
import { checkCountryCode, countryBytes, countryCode } from "../../../core/iso3166.ts";
import type { ServiceContext } from "../../context.ts";
import { AppError, badRequest, conflict, notFound } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import type { LicenceRecord } from "./licence-registry.ts";
import { accountName, resolveAccount, resolvePlatform } from "./parties.ts";
import { licenceRegistry } from "./registry.ts";
import { existingWork, ownAccount } from "./works.ts";
import { noteWrite } from "../../indexer/service-index.ts";
import { indexPage } from "../../indexer/index-pages.ts";
import type { IndexedEvent } from "../../indexer/index-store.ts";
import type { PageInfo, PageRequest } from "../../../api/paging.ts";
import { type LicenceCheck, type LicenceView, UNLICENSED_REASONS } from "../../../api/licences.ts";

/** `type(uint40).max`: a licence without an end. */
export const NO_END = 2 ** 40 - 1;
const ZERO = `0x${"0".repeat(64)}` as Hex;

export type GrantLicenceParameters = {
  workId: Hex;
  licensee: string;
  platforms: readonly string[];
  territories: readonly string[] | "worldwide";
  start: string;
  end?: string | undefined;
  sublicensable: boolean;
  parent?: Hex | undefined;
};

/** An ISO 8601 date or date-time as seconds since the epoch, named `field` when it is not one. */
export function parseTime(value: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) throw badRequest(`${field}: ${JSON.stringify(value)} is not an ISO 8601 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`, "INVALID_DATE", field);
  return Math.floor(ms / 1000);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export async function grantLicence(ctx: ServiceContext, org: Organisation, params: GrantLicenceParameters): Promise<LicenceView & { transactionHash: Hex; blockNumber: number }> {
  // Everything about the request itself first: no chain read is wasted on a malformed one.
  const territories = params.territories === "worldwide" ? "worldwide" : params.territories.map((t, i) => checkCountryCode(t, `territories[${i}]`));
  if (territories !== "worldwide") {
    if (territories.length === 0) throw badRequest("territories: list at least one ISO 3166-1 alpha-2 code, or say \"worldwide\"", "MISSING_FIELD", "territories");
    const dup = territories.findIndex((t, i) => territories.indexOf(t) !== i);
    if (dup >= 0) throw badRequest(`territories[${dup}]: ${territories[dup]} is listed twice`, "DUPLICATE_TERRITORY", `territories[${dup}]`);
  }
  const start = parseTime(params.start, "start");
  const end = params.end === undefined ? NO_END : parseTime(params.end, "end");
  if (end <= start) throw badRequest(`end (${params.end}) must be after start (${params.start})`, "INVALID_PERIOD", "end");
  if (end !== NO_END && end >= NO_END) throw badRequest("end: too far in the future", "INVALID_DATE", "end");
  const licensee = await resolveAccount(ctx, params.licensee, "licensee");

  const registry = licenceRegistry(ctx);
  const caller = await ownAccount(ctx, org);
  const platforms: Array<Awaited<ReturnType<typeof resolvePlatform>>> = [];
  for (const [i, p] of params.platforms.entries()) {
    const platform = await resolvePlatform(ctx, p, `platforms[${i}]`);
    if (platforms.some((q) => q.platformId === platform.platformId)) {
      throw badRequest(`platforms[${i}]: ${JSON.stringify(p)} is listed twice`, "DUPLICATE_PLATFORM", `platforms[${i}]`);
    }
    platforms.push(platform);
  }
  if (platforms.length === 0) throw badRequest("platforms: name at least one platform", "MISSING_FIELD", "platforms");
  const work = await existingWork(ctx, params.workId, "workId");

  if (params.parent === undefined) {
    if (work.owner.toLowerCase() !== caller.address.toLowerCase()) {
      throw new AppError("Only the work's owner grants a licence without a parent; a licensee grants sub-licences with `parent`", { status: 403, code: "NOT_GRANTOR" });
    }
  } else {
    const parent = await registry.getLicence(params.parent);
    if (parent.grantedAt === 0) throw badRequest(`parent: no licence ${params.parent}`, "UNKNOWN_LICENCE", "parent");
    checkWithinParent(params.parent, parent, { workId: params.workId, caller: caller.address, platformIds: platforms.map((p) => p.platformId), territories, start, end }, await registry.maxDepth());
    await checkAncestorsValid(ctx, params.parent, parent);
  }

  const terms = {
    workId: params.workId,
    parentId: params.parent ?? ZERO,
    licensee,
    start,
    end,
    sublicensable: params.sublicensable,
    worldwide: territories === "worldwide",
    platformIds: platforms.map((p) => p.platformId),
    territories: territories === "worldwide" ? [] : [...territories].sort().map(countryBytes),
  };
  const mined = await registry.send(caller.key, "grantLicence", "grantLicence", [terms]);
  noteWrite(ctx, mined.blockNumber);
  const granted = mined.logs.find((l) => l.eventName === "LicenceGranted");
  const id = (granted?.args as { licenceId: Hex } | undefined)?.licenceId ?? licenceIdOf(params.workId, Number((await registry.getWork(params.workId)).licenceCount));
  ctx.logger.info({ licenceId: id, workId: params.workId, licensee }, "licence granted");
  return { ...(await licenceView(ctx, id)), transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
}

type Requested = { workId: Hex; caller: Address; platformIds: Hex[]; territories: string[] | "worldwide"; start: number; end: number };

/** What the contract checks of a sub-licence, as 4xx answers naming the field and what exceeds. */
function checkWithinParent(parentId: Hex, parent: LicenceRecord, want: Requested, maxDepth: number): void {
  if (parent.workId.toLowerCase() !== want.workId.toLowerCase()) {
    throw badRequest(`parent: licence ${parentId} is of another work (${parent.workId})`, "PARENT_OF_OTHER_WORK", "parent");
  }
  if (parent.licensee.toLowerCase() !== want.caller.toLowerCase()) {
    throw new AppError(`Only the parent licence's licensee (${parent.licensee}) grants sub-licences under it`, { status: 403, code: "NOT_GRANTOR" });
  }
  if (!parent.sublicensable) throw badRequest(`parent: licence ${parentId} may not be sub-licensed`, "NOT_SUBLICENSABLE", "parent");
  if (parent.revokedAt !== 0) throw conflict(`parent: licence ${parentId} was revoked`, "LICENCE_REVOKED", "parent");
  if (parent.depth >= maxDepth) throw badRequest(`parent: sub-licences go at most ${maxDepth} deep; licence ${parentId} is at depth ${parent.depth}`, "DEPTH_EXCEEDED", "parent");
  const parentPlatforms = new Set(parent.platformIds.map((p) => p.toLowerCase()));
  const outside = want.platformIds.findIndex((p) => !parentPlatforms.has(p.toLowerCase()));
  if (outside >= 0) {
    throw badRequest(`platforms[${outside}]: the parent licence does not cover this platform`, "PLATFORM_OUTSIDE_PARENT", `platforms[${outside}]`);
  }
  if (!parent.worldwide) {
    const parentTerritories = new Set(parent.territories.map(countryCode));
    if (want.territories === "worldwide") {
      throw badRequest(`territories: the parent licence covers only ${[...parentTerritories].join(", ")}, not worldwide`, "TERRITORY_OUTSIDE_PARENT", "territories");
    }
    const t = want.territories.findIndex((code) => !parentTerritories.has(code));
    if (t >= 0) {
      throw badRequest(`territories[${t}]: the parent licence does not cover ${want.territories[t]} (it covers ${[...parentTerritories].join(", ")})`, "TERRITORY_OUTSIDE_PARENT", `territories[${t}]`);
    }
  }
  if (want.start < parent.start) {
    throw badRequest(`start: the parent licence starts at ${iso(parent.start)}`, "PERIOD_OUTSIDE_PARENT", "start");
  }
  if (want.end > parent.end) {
    throw badRequest(`end: the parent licence ends at ${parent.end === NO_END ? "never" : iso(parent.end)}`, "PERIOD_OUTSIDE_PARENT", "end");
  }
}

/** A sub-licence under a licence whose ancestor was revoked would never be valid: refused like the contract would. */
async function checkAncestorsValid(ctx: ServiceContext, parentId: Hex, parent: LicenceRecord): Promise<void> {
  const registry = licenceRegistry(ctx);
  let record = parent;
  while (record.parentId !== ZERO) {
    const id = record.parentId;
    record = await registry.getLicence(id);
    if (record.revokedAt !== 0) throw conflict(`parent: licence ${parentId} falls with its revoked ancestor ${id}`, "LICENCE_REVOKED", "parent");
  }
}

export async function revokeLicence(ctx: ServiceContext, org: Organisation, licenceId: Hex): Promise<LicenceView & { transactionHash: Hex; blockNumber: number }> {
  const registry = licenceRegistry(ctx);
  const licence = await registry.getLicence(licenceId);
  if (licence.grantedAt === 0) throw notFound(`No licence ${licenceId}`, "UNKNOWN_LICENCE");
  const caller = await ownAccount(ctx, org);
  const work = await registry.getWork(licence.workId);
  const me = caller.address.toLowerCase();
  if (licence.grantor.toLowerCase() !== me && work.owner.toLowerCase() !== me) {
    throw new AppError("Only the licence's grantor or the work's owner revokes it", { status: 403, code: "NOT_REVOKER" });
  }
  if (licence.revokedAt !== 0) throw conflict(`Licence ${licenceId} was revoked already`, "LICENCE_REVOKED");
  const mined = await registry.send(caller.key, "revokeLicence", "revokeLicence", [licenceId]);
  ctx.logger.info({ licenceId }, "licence revoked");
  return { ...(await licenceView(ctx, licenceId)), transactionHash: mined.transactionHash, blockNumber: mined.blockNumber };
}

const platformNames = new Map<Hex, string>();

export async function licenceView(ctx: ServiceContext, licenceId: Hex): Promise<LicenceView> {
  const registry = licenceRegistry(ctx);
  const l = await registry.getLicence(licenceId);
  if (l.grantedAt === 0) throw notFound(`No licence ${licenceId}`, "UNKNOWN_LICENCE");
  const platforms = await Promise.all(
    l.platformIds.map(async (id) => {
      let name = platformNames.get(id);
      if (name === undefined) platformNames.set(id, (name = (await registry.getPlatform(id)).name));
      return { id, name };
    }),
  );
  return {
    id: licenceId,
    workId: l.workId,
    parentId: l.parentId === ZERO ? null : l.parentId,
    depth: Number(l.depth),
    licensee: l.licensee,
    licenseeName: await accountName(ctx, l.licensee),
    grantor: l.grantor,
    grantorName: await accountName(ctx, l.grantor),
    platforms,
    territories: l.worldwide ? "worldwide" : l.territories.map(countryCode),
    start: iso(Number(l.start)),
    end: Number(l.end) === NO_END ? null : iso(Number(l.end)),
    sublicensable: l.sublicensable,
    grantedAt: iso(Number(l.grantedAt)),
    revokedAt: l.revokedAt === 0 ? null : iso(Number(l.revokedAt)),
  };
}

export type LicenceFilter = { work?: Hex | undefined; licensee?: string | undefined; platform?: string | undefined };

/** The platforms a LicenceGranted row's terms name (lower-case), read from the indexed arguments. */
const platformsOf = (event: IndexedEvent): string[] => ((event.args.terms as { platformIds?: string[] } | undefined)?.platformIds ?? []).map((p) => p.toLowerCase());

/**
 * Licences granted on chain, oldest first, one page at a time, filtered by work, licensee and platform.
 * The page's ids come from the chain index (LicenceGranted rows; a platform is matched in the row's terms);
 * each view is read from the chain, so a revocation shows as soon as it is mined.
 */
export async function listLicences(ctx: ServiceContext, filter: LicenceFilter, page: PageRequest): Promise<{ licences: LicenceView[] } & PageInfo> {
  const licensee = filter.licensee === undefined ? undefined : await resolveAccount(ctx, filter.licensee, "licensee");
  const platform = filter.platform === undefined ? undefined : (await resolvePlatform(ctx, filter.platform, "platform")).platformId.toLowerCase();
  const { events, ...pageInfo } = await indexPage(
    ctx,
    {
      eventName: "LicenceGranted",
      contract: licenceRegistry(ctx).address,
      ...(filter.work === undefined ? {} : { workId: filter.work }),
      // The licensee only: the row's other account is the grantor.
      ...(licensee === undefined ? {} : { account: licensee, accountRole: "account" as const }),
    },
    page,
    platform === undefined ? undefined : (event) => platformsOf(event).includes(platform),
  );
  return { licences: await Promise.all(events.map((event) => licenceView(ctx, event.licenceId!))), ...pageInfo };
}

export type CheckLicenceParameters = { work: Hex; licensee: string; platform: string; territory: string; time?: string | undefined };

/** The chain's `isLicensed`, asked with the request's names resolved. */
export async function checkLicence(ctx: ServiceContext, params: CheckLicenceParameters): Promise<LicenceCheck & { work: Hex; licensee: Address; platform: { id: Hex; name: string }; territory: string; time: string }> {
  const territory = checkCountryCode(params.territory, "territory");
  const time = params.time === undefined ? Math.floor(Date.now() / 1000) : parseTime(params.time, "time");
  const licensee = await resolveAccount(ctx, params.licensee, "licensee");
  const platform = await resolvePlatform(ctx, params.platform, "platform");
  const answer = await isLicensedAt(ctx, params.work, licensee, platform.platformId, territory, time);
  return { work: params.work, licensee, platform: { id: platform.platformId, name: platform.name }, territory, time: iso(time), ...answer };
}

export async function isLicensedAt(ctx: ServiceContext, work: Hex, licensee: Address, platformId: Hex, territory: string, time: number): Promise<LicenceCheck> {
  const r = await licenceRegistry(ctx).isLicensed(work, licensee, platformId, countryBytes(territory), BigInt(time));
  return { licensed: r.licensed, licenceId: r.licenceId === ZERO ? null : r.licenceId, reason: UNLICENSED_REASONS[r.reason] ?? null };
}
