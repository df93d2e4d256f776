/**
 * Freshness over the real in-process chain: whatever the per-block cache holds, a change mined on chain
 * is in the very next verification.
 */
import { expect } from "chai";
import { onChainCode } from "../../../helpers/registry.ts";
import { issueBatch, type IssuedBatch } from "../../../helpers/issued.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { accountKey } from "../../../../server/features/organisations/organisations.ts";

for (const cache of ["on", "off"] as const) {
  describe(`verification freshness (VERIFY_CACHE=${cache})`, function () {
    let svc: TestService;
    let acme: Awaited<ReturnType<TestService["newBrand"]>>;
    let batch: IssuedBatch;
    const verify = async (uri: string) => (await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uri)}`)).body;

    before(async function () {
      svc = await startTestService({ VERIFY_CACHE: cache });
      acme = await svc.newBrand("Acme");
      batch = await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "F1", quantity: 3 });
    });

    after(async function () {
      await svc?.close();
    });

    it("shows a batch recall on the very next verify after a cached GENUINE one", async function () {
      const uri = batch.uris[0]!;
      expect((await verify(uri)).verdict).to.equal("GENUINE");
      expect((await verify(uri)).verdict).to.equal("GENUINE"); // now served from the block's cache
      const recall = await svc.api("POST", `/api/v1/batches/${batch.id}/status`, { key: acme.apiKey, body: { status: "recalled" } });
      expect(recall.status).to.equal(200);
      const after = await verify(uri);
      expect(after.verdict).to.equal("REVOKED");
      expect(after.batchStatus).to.equal("Recalled");
      const lifted = await svc.api("POST", `/api/v1/batches/${batch.id}/status`, { key: acme.apiKey, body: { status: "active" } });
      expect(lifted.status).to.equal(200);
      expect((await verify(uri)).verdict).to.equal("GENUINE");
    });

    it("shows a first sale on the very next verify", async function () {
      const uri = batch.uris[1]!;
      expect((await verify(uri)).firstSale).to.equal(null);
      const org = (await svc.ctx.store.findOrganisationByName("Acme"))!;
      const admin = (await accountKey(svc.ctx, org.id, "admin"))!;
      const proof = (await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent(uri)}`)).body.proof;
      const code = parseDigitalLink(uri).code;
      await svc.ctx.chain.execute(admin.key, "setStatus", svc.ctx.chain.registryCall("activateItem", [acme.brandId, onChainCode(code), proof, "0x4652"]));
      const after = await verify(uri);
      expect(after.verdict).to.equal("GENUINE");
      expect(after.firstSale).to.include({ seller: admin.address, country: "FR" });
    });

    it("shows a signer's removal on the very next verify", async function () {
      const uri = batch.uris[2]!;
      expect((await verify(uri)).signerRemovedAt).to.equal("0");
      await svc.api("POST", "/api/v1/signers", { key: acme.apiKey });
      const removed = await svc.api("DELETE", `/api/v1/signers/${acme.signer}`, { key: acme.apiKey });
      expect(removed.status, JSON.stringify(removed.body)).to.equal(200);
      const after = await verify(uri);
      expect(after.signerRemovedAt).to.not.equal("0");
      // Anchored before the removal: the brand's earlier batches stay valid.
      expect(after.verdict).to.equal("GENUINE");
    });

    it("reports the block its reads were pinned to, moving with the chain", async function () {
      const first = await verify(batch.uris[0]!);
      if (cache === "off") return expect(first.checked.blockNumber).to.equal(null);
      await svc.connection.networkHelpers.mine();
      const second = await verify(batch.uris[0]!);
      expect(BigInt(second.checked.blockNumber)).to.equal(BigInt(first.checked.blockNumber) + 1n);
    });
  });
}
