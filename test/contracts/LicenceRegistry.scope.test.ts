/**
 * The scope matrix of `isLicensed`: platform × territory × time (before start, at start, the last second, at
 * end, after end) × revocation (none, the licence, its parent, the root) × sub-licence depth 1..5. Each row's
 * expected answer comes from a model of the leaf licence's scope; the chain narrows at every level.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { sha256, toHex, type Hex } from "viem";
import { licenceIdOf, platformIdOf } from "../../core/licence-ids.ts";
import { countryBytes } from "../../core/iso3166.ts";

const { ethers, networkHelpers } = await network.create();

const WORK = sha256(toHex("scope matrix work"));
const VIDEOS = platformIdOf("VideoShare");
const PHOTOS = platformIdOf("PhotoHub");
const MUSIC = platformIdOf("MusicBox"); // admitted, never licensed
const START = 1_900_000_000;
const END = 2_000_000_000;
const STEP = 100; // each level starts STEP later and ends STEP earlier than its parent
const Reason = { None: 0n, PlatformNotCovered: 3n, TerritoryNotCovered: 4n, NotYetValid: 5n, Expired: 6n, Revoked: 7n, AncestorRevoked: 8n } as const;

type Scope = { platforms: Hex[]; territories: string[]; start: number; end: number };

/** Level k (1 = root): the root covers two platforms and three territories; every sub-licence narrows. */
function scopeAt(level: number): Scope {
  return {
    platforms: level === 1 ? [VIDEOS, PHOTOS] : [VIDEOS],
    territories: level === 1 ? ["FR", "DE", "US"] : ["FR", "DE"],
    start: START + (level - 1) * STEP,
    end: END - (level - 1) * STEP,
  };
}

type Revocation = "none" | "licence" | "parent" | "root";
const revocations = (depth: number): Revocation[] =>
  ["none", "licence", ...(depth >= 2 ? (["parent"] as const) : []), ...(depth >= 3 ? (["root"] as const) : [])];

/** What `isLicensed` must answer, from the leaf's scope and which level was revoked. */
function expected(scope: Scope, revoked: Revocation, platform: Hex, territory: string, time: number): bigint {
  if (!scope.platforms.includes(platform)) return Reason.PlatformNotCovered;
  if (!scope.territories.includes(territory)) return Reason.TerritoryNotCovered;
  if (time < scope.start) return Reason.NotYetValid;
  if (time >= scope.end) return Reason.Expired;
  if (revoked === "licence") return Reason.Revoked;
  if (revoked !== "none") return Reason.AncestorRevoked;
  return Reason.None;
}

async function chainOf(depth: number) {
  const signers = await ethers.getSigners();
  const [governance, owner, videos, photos, music] = signers;
  const holders = signers.slice(5, 5 + depth);
  const registry = await ethers.deployContract("LicenceRegistry", [governance!.address, governance!.address]);
  await registry.admitRightsHolder(owner!.address, "Studio");
  await registry.admitPlatform("VideoShare", videos!.address);
  await registry.admitPlatform("PhotoHub", photos!.address);
  await registry.admitPlatform("MusicBox", music!.address);
  await registry.connect(owner).registerWork(WORK, 0, "");
  for (let level = 1; level <= depth; level++) {
    const scope = scopeAt(level);
    const grantor = level === 1 ? owner! : holders[level - 2]!;
    await registry.connect(grantor).grantLicence({
      workId: WORK,
      parentId: level === 1 ? ethers.ZeroHash : licenceIdOf(WORK, level - 1),
      licensee: holders[level - 1]!.address,
      start: scope.start,
      end: scope.end,
      sublicensable: true,
      worldwide: false,
      platformIds: scope.platforms,
      territories: scope.territories.map(countryBytes),
    });
  }
  return { registry, owner: owner!, holders };
}

const fixtures = [1, 2, 3, 4, 5].map((depth) => ({ depth, fixture: () => chainOf(depth) }));

describe("LicenceRegistry scope matrix", function () {
  for (const { depth, fixture } of fixtures) {
    for (const revoked of revocations(depth)) {
      it(`depth ${depth}, revoked: ${revoked}`, async function () {
        const { registry, owner, holders } = await networkHelpers.loadFixture(fixture);
        const leafId = licenceIdOf(WORK, depth);
        const revokedLevel = { none: 0, licence: depth, parent: depth - 1, root: 1 }[revoked];
        if (revokedLevel > 0) await registry.connect(owner).revokeLicence(licenceIdOf(WORK, revokedLevel));
        const scope = scopeAt(depth);
        const times = [scope.start - 1, scope.start, scope.end - 1, scope.end, scope.end + 1];
        let rows = 0;
        for (const platform of [VIDEOS, PHOTOS, MUSIC]) {
          for (const territory of ["FR", "DE", "US", "JP"]) {
            for (const time of times) {
              const reason = expected(scope, revoked, platform, territory, time);
              const answer = await registry.isLicensed(WORK, holders[depth - 1]!.address, platform, countryBytes(territory), time);
              expect(answer, `platform ${platform.slice(0, 10)} ${territory} t=${time}`).to.deep.equal([reason === Reason.None, leafId, reason]);
              rows++;
            }
          }
        }
        // 3 platforms × 4 territories × 5 times; US and PhotoHub are the root's only, so at depth ≥ 2 they stay outside.
        expect(rows).to.equal(60);
      });
    }
  }
});
