import { expect } from "chai";
import { network } from "hardhat";
import { encodeAbiParameters, keccak256, sha256, toHex, type Address, type Hex } from "viem";
import { licenceIdOf, noticeIdOf, platformIdOf, territoryBit } from "../../core/licence-ids.ts";
import { countryBytes, countryCode } from "../../core/iso3166.ts";

const { ethers, networkHelpers } = await network.create();

const T = (code: string) => countryBytes(code);
const FR = T("FR");
const DE = T("DE");
const US = T("US");
const START = 1_900_000_000;
const END = 2_000_000_000;
const ZERO = ethers.ZeroHash as Hex;
const Reason = { None: 0n, UnknownWork: 1n, NoLicence: 2n, PlatformNotCovered: 3n, TerritoryNotCovered: 4n, NotYetValid: 5n, Expired: 6n, Revoked: 7n, AncestorRevoked: 8n } as const;
const Status = { None: 0n, Filed: 1n, Removed: 2n, Rejected: 3n, CounterNoticed: 4n } as const;
const Rejection = { None: 0, Licensed: 1, NotInfringing: 2, InsufficientInformation: 3, LocationNotFound: 4, Other: 5 } as const;

const WORK = sha256(toHex("the film, every byte of it"));
const VIDEOS = platformIdOf("VideoShare");
const PHOTOS = platformIdOf("PhotoHub");

type Terms = {
  workId: Hex; parentId: Hex; licensee: string; start: number; end: number;
  sublicensable: boolean; worldwide: boolean; platformIds: Hex[]; territories: Hex[];
};
const terms = (over: Partial<Terms> & { licensee: string }): Terms => ({
  workId: WORK, parentId: ZERO, start: START, end: END, sublicensable: true, worldwide: false,
  platformIds: [VIDEOS], territories: [FR, DE], ...over,
});

describe("LicenceRegistry", function () {
  async function deployed() {
    const [governance, registrar, owner, videos, photos, licensee, sub, stranger, otherHolder] = await ethers.getSigners();
    const registry = await ethers.deployContract("LicenceRegistry", [governance!.address, registrar!.address]);
    await registry.connect(registrar).admitRightsHolder(owner!.address, "Studio");
    await registry.connect(registrar).admitRightsHolder(otherHolder!.address, "Label");
    await registry.connect(registrar).admitPlatform("VideoShare", videos!.address);
    await registry.connect(registrar).admitPlatform("PhotoHub", photos!.address);
    await registry.connect(owner).registerWork(WORK, 0xf0f0n, "ipfs://film");
    await registry.connect(owner).grantLicence(terms({ licensee: licensee!.address, platformIds: [VIDEOS, PHOTOS] }));
    const rootId = licenceIdOf(WORK, 1);
    return { registry, governance: governance!, registrar: registrar!, owner: owner!, videos: videos!, photos: photos!, licensee: licensee!, sub: sub!, stranger: stranger!, otherHolder: otherHolder!, rootId };
  }

  describe("ids", function () {
    it("derives platform, licence and notice ids as core does", async function () {
      const { registry, owner } = await networkHelpers.loadFixture(deployed);
      for (const name of ["VideoShare", "Vidéo Partage", "x"]) {
        expect(await registry.platformIdOf(name)).to.equal(platformIdOf(name));
      }
      for (const index of [1, 2, 0xffffffff]) {
        expect(await registry.licenceIdOf(WORK, index)).to.equal(licenceIdOf(WORK, index));
        expect(licenceIdOf(WORK, index)).to.equal(keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint32" }], [WORK, index])));
      }
      const location = keccak256(toHex("https://videos.example/watch?v=1"));
      const evidence = sha256(toHex("screenshot"));
      expect(await registry.noticeIdOf(owner.address, VIDEOS, location, evidence)).to.equal(
        noticeIdOf(owner.address as Address, VIDEOS, location, evidence),
      );
    });

    it("maps territories to the same bits and back", async function () {
      const { registry, owner, licensee } = await networkHelpers.loadFixture(deployed);
      const codes = ["AA", "AZ", "FR", "IZ", "JA", "ZY", "ZZ"]; // JA is bit 234, ZZ bit 675: every word
      expect(territoryBit("ZZ")).to.equal(675);
      expect(countryCode(T("FR"))).to.equal("FR");
      await registry.connect(owner).grantLicence(terms({ licensee: licensee.address, territories: codes.map(T).reverse() }));
      const licence = await registry.getLicence(licenceIdOf(WORK, 2));
      expect(licence.territories.map((t: string) => countryCode(t as Hex))).to.deep.equal(codes);
    });
  });

  describe("admission", function () {
    it("lets only the registrar admit rights holders and platforms, once each", async function () {
      const { registry, registrar, stranger, videos } = await networkHelpers.loadFixture(deployed);
      const role = await registry.REGISTRAR_ROLE();
      await expect(registry.connect(stranger).admitRightsHolder(stranger.address, "Me"))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount").withArgs(stranger.address, role);
      await expect(registry.connect(stranger).admitPlatform("MyTube", stranger.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount").withArgs(stranger.address, role);
      await expect(registry.connect(stranger).setPlatformAccount(VIDEOS, stranger.address))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount").withArgs(stranger.address, role);
      await expect(registry.connect(registrar).admitRightsHolder(stranger.address, "Agency"))
        .to.emit(registry, "RightsHolderAdmitted").withArgs(stranger.address, "Agency");
      await expect(registry.connect(registrar).admitRightsHolder(stranger.address, "Again"))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryRightsHolderExists").withArgs(stranger.address);
      await expect(registry.connect(registrar).admitRightsHolder(ethers.ZeroAddress, "X"))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("account");
      await expect(registry.connect(registrar).admitRightsHolder(stranger.address, ""))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("name");
      await expect(registry.connect(registrar).admitPlatform("MyTube", stranger.address))
        .to.emit(registry, "PlatformAdmitted").withArgs(platformIdOf("MyTube"), stranger.address, "MyTube");
      await expect(registry.connect(registrar).admitPlatform("VideoShare", stranger.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryPlatformExists").withArgs(VIDEOS);
      await expect(registry.connect(registrar).admitPlatform("", stranger.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("name");
      await expect(registry.connect(registrar).admitPlatform("Other", ethers.ZeroAddress))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("account");
      const holder = await registry.getRightsHolder(stranger.address);
      expect(holder.name).to.equal("Agency");
      expect(holder.admittedAt).to.equal(BigInt(await networkHelpers.time.latest()) - 1n);
      const platform = await registry.getPlatform(VIDEOS);
      expect([platform.account, platform.name]).to.deep.equal([videos.address, "VideoShare"]);
    });

    it("moves a platform's answering account, for known platforms only", async function () {
      const { registry, registrar, videos, stranger } = await networkHelpers.loadFixture(deployed);
      await expect(registry.connect(registrar).setPlatformAccount(VIDEOS, stranger.address))
        .to.emit(registry, "PlatformAccountChanged").withArgs(VIDEOS, videos.address, stranger.address);
      expect((await registry.getPlatform(VIDEOS)).account).to.equal(stranger.address);
      const unknown = platformIdOf("Nowhere");
      await expect(registry.connect(registrar).setPlatformAccount(unknown, stranger.address))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownPlatform").withArgs(unknown);
      await expect(registry.connect(registrar).setPlatformAccount(VIDEOS, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("account");
    });

    it("keeps DEFAULT_ADMIN_ROLE with governance, which grants registrars", async function () {
      const { registry, governance, stranger } = await networkHelpers.loadFixture(deployed);
      const role = await registry.REGISTRAR_ROLE();
      expect(role).to.equal(keccak256(toHex("REGISTRAR_ROLE")));
      await registry.connect(governance).grantRole(role, stranger.address);
      await expect(registry.connect(stranger).admitPlatform("MyTube", stranger.address)).to.emit(registry, "PlatformAdmitted");
      await expect(ethers.deployContract("LicenceRegistry", [ethers.ZeroAddress, stranger.address]))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("governance");
      await expect(ethers.deployContract("LicenceRegistry", [stranger.address, ethers.ZeroAddress]))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("registrar");
    });
  });

  describe("registerWork", function () {
    it("records the owner, perceptual hash and metadata once per content hash", async function () {
      const { registry, owner, otherHolder, stranger } = await networkHelpers.loadFixture(deployed);
      const work = await registry.getWork(WORK);
      expect([work.owner, work.perceptualHash, work.licenceCount, work.metadataURI]).to.deep.equal([owner.address, 0xf0f0n, 1n, "ipfs://film"]);
      await expect(registry.connect(otherHolder).registerWork(WORK, 0, ""))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryWorkExists").withArgs(WORK, owner.address);
      await expect(registry.connect(stranger).registerWork(sha256("0x01"), 0, ""))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotRightsHolder").withArgs(stranger.address);
      await expect(registry.connect(otherHolder).registerWork(ZERO, 0, ""))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("workId");
      const song = sha256(toHex("a song"));
      await expect(registry.connect(otherHolder).registerWork(song, 0, "ipfs://song"))
        .to.emit(registry, "WorkRegistered").withArgs(song, otherHolder.address, 0, "ipfs://song");
    });
  });

  describe("grantLicence", function () {
    it("records a root licence by the work's owner and reads it back", async function () {
      const { registry, owner, licensee, rootId } = await networkHelpers.loadFixture(deployed);
      const l = await registry.getLicence(rootId);
      expect([l.workId, l.parentId, l.licensee, l.grantor, l.start, l.end, l.revokedAt, l.depth, l.sublicensable, l.worldwide])
        .to.deep.equal([WORK, ZERO, licensee.address, owner.address, BigInt(START), BigInt(END), 0n, 1n, true, false]);
      expect(l.platformIds).to.deep.equal([VIDEOS, PHOTOS]);
      expect(l.territories).to.deep.equal([DE, FR]);
      expect(await registry.licencesOf(WORK, licensee.address)).to.deep.equal([rootId]);
      const t = terms({ licensee: licensee.address, worldwide: true, territories: [] });
      await expect(registry.connect(owner).grantLicence(t))
        .to.emit(registry, "LicenceGranted")
        .withArgs(licenceIdOf(WORK, 2), WORK, licensee.address, owner.address, 1, (x: unknown) => Array.isArray(x));
      const worldwide = await registry.getLicence(licenceIdOf(WORK, 2));
      expect([worldwide.worldwide, worldwide.territories.length]).to.deep.equal([true, 0]);
      expect((await registry.getLicence(licenceIdOf(WORK, 9))).grantedAt).to.equal(0n);
    });

    it("rejects bad terms with named errors", async function () {
      const { registry, owner, licensee } = await networkHelpers.loadFixture(deployed);
      const g = (over: Partial<Terms>) => registry.connect(owner).grantLicence(terms({ licensee: licensee.address, ...over }));
      const unknownWork = sha256("0x02");
      await expect(g({ workId: unknownWork })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork").withArgs(unknownWork);
      await expect(g({ licensee: ethers.ZeroAddress })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("licensee");
      await expect(g({ start: 10, end: 10 })).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidPeriod").withArgs(10, 10);
      await expect(g({ start: 10, end: 9 })).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidPeriod").withArgs(10, 9);
      await expect(g({ platformIds: [] })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("platformIds");
      const unknown = platformIdOf("Nowhere");
      await expect(g({ platformIds: [VIDEOS, unknown] })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownPlatform").withArgs(unknown);
      await expect(g({ platformIds: [VIDEOS, VIDEOS] })).to.be.revertedWithCustomError(registry, "LicenceRegistryDuplicatePlatform").withArgs(VIDEOS);
      await expect(g({ territories: [] })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("territories");
      for (const bad of ["0x6672", "0x4600", "0x5b41", "0x0000"] as Hex[]) {
        await expect(g({ territories: [FR, bad] })).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidTerritory").withArgs(bad);
      }
      await expect(g({ worldwide: true, territories: [FR] })).to.be.revertedWithCustomError(registry, "LicenceRegistryWorldwideWithTerritories").withArgs(1);
    });

    it("lets only the work's owner grant a root licence", async function () {
      const { registry, licensee, otherHolder } = await networkHelpers.loadFixture(deployed);
      for (const who of [licensee, otherHolder]) {
        await expect(registry.connect(who).grantLicence(terms({ licensee: who.address })))
          .to.be.revertedWithCustomError(registry, "LicenceRegistryNotGrantor").withArgs(WORK, ZERO, who.address);
      }
    });

    it("lets only the parent's licensee grant a sub-licence, within the parent", async function () {
      const { registry, owner, licensee, sub, stranger, rootId } = await networkHelpers.loadFixture(deployed);
      const g = (over: Partial<Terms>, from = licensee) => registry.connect(from).grantLicence(terms({ licensee: sub.address, parentId: rootId, ...over }));
      for (const who of [owner, stranger]) {
        await expect(g({}, who)).to.be.revertedWithCustomError(registry, "LicenceRegistryNotGrantor").withArgs(WORK, rootId, who.address);
      }
      const missing = licenceIdOf(WORK, 99);
      await expect(g({ parentId: missing })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownLicence").withArgs(missing);
      await expect(g({ platformIds: [platformIdOf("Nowhere")] })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownPlatform");
      await expect(g({ territories: [FR, US] })).to.be.revertedWithCustomError(registry, "LicenceRegistryTerritoryOutsideParent").withArgs(rootId, US);
      await expect(g({ worldwide: true, territories: [] })).to.be.revertedWithCustomError(registry, "LicenceRegistryTerritoryOutsideParent").withArgs(rootId, T("AA"));
      await expect(g({ start: START - 1 })).to.be.revertedWithCustomError(registry, "LicenceRegistryPeriodOutsideParent").withArgs(rootId, START - 1, END, START, END);
      await expect(g({ end: END + 1 })).to.be.revertedWithCustomError(registry, "LicenceRegistryPeriodOutsideParent").withArgs(rootId, START, END + 1, START, END);
      await expect(g({ territories: [FR], start: START + 1, end: END - 1 }))
        .to.emit(registry, "LicenceGranted").withArgs(licenceIdOf(WORK, 2), WORK, sub.address, licensee.address, 2, (x: unknown) => Array.isArray(x));
      // A parent covering only VideoShare: PhotoHub is outside it.
      await registry.connect(sub).grantLicence(terms({ licensee: stranger.address, parentId: licenceIdOf(WORK, 2), territories: [FR], start: START + 1, end: END - 1 }));
      await expect(registry.connect(stranger).grantLicence(terms({ licensee: owner.address, parentId: licenceIdOf(WORK, 3), platformIds: [PHOTOS], territories: [FR], start: START + 1, end: END - 1 })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryPlatformOutsideParent").withArgs(licenceIdOf(WORK, 3), PHOTOS);
      expect((await registry.getLicence(licenceIdOf(WORK, 3))).grantor).to.equal(sub.address);
    });

    it("refuses a parent of another work, a non-sub-licensable or revoked parent", async function () {
      const { registry, owner, otherHolder, licensee, sub, rootId } = await networkHelpers.loadFixture(deployed);
      const song = sha256(toHex("a song"));
      await registry.connect(otherHolder).registerWork(song, 0, "");
      await expect(registry.connect(licensee).grantLicence(terms({ workId: song, licensee: sub.address, parentId: rootId })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryParentOfOtherWork").withArgs(rootId, song);
      await registry.connect(owner).grantLicence(terms({ licensee: licensee.address, sublicensable: false }));
      const closed = licenceIdOf(WORK, 2);
      await expect(registry.connect(licensee).grantLicence(terms({ licensee: sub.address, parentId: closed })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryNotSublicensable").withArgs(closed);
      // A sub-licence under a licence whose ancestor was revoked names that ancestor.
      await registry.connect(licensee).grantLicence(terms({ licensee: sub.address, parentId: rootId }));
      const child = licenceIdOf(WORK, 3);
      await registry.connect(owner).revokeLicence(rootId);
      await expect(registry.connect(licensee).grantLicence(terms({ licensee: sub.address, parentId: rootId })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryLicenceRevoked").withArgs(rootId);
      await expect(registry.connect(sub).grantLicence(terms({ licensee: owner.address, parentId: child })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryLicenceRevoked").withArgs(rootId);
    });

    it("caps the depth at MAX_DEPTH", async function () {
      const { registry, licensee, rootId } = await networkHelpers.loadFixture(deployed);
      const maxDepth = Number(await registry.MAX_DEPTH());
      expect(maxDepth).to.equal(8);
      const signers = await ethers.getSigners();
      let parent = rootId;
      let holder = licensee;
      for (let depth = 2; depth <= maxDepth; depth++) {
        const next = signers[10 + depth]!;
        await expect(registry.connect(holder).grantLicence(terms({ licensee: next.address, parentId: parent })))
          .to.emit(registry, "LicenceGranted").withArgs(licenceIdOf(WORK, depth), WORK, next.address, holder.address, depth, (x: unknown) => Array.isArray(x));
        parent = licenceIdOf(WORK, depth);
        holder = next;
      }
      await expect(registry.connect(holder).grantLicence(terms({ licensee: licensee.address, parentId: parent })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryDepthExceeded").withArgs(parent, maxDepth);
    });

    it("caps the licences one licensee holds on one work", async function () {
      const { registry, owner, sub } = await networkHelpers.loadFixture(deployed);
      const max = Number(await registry.MAX_LICENCES_PER_LICENSEE());
      for (let i = 0; i < max; i++) await registry.connect(owner).grantLicence(terms({ licensee: sub.address }));
      await expect(registry.connect(owner).grantLicence(terms({ licensee: sub.address })))
        .to.be.revertedWithCustomError(registry, "LicenceRegistryTooManyLicences").withArgs(WORK, sub.address, max);
      expect((await registry.licencesOf(WORK, sub.address)).length).to.equal(max);
    });
  });

  describe("revokeLicence", function () {
    it("lets the grantor or the work's owner revoke, once; nobody else", async function () {
      const { registry, owner, licensee, sub, stranger, rootId } = await networkHelpers.loadFixture(deployed);
      await registry.connect(licensee).grantLicence(terms({ licensee: sub.address, parentId: rootId }));
      await registry.connect(licensee).grantLicence(terms({ licensee: sub.address, parentId: rootId }));
      const [first, second] = [licenceIdOf(WORK, 2), licenceIdOf(WORK, 3)];
      for (const who of [stranger, sub]) {
        await expect(registry.connect(who).revokeLicence(first)).to.be.revertedWithCustomError(registry, "LicenceRegistryNotRevoker").withArgs(first, who.address);
      }
      await expect(registry.connect(licensee).revokeLicence(rootId)).to.be.revertedWithCustomError(registry, "LicenceRegistryNotRevoker").withArgs(rootId, licensee.address);
      await expect(registry.connect(licensee).revokeLicence(first)).to.emit(registry, "LicenceRevoked").withArgs(first, WORK, licensee.address);
      await expect(registry.connect(owner).revokeLicence(second)).to.emit(registry, "LicenceRevoked").withArgs(second, WORK, owner.address);
      await expect(registry.connect(owner).revokeLicence(first)).to.be.revertedWithCustomError(registry, "LicenceRegistryLicenceRevoked").withArgs(first);
      expect((await registry.getLicence(first)).revokedAt).to.not.equal(0n);
      const missing = licenceIdOf(WORK, 42);
      await expect(registry.connect(owner).revokeLicence(missing)).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownLicence").withArgs(missing);
    });
  });

  describe("isLicensed", function () {
    it("answers the owner, an unknown work and a licensee with no licence", async function () {
      const { registry, owner, stranger, licensee } = await networkHelpers.loadFixture(deployed);
      expect(await registry.isLicensed(WORK, owner.address, VIDEOS, US, 0)).to.deep.equal([true, ZERO, Reason.None]);
      expect(await registry.isLicensed(sha256("0x03"), licensee.address, VIDEOS, FR, START)).to.deep.equal([false, ZERO, Reason.UnknownWork]);
      expect(await registry.isLicensed(WORK, stranger.address, VIDEOS, FR, START)).to.deep.equal([false, ZERO, Reason.NoLicence]);
      expect(await registry.isLicensed(WORK, licensee.address, VIDEOS, "0x0000", START)).to.deep.equal([false, licenceIdOf(WORK, 1), Reason.TerritoryNotCovered]);
    });

    it("returns the valid licence among several, else the closest with its reason", async function () {
      const { registry, owner, licensee, rootId } = await networkHelpers.loadFixture(deployed);
      await registry.connect(owner).grantLicence(terms({ licensee: licensee.address, territories: [US], start: END, end: END + 1000 }));
      const later = licenceIdOf(WORK, 2);
      expect(await registry.isLicensed(WORK, licensee.address, VIDEOS, US, END + 10)).to.deep.equal([true, later, Reason.None]);
      expect(await registry.isLicensed(WORK, licensee.address, VIDEOS, FR, START)).to.deep.equal([true, rootId, Reason.None]);
      // FR after the root's end: the root expired (closer than the US licence, which does not cover FR).
      expect(await registry.isLicensed(WORK, licensee.address, VIDEOS, FR, END + 10)).to.deep.equal([false, rootId, Reason.Expired]);
      expect(await registry.isLicensed(WORK, licensee.address, VIDEOS, US, START)).to.deep.equal([false, later, Reason.NotYetValid]);
    });
  });

  describe("notices", function () {
    const LOCATION = keccak256(toHex("https://videos.example/watch?v=pirate"));
    const EVIDENCE = sha256(toHex("capture.mp4"));
    const filing = (over: Record<string, unknown> = {}) => ({
      principal: "", platformId: VIDEOS, territory: FR, workId: WORK, brandId: ZERO, batchId: ZERO,
      locationHash: LOCATION, evidenceHash: EVIDENCE, ...over,
    });

    it("is filed by a rights holder, answered once by the platform, and readable by anyone", async function () {
      const { registry, owner, videos, photos, stranger } = await networkHelpers.loadFixture(deployed);
      const f = filing({ principal: owner.address });
      const noticeId = noticeIdOf(owner.address as Address, VIDEOS, LOCATION, EVIDENCE);
      await expect(registry.connect(owner).fileNotice(f))
        .to.emit(registry, "NoticeFiled").withArgs(noticeId, VIDEOS, WORK, owner.address, (x: unknown) => Array.isArray(x));
      const filed = await registry.connect(stranger).getNotice(noticeId);
      expect([filed.sender, filed.principal, filed.status, filed.territory, filed.platformId, filed.workId, filed.locationHash, filed.evidenceHash, filed.answeredAt])
        .to.deep.equal([owner.address, owner.address, Status.Filed, FR, VIDEOS, WORK, LOCATION, EVIDENCE, 0n]);
      await expect(registry.connect(owner).fileNotice(f)).to.be.revertedWithCustomError(registry, "LicenceRegistryNoticeExists").withArgs(noticeId);
      for (const who of [photos, owner, stranger]) {
        await expect(registry.connect(who).confirmRemoval(noticeId)).to.be.revertedWithCustomError(registry, "LicenceRegistryNotPlatformAccount").withArgs(VIDEOS, who.address);
      }
      await expect(registry.connect(videos).confirmRemoval(noticeId))
        .to.emit(registry, "NoticeAnswered").withArgs(noticeId, VIDEOS, Status.Removed, Rejection.None, ZERO, "");
      const answered = await registry.getNotice(noticeId);
      expect([answered.status, answered.answeredAt]).to.deep.equal([Status.Removed, BigInt(await networkHelpers.time.latest())]);
      await expect(registry.connect(videos).confirmRemoval(noticeId)).to.be.revertedWithCustomError(registry, "LicenceRegistryNoticeAlreadyAnswered").withArgs(noticeId, Status.Removed);
      await expect(registry.connect(videos).rejectNotice(noticeId, Rejection.Other, "x")).to.be.revertedWithCustomError(registry, "LicenceRegistryNoticeAlreadyAnswered").withArgs(noticeId, Status.Removed);
      await expect(registry.connect(videos).recordCounterNotice(noticeId, EVIDENCE)).to.be.revertedWithCustomError(registry, "LicenceRegistryNoticeAlreadyAnswered").withArgs(noticeId, Status.Removed);
    });

    it("records a rejection with its reason, or a counter-notice with its hash", async function () {
      const { registry, owner, videos } = await networkHelpers.loadFixture(deployed);
      await registry.connect(owner).fileNotice(filing({ principal: owner.address }));
      const rejected = noticeIdOf(owner.address as Address, VIDEOS, LOCATION, EVIDENCE);
      await expect(registry.connect(videos).rejectNotice(rejected, Rejection.None, "")).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("reason");
      await expect(registry.connect(videos).rejectNotice(rejected, Rejection.Licensed, "uploader holds a licence"))
        .to.emit(registry, "NoticeAnswered").withArgs(rejected, VIDEOS, Status.Rejected, Rejection.Licensed, ZERO, "uploader holds a licence");
      expect((await registry.getNotice(rejected)).rejection).to.equal(BigInt(Rejection.Licensed));
      await expect(registry.connect(videos).recordCounterNotice(rejected, EVIDENCE)).to.be.revertedWithCustomError(registry, "LicenceRegistryNoticeAlreadyAnswered").withArgs(rejected, Status.Rejected);

      const other = sha256(toHex("capture-2.mp4"));
      await registry.connect(owner).fileNotice(filing({ principal: owner.address, evidenceHash: other }));
      const countered = noticeIdOf(owner.address as Address, VIDEOS, LOCATION, other);
      const counter = sha256(toHex("counter-notice.pdf"));
      await expect(registry.connect(videos).recordCounterNotice(countered, ZERO)).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("counterNoticeHash");
      await expect(registry.connect(videos).recordCounterNotice(countered, counter))
        .to.emit(registry, "NoticeAnswered").withArgs(countered, VIDEOS, Status.CounterNoticed, Rejection.None, counter, "");
      expect((await registry.getNotice(countered)).counterNoticeHash).to.equal(counter);
      const unknown = keccak256("0x04");
      await expect(registry.connect(videos).confirmRemoval(unknown)).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownNotice").withArgs(unknown);
    });

    it("files a notice about a product by brand and batch", async function () {
      const { registry, owner } = await networkHelpers.loadFixture(deployed);
      const brandId = keccak256(toHex("Acme"));
      const batchId = keccak256(toHex("batch"));
      await registry.connect(owner).fileNotice(filing({ principal: owner.address, workId: ZERO, brandId, batchId }));
      const notice = await registry.getNotice(noticeIdOf(owner.address as Address, VIDEOS, LOCATION, EVIDENCE));
      expect([notice.workId, notice.brandId, notice.batchId]).to.deep.equal([ZERO, brandId, batchId]);
    });

    it("rejects bad notices with named errors", async function () {
      const { registry, owner, stranger } = await networkHelpers.loadFixture(deployed);
      const file = (over: Record<string, unknown>, from = owner) => registry.connect(from).fileNotice(filing({ principal: owner.address, ...over }));
      await expect(file({}, stranger)).to.be.revertedWithCustomError(registry, "LicenceRegistryNotRightsHolder").withArgs(stranger.address);
      await expect(file({ principal: ethers.ZeroAddress })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("principal");
      const unknownPlatform = platformIdOf("Nowhere");
      await expect(file({ platformId: unknownPlatform })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownPlatform").withArgs(unknownPlatform);
      await expect(file({ territory: "0x6672" })).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidTerritory").withArgs("0x6672");
      const unknownWork = sha256("0x05");
      await expect(file({ workId: unknownWork })).to.be.revertedWithCustomError(registry, "LicenceRegistryUnknownWork").withArgs(unknownWork);
      const brand = keccak256("0x06");
      for (const subject of [{ workId: ZERO }, { brandId: brand }, { batchId: brand }, { workId: ZERO, batchId: brand }]) {
        const s = { workId: WORK, brandId: ZERO, batchId: ZERO, ...subject };
        await expect(file(subject)).to.be.revertedWithCustomError(registry, "LicenceRegistryInvalidNoticeSubject").withArgs(s.workId, s.brandId, s.batchId);
      }
      await expect(file({ locationHash: ZERO })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("locationHash");
      await expect(file({ evidenceHash: ZERO })).to.be.revertedWithCustomError(registry, "LicenceRegistryEmptyArgument").withArgs("evidenceHash");
    });
  });
});
