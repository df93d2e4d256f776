import { expect } from "chai";
import { hexToBytes, type Hex } from "viem";
import { productRegistryAbi } from "../../../../core/abi/index.ts";
import { itemDigest, registryDomain } from "../../../../core/eip712.ts";
import { parseDigitalLink } from "../../../../core/gs1/index.ts";
import { verifyProof } from "../../../../core/merkle.ts";
import { decodeSignature, recoverSigner } from "../../../../core/signature.ts";
import { SignerStanding, Status } from "../../../../core/status.ts";
import { decodeQrPng } from "../../../helpers/qr.ts";
import { startTestService, type TestService } from "../../../helpers/service.ts";
import { storedBytes } from "../../../helpers/raw-store.ts";
import { unzip } from "../../../helpers/zip.ts";

describe("issuing a batch, end to end", function () {
  let svc: TestService;
  let brand: Awaited<ReturnType<TestService["newBrand"]>>;
  let batch: any;

  before(async function () {
    svc = await startTestService();
    brand = await svc.newBrand("Acme");
    const created = await svc.api("POST", "/api/v1/batches", {
      key: brand.apiKey,
      body: { gtin: "9506000134352", lot: "L2611", expiry: "270228", quantity: 25 },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    expect(created.headers.get("location")).to.equal(`/api/v1/batches/${created.body.id}`);
    batch = await svc.waitForBatch(brand.apiKey, created.body.id);
  });

  after(async function () {
    await svc?.close();
  });

  const readRegistry = (functionName: string, args: unknown[]) =>
    svc.ctx.chain.client.readContract({ address: svc.ctx.chain.registry, abi: productRegistryAbi, functionName, args } as never) as Promise<any>;

  it("confirms the batch with its transaction, block and every item generated", function () {
    expect(batch.state).to.equal("confirmed");
    expect(batch.progress).to.deep.equal({ generated: 25, total: 25 });
    expect(batch.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(batch.blockNumber).to.be.a("number");
    expect(batch.gtin).to.equal("09506000134352");
  });

  it("anchors the batch root on chain, signed by the brand's signer", async function () {
    const onChain = await readRegistry("getBatch", [batch.id]);
    expect(onChain.merkleRoot).to.equal(batch.merkleRoot);
    expect(onChain.itemCount).to.equal(25);
    expect(onChain.signer).to.equal(brand.signer);
  });

  it("prints PNG labels whose QR decodes to a signed URI that the chain accepts", async function () {
    const res = await fetch(`${svc.url}/api/v1/batches/${batch.id}/labels?format=png`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/zip/);
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    expect(files.size).to.equal(25);
    const [, png] = [...files.entries()][7]!;

    // The decoder reads the printed label; everything after this comes from what it read.
    const uri = decodeQrPng(png);
    const { code, signature } = parseDigitalLink(uri);
    expect(code).to.include({ gtin: "09506000134352", lot: "L2611", expiry: 270228 });

    const domain = registryDomain(svc.ctx.deployment.chainId, svc.ctx.deployment.productRegistry.address);
    const signer = recoverSigner(hexToBytes(itemDigest(domain, code)), decodeSignature(signature!));
    const signerRecord = await readRegistry("getSigner", [signer]);
    expect(signerRecord.brandId).to.equal(brand.brandId);
    expect(signerRecord.removedAt).to.equal(0n);

    const proof = await svc.api("GET", `/api/v1/proof?code=${encodeURIComponent(uri)}`);
    expect(proof.status).to.equal(200);
    const onChain = await readRegistry("getBatch", [proof.body.batchId]);
    expect(verifyProof(onChain.merkleRoot, proof.body.leaf, proof.body.proof)).to.equal(true);

    const verification = await readRegistry("verifySignedItem", [
      { gtin: BigInt(code.gtin), lot: code.lot, serial: code.serial, expiry: code.expiry ?? 0 },
      `0x${Buffer.from(decodeSignature(signature!)).toString("hex")}` as Hex,
      proof.body.proof,
    ]);
    expect(verification.proofValid).to.equal(true);
    expect(verification.signerStanding).to.equal(SignerStanding.Authorised);
  });

  it("serves the same proof from GTIN, lot and serial", async function () {
    const csv = await fetch(`${svc.url}/api/v1/batches/${batch.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const serial = (await csv.text()).trim().split("\n")[1]!.split(",")[2]!;
    const proof = await svc.api("GET", `/api/v1/proof?gtin=09506000134352&lot=L2611&serial=${serial}`);
    expect(proof.status).to.equal(200);
    expect(proof.body.code.serial).to.equal(serial);
    expect(verifyProof(batch.merkleRoot, proof.body.leaf, proof.body.proof)).to.equal(true);
  });

  it("makes 16-character serials from the unambiguous base32 alphabet (80 bits)", async function () {
    const res = await fetch(`${svc.url}/api/v1/batches/${batch.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    const serials = (await res.text()).trim().split("\n").slice(1).map((row) => row.split(",")[2]!);
    expect(serials).to.have.length(25);
    expect(new Set(serials).size).to.equal(25);
    for (const serial of serials) expect(serial).to.match(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it("writes a recall of the batch and a stolen item on chain", async function () {
    const recall = await svc.api("POST", `/api/v1/batches/${batch.id}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    expect(recall.status, JSON.stringify(recall.body)).to.equal(200);
    expect((await readRegistry("getBatch", [batch.id])).status).to.equal(Status.Recalled);

    const proof = await svc.api("GET", `/api/v1/proof?gtin=09506000134352&lot=L2611&serial=${(await firstSerial())}`);
    const stolen = await svc.api("POST", `/api/v1/batches/${batch.id}/items/${proof.body.code.serial}/status`, {
      key: brand.apiKey,
      body: { status: "stolen" },
    });
    expect(stolen.status, JSON.stringify(stolen.body)).to.equal(200);
    expect(await readRegistry("getItemStatus", [proof.body.itemId])).to.equal(Status.Stolen);

    const again = await svc.api("POST", `/api/v1/batches/${batch.id}/status`, { key: brand.apiKey, body: { status: "recalled" } });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.equal("STATUS_UNCHANGED");
  });

  async function firstSerial(): Promise<string> {
    const res = await fetch(`${svc.url}/api/v1/batches/${batch.id}/labels?format=csv`, { headers: { authorization: `Bearer ${brand.apiKey}` } });
    return (await res.text()).trim().split("\n")[1]!.split(",")[2]!;
  }

  it("takes the brand's own serial list", async function () {
    const serials = ["OWN-1", "OWN/2", "OWN%3", "OWN&4"];
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "OWNLIST", serials } });
    expect(created.status).to.equal(202);
    const done = await svc.waitForBatch(brand.apiKey, created.body.id);
    expect(done.state).to.equal("confirmed");
    const proof = await svc.api("GET", `/api/v1/proof?gtin=09506000134352&lot=OWNLIST&serial=${encodeURIComponent("OWN/2")}`);
    expect(proof.status).to.equal(200);
    expect(parseDigitalLink(proof.body.uri).code.serial).to.equal("OWN/2");
  });

  it("keeps the brand's keys encrypted at rest and out of every answer", async function () {
    const db = await storedBytes(svc);
    const accounts = (await svc.ctx.store.listAccounts((await svc.ctx.store.findOrganisationByName("Acme"))!.id));
    expect(accounts.map((a) => a.role)).to.include.members(["admin", "signer"]);
    const brandView = JSON.stringify((await svc.api("GET", "/api/v1/brand", { key: brand.apiKey })).body);
    for (const account of accounts) {
      const key = svc.ctx.vault.open(account.address, account.encryptedKey);
      expect(db.includes(Buffer.from(key.slice(2), "hex")), `raw key of ${account.role} in the database`).to.equal(false);
      expect(db.toString("latin1").includes(key.slice(2)), `hex key of ${account.role} in the database`).to.equal(false);
      expect(brandView.includes(key.slice(2))).to.equal(false);
    }
  });

  it("lets the brand add a signer and cut one off on chain", async function () {
    const added = await svc.api("POST", "/api/v1/signers", { key: brand.apiKey });
    expect(added.status).to.equal(201);
    const fresh = added.body.signers.at(-1).address;
    expect((await readRegistry("getSigner", [fresh])).brandId).to.equal(brand.brandId);

    const removed = await svc.api("DELETE", `/api/v1/signers/${brand.signer}`, { key: brand.apiKey });
    expect(removed.status).to.equal(200);
    expect((await readRegistry("getSigner", [brand.signer])).removedAt).to.not.equal(0n);

    // New batches are signed by the remaining key; the earlier batch's labels still verify.
    const created = await svc.api("POST", "/api/v1/batches", { key: brand.apiKey, body: { gtin: "09506000134352", lot: "AFTER", quantity: 3 } });
    const done = await svc.waitForBatch(brand.apiKey, created.body.id);
    expect(done.state).to.equal("confirmed");
    expect(done.signer).to.equal(fresh);
  });
});
