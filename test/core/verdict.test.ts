import { expect } from "chai";
import { network } from "hardhat";
import { createClient, custom, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import type { ChainReader } from "../../core/chain-reader.ts";
import { createRegistryReader } from "../../core/registry-reader.ts";
import { ItemDigester, registryDomain } from "../../core/eip712.ts";
import { buildDigitalLink } from "../../core/gs1/index.ts";
import { ItemMerkleTree, verifyProof } from "../../core/merkle.ts";
import { brandIdOf, itemIdOf, leafOf } from "../../core/ids.ts";
import { encodeSignature, signDigest } from "../../core/signature.ts";
import { Status } from "../../core/status.ts";
import type { ItemCode } from "../../core/types.ts";
import type { TrustRoot } from "../../core/trust-roots.ts";
import { decideVerdict, type DecideVerdictParameters, type HistorySignal } from "../../core/verdict.ts";
import { buildBatch, deployRegistryWithBrand, EXPIRY, GTIN, LABEL_HOST, LOT, onChainCode, PREFIX } from "../helpers/registry.ts";
import { gtinIn } from "../helpers/prefixes.ts";

const { ethers, networkHelpers, provider } = await network.create();

// Hardhat's well-known account #3, the fixture's signer: a public test key, never funded anywhere real.
const SIGNER_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
/** The same account signs for the fixture's brand in every registry the fixture deploys. */
const SIGNER_KEY_OF_FIXTURE = SIGNER_KEY;
// Hardhat's well-known account #4, the fixture's `stranger`: here a rival brand's signer.
const STRANGER_KEY = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a";
const BASE = "https://id.example.com";
const SERIALS = ["SER1", "SER2", "SER3", "SER4", "SER5"];

/** The registry read through viem over the in-process chain: the reader the server, browser and CLI use. */
function registryReader(chainId: number, address: Address): ChainReader {
  return createRegistryReader({ client: createClient({ transport: custom(provider) }), chainId, registry: address });
}

/** A reader whose node is down: every call rejects, as a viem transport does on a network error. */
function unreachableReader(chainId: number, registry: Address): ChainReader {
  const down = () => Promise.reject(new Error("fetch failed: connect ECONNREFUSED 127.0.0.1:8545"));
  return {
    chainId,
    registry,
    getChainId: down,
    getSigner: down,
    getBatch: down,
    getItemStatus: down,
    getActivation: down,
    getBrand: down,
    getGtinOwner: down,
    isLabelDomain: down,
  };
}

function signedLink(code: ItemCode, key: Hex, chainId: number, registry: Address): string {
  const signature = signDigest(new ItemDigester(registryDomain(chainId, registry)).digest(code), key);
  return buildDigitalLink({ base: BASE, code, signature: encodeSignature(signature) });
}

describe("core/verdict", function () {
  async function anchored() {
    const fixture = await deployRegistryWithBrand(ethers);
    const batch = buildBatch(fixture.brandId, SERIALS);
    await fixture.registry
      .connect(fixture.signer)
      .registerBatch(BigInt(GTIN), LOT, EXPIRY, SERIALS.length, batch.tree.root, "ipfs://batch");
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const address = (await fixture.registry.getAddress()) as Address;
    const chain = registryReader(chainId, address);
    /** The label of item `i` as the brand prints it, and the proof an honest server gives for it. */
    const item = (i: number) => ({
      code: batch.codes[i]!,
      uri: signedLink(batch.codes[i]!, SIGNER_KEY, chainId, address),
      proof: batch.tree.proof(i),
    });
    return { ...fixture, batch, chainId, address, chain, item };
  }

  /** The verifier's roots: by default the deployment the reader reads, as a verifier built for it has. */
  const rootOf = (chain: ChainReader): TrustRoot => ({ name: "Test consortium", chainId: chain.chainId, productRegistry: chain.registry, rpcUrls: [] });

  /** A fixed day before the fixture's expiry (28 February 2027), so that no verdict here changes with the clock. */
  const TODAY = new Date("2026-12-05T12:00:00Z");

  async function decide(overrides: Partial<DecideVerdictParameters> & Pick<DecideVerdictParameters, "chain">) {
    return decideVerdict({ uri: "", proof: undefined, roots: [rootOf(overrides.chain)], now: TODAY, ...overrides });
  }

  it("uses the fixture signer's key", async function () {
    const { signer } = await networkHelpers.loadFixture(anchored);
    expect(privateKeyToAddress(SIGNER_KEY)).to.equal(signer.address);
  });

  context("when the label was issued by an active signer and the server's proof is honest", function () {
    it("is GENUINE, with the signer, brand, batch and statuses", async function () {
      const { chain, item, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
      const { uri, proof, code } = item(0);
      const verdict = await decide({ uri, chain, proof });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.reasons).to.deep.equal([]);
      expect(verdict.code).to.deep.equal(code);
      expect(verdict.signer).to.equal(signer.address);
      expect(verdict.brandId).to.equal(brandId);
      expect(verdict.batchId).to.equal(batch.batchId);
      expect(verdict.itemId).to.equal(itemIdOf(batch.batchId, code.serial));
      expect(verdict.batch).to.include({ merkleRoot: batch.tree.root, signer: signer.address, itemCount: SERIALS.length });
      expect(verdict.itemStatus).to.equal("Active");
      expect(verdict.batchStatus).to.equal("Active");
      expect(verdict).not.to.have.property("activation");
    });

    it("shows the first sale: who recorded it, when and in which country", async function () {
      const { chain, item, registry, brandAdmin, brandId } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(2);
      await registry.connect(brandAdmin).activateItem(brandId, onChainCode(code), proof, "0x4445");
      const verdict = await decide({ ...item(2), chain });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.activation).to.deep.equal({
        seller: brandAdmin.address,
        activatedAt: await networkHelpers.time.latest(),
        country: "DE",
      });
    });

    it("stays GENUINE for an earlier batch after its signer is removed", async function () {
      const { chain, item, registry, brandAdmin, brandId, signer } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
      const verdict = await decide({ ...item(1), chain });
      expect(verdict.verdict).to.equal("GENUINE");
    });
  });

  context("COUNTERFEIT", function () {
    it("when the text is not an item code, with the GS1 error code", async function () {
      const { chain } = await networkHelpers.loadFixture(anchored);
      const badCheckDigit = await decide({ uri: `${BASE}/01/09506000134353/10/L1/21/S1`, chain });
      expect(badCheckDigit.verdict).to.equal("COUNTERFEIT");
      expect(badCheckDigit.reasons).to.have.length(1);
      expect(badCheckDigit.reasons[0]).to.include({ code: "UNPARSEABLE_CODE", detail: "GS1_BAD_CHECK_DIGIT" });
      const text = await decide({ uri: "hello", chain });
      expect(text.reasons[0]).to.include({ code: "UNPARSEABLE_CODE", detail: "GS1_BAD_URI" });
    });

    it("when the code carries no signature", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const verdict = await decide({ uri: buildDigitalLink({ base: BASE, code }), chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]!.code).to.equal("UNSIGNED");
    });

    it("when the signature does not decode", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const verdict = await decide({ uri: buildDigitalLink({ base: BASE, code, signature: "abc" }), chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]).to.include({ code: "BAD_SIGNATURE", detail: "SIGNATURE_BAD_LENGTH" });
    });

    it("when the code is signed by a key that is no brand's signer", async function () {
      const { chain, item, chainId, address } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const forger = generatePrivateKey();
      const verdict = await decide({ uri: signedLink(code, forger, chainId, address), chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.signer).to.equal(privateKeyToAddress(forger));
      expect(verdict.reasons[0]!.code).to.equal("SIGNER_NOT_REGISTERED");
    });

    it("when the code was signed for another registry deployment", async function () {
      const { chain, item, chainId } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const elsewhere = "0x000000000000000000000000000000000000dEaD" as Address;
      const verdict = await decide({ uri: signedLink(code, SIGNER_KEY, chainId, elsewhere), chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]!.code).to.equal("SIGNER_NOT_REGISTERED");
      expect(verdict.reasons[0]!.message).to.match(/another chain or another registry deployment/);
    });

    it("when the code was signed for another chain", async function () {
      const { chain, item, address } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const verdict = await decide({ uri: signedLink(code, SIGNER_KEY, 1, address), chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]!.code).to.equal("SIGNER_NOT_REGISTERED");
    });

    it("when the serial was changed after signing, even with that serial's real proof", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const genuine = item(0);
      const tampered = genuine.uri.replace("/21/SER1", "/21/SER2");
      expect(tampered).to.not.equal(genuine.uri);
      const verdict = await decide({ uri: tampered, chain, proof: item(1).proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
    });

    it("when the brand anchored no batch for the lot", async function () {
      const { chain, chainId, address } = await networkHelpers.loadFixture(anchored);
      const code: ItemCode = { gtin: GTIN, lot: "L9999", serial: "SER1", expiry: EXPIRY };
      const verdict = await decide({ uri: signedLink(code, SIGNER_KEY, chainId, address), chain, proof: [] });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]!.code).to.equal("BATCH_NOT_ANCHORED");
    });

    it("when no proof was found for the item", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: item(0).uri, chain, proof: undefined });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]).to.include({ code: "NOT_IN_BATCH", detail: "NO_PROOF" });
    });

    it("when the server gives another item's proof", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: item(0).uri, chain, proof: item(1).proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]).to.include({ code: "NOT_IN_BATCH", detail: "PROOF_INVALID" });
    });

    it("when a lying server proves the item against a root of its own, not the one on chain", async function () {
      const { chain, batch } = await networkHelpers.loadFixture(anchored);
      // A signed label for a serial the brand never issued, and a tree the server made up that contains it.
      const { chainId, registry } = chain;
      const code: ItemCode = { gtin: GTIN, lot: LOT, serial: "EXTRA1", expiry: EXPIRY };
      const uri = signedLink(code, SIGNER_KEY, chainId, registry);
      const leaf = leafOf(itemIdOf(batch.batchId, "EXTRA1"), EXPIRY);
      const forgedTree = ItemMerkleTree.fromLeaves([...batch.leaves, leaf]);
      const proof = forgedTree.proof(SERIALS.length);
      expect(verifyProof(forgedTree.root, leaf, proof)).to.equal(true);
      const verdict = await decide({ uri, chain, proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]).to.include({ code: "NOT_IN_BATCH", detail: "PROOF_INVALID" });
    });

    it("when the proof is not even hex", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: item(0).uri, chain, proof: ["0x1234" as Hex] });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons[0]).to.include({ code: "NOT_IN_BATCH", detail: "MERKLE_BAD_NODE" });
    });
  });

  context("REVOKED", function () {
    it("when the item was recalled", async function () {
      const { chain, item, registry, brandAdmin, batch } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER1", Status.Recalled);
      const verdict = await decide({ ...item(0), chain });
      expect(verdict.verdict).to.equal("REVOKED");
      expect(verdict.itemStatus).to.equal("Recalled");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["ITEM_RECALLED"]);
      expect(verdict.reasons[0]!.message).to.match(/item recalled/);
      expect((await decide({ ...item(1), chain })).verdict).to.equal("GENUINE");
    });

    it("when the whole batch was stolen", async function () {
      const { chain, item, registry, brandAdmin, batch } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).setBatchStatus(batch.batchId, Status.Stolen);
      const verdict = await decide({ ...item(2), chain });
      expect(verdict.verdict).to.equal("REVOKED");
      expect(verdict.batchStatus).to.equal("Stolen");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["BATCH_STOLEN"]);
      expect(verdict.reasons[0]!.message).to.match(/whole batch stolen/);
    });

    it("when the signing key was removed before the batch was anchored by another signer", async function () {
      const { registry, brandAdmin, brandId, signer, stranger, chain } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).addSigner(brandId, stranger.address);
      await registry.connect(brandAdmin).removeSigner(brandId, signer.address);
      const later = buildBatch(brandId, ["NEW1", "NEW2"], "L2612");
      await registry.connect(stranger).registerBatch(BigInt(GTIN), "L2612", EXPIRY, 2, later.tree.root, "");
      // The stolen key keeps signing labels for the brand's newer batch.
      const uri = signedLink(later.codes[0]!, SIGNER_KEY, chain.chainId, chain.registry);
      const verdict = await decide({ uri, chain, proof: later.tree.proof(0) });
      expect(verdict.verdict).to.equal("REVOKED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["SIGNER_REVOKED_BEFORE_BATCH"]);
      expect(verdict.batch!.signer).to.equal(stranger.address);
    });

    it("stays REVOKED when the scan history is also suspicious, with both reasons", async function () {
      const { chain, item, registry, brandAdmin, batch } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER1", Status.Destroyed);
      const history: HistorySignal = { suspicious: true, reasons: [{ code: "CLONE_PATTERN", message: "scanned in two cities" }] };
      const verdict = await decide({ ...item(0), chain, history });
      expect(verdict.verdict).to.equal("REVOKED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["ITEM_DESTROYED", "CLONE_PATTERN"]);
    });
  });

  context("SUSPICIOUS", function () {
    const history: HistorySignal = {
      suspicious: true,
      reasons: [{ code: "CLONE_PATTERN", message: "Scanned in 3 countries within an hour" }],
    };

    it("when a genuine item's scan history is suspicious, with the history's reasons", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain, history });
      expect(verdict.verdict).to.equal("SUSPICIOUS");
      expect(verdict.reasons).to.deep.equal(history.reasons);
    });

    it("never for a counterfeit: a forged code is COUNTERFEIT whatever its history", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: item(0).uri, chain, proof: item(1).proof, history });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
    });

    it("not when the history is clean", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain, history: { suspicious: false, reasons: [] } });
      expect(verdict.verdict).to.equal("GENUINE");
    });
  });

  context("expiry (AI 17)", function () {
    const LAST_DAY = new Date("2027-02-28T23:59:59Z");
    const DAY_AFTER = new Date("2027-03-01T00:00:00Z");

    it("gives the expiry date of a genuine item still in date, with no reason", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain, now: LAST_DAY });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.expiry).to.deep.equal({ date: "2027-02-28", expired: false });
      expect(verdict.reasons).to.deep.equal([]);
    });

    it("keeps an expired genuine item GENUINE, with an EXPIRED reason naming the date", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain, now: DAY_AFTER });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.expiry).to.deep.equal({ date: "2027-02-28", expired: true });
      expect(verdict.reasons).to.deep.equal([
        { code: "EXPIRED", message: "The item expired on 2027-02-28: it should not be sold or used", detail: "2027-02-28" },
      ]);
    });

    it("adds EXPIRED after the history's reasons on a SUSPICIOUS item", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const history: HistorySignal = { suspicious: true, reasons: [{ code: "CLONE_PATTERN", message: "scanned in two cities" }] };
      const verdict = await decide({ ...item(0), chain, history, now: DAY_AFTER });
      expect(verdict.verdict).to.equal("SUSPICIOUS");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CLONE_PATTERN", "EXPIRED"]);
    });

    it("gives a revoked or forged code's date but no EXPIRED reason: its verdict already says not to use it", async function () {
      const { chain, item, registry, brandAdmin, batch } = await networkHelpers.loadFixture(anchored);
      await registry.connect(brandAdmin).setItemStatus(batch.batchId, "SER1", Status.Recalled);
      const revoked = await decide({ ...item(0), chain, now: DAY_AFTER });
      expect(revoked.verdict).to.equal("REVOKED");
      expect(revoked.expiry).to.deep.equal({ date: "2027-02-28", expired: true });
      expect(revoked.reasons.map((r) => r.code)).to.deep.equal(["ITEM_RECALLED"]);
      const forged = await decide({ uri: item(1).uri, chain, proof: item(2).proof, now: DAY_AFTER });
      expect(forged.verdict).to.equal("COUNTERFEIT");
      expect(forged.expiry).to.deep.equal({ date: "2027-02-28", expired: true });
      expect(forged.reasons.map((r) => r.code)).to.deep.equal(["NOT_IN_BATCH"]);
    });

    it("reads DD = 00 as the month's last day", async function () {
      const { chain, brandId, registry, signer } = await networkHelpers.loadFixture(anchored);
      const endOfMonth = buildBatch(brandId, ["EOM1"], "L2700", 270200);
      await registry.connect(signer).registerBatch(BigInt(GTIN), "L2700", 270200, 1, endOfMonth.tree.root, "");
      const uri = signedLink(endOfMonth.codes[0]!, SIGNER_KEY, chain.chainId, chain.registry);
      const inDate = await decide({ uri, chain, proof: endOfMonth.tree.proof(0), now: LAST_DAY });
      expect(inDate.verdict).to.equal("GENUINE");
      expect(inDate.expiry).to.deep.equal({ date: "2027-02-28", expired: false });
      const expired = await decide({ uri, chain, proof: endOfMonth.tree.proof(0), now: DAY_AFTER });
      expect(expired.expiry).to.deep.equal({ date: "2027-02-28", expired: true });
      expect(expired.reasons.map((r) => r.code)).to.deep.equal(["EXPIRED"]);
    });

    it("has no expiry for a code without AI 17", async function () {
      const { chain, brandId, registry, signer } = await networkHelpers.loadFixture(anchored);
      const noExpiry = buildBatch(brandId, ["NOEXP"], "L0000", 0);
      await registry.connect(signer).registerBatch(BigInt(GTIN), "L0000", 0, 1, noExpiry.tree.root, "");
      const code: ItemCode = { gtin: GTIN, lot: "L0000", serial: "NOEXP" };
      const uri = signedLink(code, SIGNER_KEY, chain.chainId, chain.registry);
      const verdict = await decide({ uri, chain, proof: noExpiry.tree.proof(0), now: DAY_AFTER });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict).not.to.have.property("expiry");
      expect(verdict.reasons).to.deep.equal([]);
    });
  });

  context("UNVERIFIED, when the chain cannot be read", function () {
    it("reports SIGNATURE_VALID_OFFLINE when the signer is known from an earlier check", async function () {
      const { item, chainId, address, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
      const knownSigners = new Map([[signer.address.toLowerCase() as Address, { brandId, removedAt: 0n }]]);
      const verdict = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNATURE_VALID_OFFLINE"]);
      expect(verdict.reasons[1]!.message).to.match(/not yet checked on chain/);
      expect(verdict.signer).to.equal(signer.address);
      expect(verdict.batchId).to.equal(batch.batchId);
    });

    it("says nothing could be checked when the signer is unknown", async function () {
      const { item, chainId, address } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain: unreachableReader(chainId, address) });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNER_UNKNOWN_OFFLINE"]);
      expect(verdict.reasons[1]!.message).to.match(/nothing could be checked/);
    });

    it("when the chain fails after the signer was read", async function () {
      const { item, chain, signer, brandId } = await networkHelpers.loadFixture(anchored);
      const flaky: ChainReader = { ...chain, getBatch: () => Promise.reject(new Error("timeout")) };
      const knownSigners = new Map([[signer.address as Address, { brandId, removedAt: 0n }]]);
      const verdict = await decide({ ...item(0), chain: flaky, knownSigners });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNATURE_VALID_OFFLINE"]);
    });

    context("when the chain said earlier that the signer was removed", function () {
      const REMOVED_AT = 1_796_457_752n;

      it("reports SIGNER_REMOVED_OFFLINE, never SIGNATURE_VALID_OFFLINE, when this device does not know when the batch was anchored", async function () {
        const { item, chainId, address, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
        const knownSigners = new Map([[signer.address as Address, { brandId, removedAt: REMOVED_AT, brandName: "Acme" }]]);
        const verdict = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners });
        expect(verdict.verdict).to.equal("UNVERIFIED");
        expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNER_REMOVED_OFFLINE"]);
        expect(verdict.reasons[1]!.message).to.contain('"Acme" removed on 2026-12-05T').and.to.contain("cannot tell when this label's batch was anchored");
        expect(verdict.reasons[1]!.detail).to.equal(new Date(Number(REMOVED_AT) * 1000).toISOString().replace(".000Z", "Z"));
        expect(verdict).to.include({ batchId: batch.batchId, signerRemovedAt: REMOVED_AT });
      });

      it("is REVOKED when the device knows the batch was anchored at or after the removal (the online cut-off rule)", async function () {
        const { item, chainId, address, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
        const knownSigners = new Map([[signer.address as Address, { brandId, removedAt: REMOVED_AT }]]);
        for (const anchoredAt of [Number(REMOVED_AT), Number(REMOVED_AT) + 60]) {
          const knownBatches = new Map([[batch.batchId, anchoredAt]]);
          const verdict = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners, knownBatches });
          expect(verdict.verdict).to.equal("REVOKED");
          expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["SIGNER_REVOKED_BEFORE_BATCH", "CHAIN_UNREACHABLE"]);
        }
      });

      it("says a removal in the batch's own second was in the same second, in dates rather than Unix seconds", async function () {
        const { item, chainId, address, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
        const knownSigners = new Map([[signer.address as Address, { brandId, removedAt: REMOVED_AT }]]);
        const when = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
        const sameSecond = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners, knownBatches: new Map([[batch.batchId, Number(REMOVED_AT)]]) });
        const message = sameSecond.reasons[0]!.message;
        expect(message).to.contain(`removed from its brand on ${when(Number(REMOVED_AT))}, the same second this batch was anchored`);
        expect(message).not.to.contain("before").and.not.to.contain(String(REMOVED_AT));
        expect(sameSecond.reasons[0]!.detail).to.equal(when(Number(REMOVED_AT)));
        const later = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners, knownBatches: new Map([[batch.batchId, Number(REMOVED_AT) + 60]]) });
        expect(later.reasons[0]!.message).to.contain(`on ${when(Number(REMOVED_AT))}, before this batch was anchored on ${when(Number(REMOVED_AT) + 60)}`);
      });

      it("still reports SIGNATURE_VALID_OFFLINE for a batch the device knows was anchored before the removal", async function () {
        const { item, chainId, address, signer, brandId, batch } = await networkHelpers.loadFixture(anchored);
        const knownSigners = new Map([[signer.address as Address, { brandId, removedAt: REMOVED_AT }]]);
        const knownBatches = new Map([[batch.batchId, Number(REMOVED_AT) - 1]]);
        const verdict = await decide({ ...item(0), chain: unreachableReader(chainId, address), knownSigners, knownBatches });
        expect(verdict.verdict).to.equal("UNVERIFIED");
        expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["CHAIN_UNREACHABLE", "SIGNATURE_VALID_OFFLINE"]);
        expect(verdict.reasons[1]!.message).to.contain("after this batch was anchored");
      });
    });

    it("is still COUNTERFEIT for text that fails without the chain", async function () {
      const { chainId, address } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: "hello", chain: unreachableReader(chainId, address) });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
    });
  });

  context("trust anchors", function () {
    /** A reader that counts every call, to show what an untrusted deployment is never asked. */
    function counting(chain: ChainReader): { reader: ChainReader; calls: () => number } {
      let calls = 0;
      const reader = Object.fromEntries(
        Object.entries(chain).map(([key, value]) => [
          key,
          typeof value === "function" ? (...args: unknown[]) => (calls++, (value as (...a: unknown[]) => unknown)(...args)) : value,
        ]),
      ) as ChainReader;
      return { reader, calls: () => calls };
    }

    it("names the issuing brand, its country, the GTIN's owner and the label host from the chain", async function () {
      const { chain, item, brandId } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.brand).to.deep.equal({ brandId, name: "Acme", country: "GB" });
      expect(verdict.gtinOwner).to.deep.equal({ brandId, name: "Acme", country: "GB", prefix: PREFIX });
      expect(verdict.attributedTo).to.equal(brandId);
      expect(verdict.labelHost).to.equal(LABEL_HOST);
      expect(verdict.root).to.deep.equal({ name: "Test consortium", chainId: chain.chainId, registry: chain.registry });
    });

    it("believes nothing from a reader on a registry outside the roots, and reads nothing from it", async function () {
      const { chain, item, chainId } = await networkHelpers.loadFixture(anchored);
      const { reader, calls } = counting(chain);
      const otherRoot: TrustRoot = { name: "Real consortium", chainId, productRegistry: "0x000000000000000000000000000000000000dEaD", rpcUrls: [] };
      const verdict = await decide({ ...item(0), chain: reader, roots: [otherRoot] });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["UNTRUSTED_REGISTRY"]);
      expect(calls()).to.equal(0);
    });

    it("is UNVERIFIED with RPC_WRONG_CHAIN when the node reports another chain id", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ ...item(0), chain: { ...chain, getChainId: async () => chain.chainId + 1 } });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["RPC_WRONG_CHAIN"]);
      expect(verdict.reasons[0]!.message).to.contain(`chain ${chain.chainId + 1}, not chain ${chain.chainId}`);
    });

    it("is UNVERIFIED with RPC_WRONG_CHAIN when a node of another chain fails the registry's reads", async function () {
      const { chain, item } = await networkHelpers.loadFixture(anchored);
      const noCode = () => Promise.reject(new Error("execution reverted: no contract code"));
      const other: ChainReader = { ...chain, getChainId: async () => 5, getSigner: noCode, getGtinOwner: noCode };
      const verdict = await decide({ ...item(0), chain: other });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["RPC_WRONG_CHAIN"]);
    });

    it("is COUNTERFEIT with GTIN_NOT_OWNED when another brand signs the owner's GTIN, attributed to the owner", async function () {
      const { chain, registry, registrar, stranger, brandId, chainId, address } = await networkHelpers.loadFixture(anchored);
      // A rival admitted brand, with a prefix and a signer of its own, signs labels for Acme's product.
      const [, , , , , rivalAdmin] = await ethers.getSigners();
      const rivalId = brandIdOf("Rival");
      await registry.connect(registrar).admitBrand("Rival", "0x4652", rivalAdmin!.address, "");
      await registry.connect(registrar).assignPrefix(rivalId, "9506001");
      await registry.connect(rivalAdmin).addSigner(rivalId, stranger.address);
      // The registry itself refuses to anchor the rival's batch of Acme's GTIN.
      await expect(registry.connect(stranger).registerBatch(BigInt(GTIN), "FAKE1", 0, 1, ethers.id("root"), ""))
        .to.be.revertedWithCustomError(registry, "ProductRegistryGtinNotOwned")
        .withArgs(BigInt(GTIN), rivalId, brandId);
      expect(privateKeyToAddress(STRANGER_KEY)).to.equal(stranger.address);
      const uri = signedLink({ gtin: GTIN, lot: "FAKE1", serial: "S1" }, STRANGER_KEY, chainId, address);
      const verdict = await decide({ uri, chain, proof: [] });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["GTIN_NOT_OWNED"]);
      expect(verdict.reasons[0]!.message).to.contain('"Rival"').and.to.contain('belongs to "Acme"');
      expect(verdict.brand).to.deep.include({ brandId: rivalId, name: "Rival", country: "FR" });
      expect(verdict.attributedTo).to.equal(brandId);
    });

    it("attributes an unsigned copy to the brand holding the GTIN's prefix", async function () {
      const { chain, item, brandId } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: buildDigitalLink({ base: BASE, code: item(0).code }), chain, proof: item(0).proof });
      expect(verdict.verdict).to.equal("COUNTERFEIT");
      expect(verdict.attributedTo).to.equal(brandId);
      expect(verdict.gtinOwner).to.deep.include({ name: "Acme", prefix: PREFIX });
    });

    it("says no brand owns a GTIN outside every prefix", async function () {
      const { chain } = await networkHelpers.loadFixture(anchored);
      const verdict = await decide({ uri: buildDigitalLink({ base: BASE, code: { gtin: gtinIn("7777777"), lot: "L", serial: "S" } }), chain });
      expect(verdict.gtinOwner).to.equal(null);
      expect(verdict).not.to.have.property("attributedTo");
    });

    it("flags a genuine code on a label whose link points to a host the brand did not register", async function () {
      const { chain, item, chainId, address } = await networkHelpers.loadFixture(anchored);
      const { code, proof } = item(0);
      const signature = signDigest(new ItemDigester(registryDomain(chainId, address)).digest(code), SIGNER_KEY);
      const uri = buildDigitalLink({ base: "https://acme-verify.example", code, signature: encodeSignature(signature) });
      const verdict = await decide({ uri, chain, proof });
      expect(verdict.verdict).to.equal("SUSPICIOUS");
      expect(verdict.reasons).to.have.length(1);
      expect(verdict.reasons[0]).to.include({ code: "LABEL_HOST_NOT_REGISTERED", detail: "acme-verify.example" });
      expect(verdict.reasons[0]!.message).to.contain("acme-verify.example");
    });

    it("never calls a label GENUINE from a deployment a lying service announces, and still knows the real ones", async function () {
      const { chain, item, chainId } = await networkHelpers.loadFixture(anchored);
      // A copy of the registry with a brand of the same name, which has anchored a forged batch.
      const fake = await deployRegistryWithBrand(ethers);
      const fakeAddress = (await fake.registry.getAddress()) as Address;
      const forged = buildBatch(fake.brandId, ["FORGED1"]);
      await fake.registry.connect(fake.signer).registerBatch(BigInt(GTIN), LOT, EXPIRY, 1, forged.tree.root, "");
      const forgedUri = signedLink(forged.codes[0]!, SIGNER_KEY_OF_FIXTURE, chainId, fakeAddress);
      const announced = { chainId, registry: fakeAddress };
      // Read through the trusted root, whatever the service announced.
      const verdict = await decide({ uri: forgedUri, chain, proof: forged.tree.proof(0), announced });
      expect(verdict.verdict).to.equal("UNVERIFIED");
      expect(verdict.reasons.map((r) => r.code)).to.deep.equal(["UNTRUSTED_REGISTRY"]);
      expect(verdict.reasons[0]!.message).to.contain(fakeAddress);
      // Read through the announced registry itself: outside the roots, so nothing is believed.
      const followed = await decide({ uri: forgedUri, chain: registryReader(chainId, fakeAddress), proof: forged.tree.proof(0), roots: [rootOf(chain)] });
      expect(followed.verdict).to.equal("UNVERIFIED");
      // With no announcement the forged label is what it is on the trusted record: not signed by any of its brands.
      expect((await decide({ uri: forgedUri, chain, proof: forged.tree.proof(0) })).verdict).to.equal("COUNTERFEIT");
      // A genuine label stays GENUINE behind the same lying service.
      expect((await decide({ ...item(0), chain, announced })).verdict).to.equal("GENUINE");
    });

    it("keeps a batch anchored before its prefix moved GENUINE, and names the prefix's new holder", async function () {
      const { chain, item, registry, registrar } = await networkHelpers.loadFixture(anchored);
      const [, , , , , newcomerAdmin] = await ethers.getSigners();
      const newcomer = brandIdOf("Newcomer");
      await registry.connect(registrar).admitBrand("Newcomer", "0x0000", newcomerAdmin!.address, "");
      await registry.connect(registrar).transferPrefix(PREFIX, newcomer);
      const verdict = await decide({ ...item(0), chain });
      expect(verdict.verdict).to.equal("GENUINE");
      expect(verdict.brand!.name).to.equal("Acme");
      expect(verdict.gtinOwner).to.deep.include({ brandId: newcomer, name: "Newcomer", country: "" });
    });
  });
});
