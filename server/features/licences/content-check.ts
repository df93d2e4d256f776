/**
 * The platform's question before publishing an upload: is this a registered work, and may this uploader
 * publish it here, in this territory, now? Exact match: the file's SHA-256 is a work id on chain.
 * Near-duplicate: any of the upload's probes (core/content/robust-hash.ts: its pHash, its mirror images and
 * quarter turns, its border trimmed, its centre turned back a few degrees) within `PHASH_MATCH_THRESHOLD`
 * bits of a registered work's pHash or region hashes. Each match is then asked `isLicensed` on chain for the
 * calling platform; the overall answer is the first match the uploader is not licensed for, else the nearest.
 */
import type { Address, Hex } from "viem";
import { PHASH_MATCH_THRESHOLD } from "../../../core/content/hamming.ts";
import { phashToHex } from "../../../core/content/phash.ts";
import { probesOfHash } from "../../../core/content/robust-hash.ts";
import { platformIdOf } from "../../../core/licence-ids.ts";
import { checkCountryCode } from "../../../core/iso3166.ts";
import type { ServiceContext } from "../../context.ts";
import { badRequest } from "../../errors.ts";
import type { Organisation } from "../organisations/store/types.ts";
import { isLicensedAt, parseTime } from "./licences.ts";
import { accountName, resolveAccount } from "./parties.ts";
import { licenceRegistry, workIndex } from "./registry.ts";
import { keepRegions, type ContentHashes } from "./works.ts";
import type { ContentCheck, ContentMatch } from "../../../api/licences.ts";

export type CheckContentParameters = { hashes: Partial<ContentHashes>; uploader: string; territory: string; time?: string | undefined };

export async function checkContent(ctx: ServiceContext, platformOrg: Organisation, params: CheckContentParameters): Promise<ContentCheck> {
  const territory = checkCountryCode(params.territory, "territory");
  const time = params.time === undefined ? Math.floor(Date.now() / 1000) : parseTime(params.time, "time");
  const uploader = await resolveAccount(ctx, params.uploader, "uploader");
  const { sha256, perceptualHash, probes, regions } = params.hashes;
  if (sha256 === undefined && perceptualHash === undefined) {
    throw badRequest("Send the file, or its sha256 and/or perceptualHash", "MISSING_FIELD", "sha256");
  }
  const registry = licenceRegistry(ctx);
  const platformId = platformIdOf(platformOrg.name);

  const found = new Map<Hex, { owner: Address; distance: number; exact: boolean; matchedAs: ContentMatch["matchedAs"] }>();
  if (sha256 !== undefined) {
    const work = await registry.getWork(sha256);
    if (work.registeredAt !== 0) {
      found.set(sha256, { owner: work.owner, distance: 0, exact: true, matchedAs: "identical" });
      // The registered file itself: a work registered before region hashes existed gets them now.
      if (regions !== undefined) await keepRegions(ctx, sha256, regions);
    }
  }
  if (perceptualHash !== undefined && perceptualHash !== 0n) {
    for (const m of await workIndex(ctx).search(probes ?? probesOfHash(perceptualHash))) {
      if (!found.has(m.value.workId)) found.set(m.value.workId, { owner: m.value.owner, distance: m.distance, exact: false, matchedAs: m.why });
    }
  }
  const matches = await Promise.all(
    [...found].map(async ([workId, m]) => ({
      workId,
      owner: m.owner,
      ownerName: await accountName(ctx, m.owner),
      distance: m.distance,
      exact: m.exact,
      matchedAs: m.matchedAs,
      licensed: await isLicensedAt(ctx, workId, uploader, platformId, territory, time),
    })),
  );
  matches.sort((a, b) => Number(b.exact) - Number(a.exact) || a.distance - b.distance);
  const licensed = matches.length === 0 ? null : (matches.find((m) => !m.licensed.licensed) ?? matches[0]!).licensed;
  return {
    sha256: sha256 ?? null,
    perceptualHash: perceptualHash === undefined ? null : phashToHex(perceptualHash),
    threshold: PHASH_MATCH_THRESHOLD,
    platform: { id: platformId, name: platformOrg.name },
    uploader,
    territory,
    time: new Date(time * 1000).toISOString(),
    matches,
    licensed,
  };
}
